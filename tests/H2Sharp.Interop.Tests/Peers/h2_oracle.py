"""Python h2 4.1.0 as a differential oracle for H2Sharp: a server-side h2.connection.H2Connection
(header validation on) fed the bytes a client sent, printing one normalised line per event.

stdin: hex chunks, one per line, fed in order; after each chunk, DataReceived is acknowledged
(acknowledge_received_data), as the H2Sharp side does. A connection error prints
"error <code>" and stops. Lines:
  RequestReceived <sid> <name>=<value>|...      TrailersReceived <sid> ...
  DataReceived <sid> <length> <flow_controlled_length>     StreamEnded <sid>
  StreamReset <sid> <code> <remote 0|1>        PriorityUpdated <sid> <weight> <depends_on> <exclusive 0|1>
  WindowUpdated <sid> <delta>   PingReceived <hex>   RemoteSettingsChanged <code>=<value>,...
  SettingsAcknowledged   ConnectionTerminated <code> <last_stream_id>   Other <class name>
"""
import sys

import h2.config
import h2.connection
import h2.events
import h2.exceptions


def fields(headers):
    return "|".join(f"{n.decode('latin-1')}={v.decode('latin-1')}" for n, v in headers)


def describe(e):
    if isinstance(e, h2.events.RequestReceived):
        return f"RequestReceived {e.stream_id} {fields(e.headers)}"
    if isinstance(e, h2.events.TrailersReceived):
        return f"TrailersReceived {e.stream_id} {fields(e.headers)}"
    if isinstance(e, h2.events.DataReceived):
        return f"DataReceived {e.stream_id} {len(e.data)} {e.flow_controlled_length}"
    if isinstance(e, h2.events.StreamEnded):
        return f"StreamEnded {e.stream_id}"
    if isinstance(e, h2.events.StreamReset):
        return f"StreamReset {e.stream_id} {int(e.error_code)} {int(e.remote_reset)}"
    if isinstance(e, h2.events.PriorityUpdated):
        return f"PriorityUpdated {e.stream_id} {e.weight} {e.depends_on} {int(e.exclusive)}"
    if isinstance(e, h2.events.WindowUpdated):
        return f"WindowUpdated {e.stream_id} {e.delta}"
    if isinstance(e, h2.events.PingReceived):
        return f"PingReceived {e.ping_data.hex()}"
    if isinstance(e, h2.events.RemoteSettingsChanged):
        changed = ",".join(f"{int(k)}={v.new_value}" for k, v in sorted(e.changed_settings.items()))
        return f"RemoteSettingsChanged {changed}"
    if isinstance(e, h2.events.SettingsAcknowledged):
        return "SettingsAcknowledged"
    if isinstance(e, h2.events.ConnectionTerminated):
        return f"ConnectionTerminated {int(e.error_code)} {e.last_stream_id}"
    return f"Other {type(e).__name__}"


def main() -> None:
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False, validate_inbound_headers=True))
    conn.initiate_connection()
    out = []
    for line in sys.stdin.read().split():
        try:
            events = conn.receive_data(bytes.fromhex(line))
        except h2.exceptions.ProtocolError as ex:
            out.append(f"error {int(ex.error_code)}")
            break
        for e in events:
            out.append(describe(e))
            if isinstance(e, h2.events.DataReceived) and e.flow_controlled_length:
                conn.acknowledge_received_data(e.flow_controlled_length, e.stream_id)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
