"""Python h2 as a client against an H2Sharp server: GET, a POST upload that crosses the flow-control
windows, and a response with trailers, on one connection. Prints one JSON object.

usage: python3 h2_client.py PORT
"""
import hashlib
import json
import socket
import sys

import h2.config
import h2.connection
import h2.events

UPLOAD = bytes((i * 7 + 3) % 251 for i in range(300_000))


def main() -> None:
    port = int(sys.argv[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    authority = f"127.0.0.1:{port}"

    def request(method, path, end_stream):
        sid = conn.get_next_available_stream_id()
        conn.send_headers(sid, [(":method", method), (":scheme", "http"), (":authority", authority), (":path", path)],
                          end_stream=end_stream)
        return sid

    results = {}
    get_id = request("GET", "/hello", True)
    trailers_id = request("GET", "/trailers", True)
    post_id = request("POST", "/echo", False)
    for sid, path in ((get_id, "/hello"), (trailers_id, "/trailers"), (post_id, "/echo")):
        results[sid] = {"path": path, "headers": None, "body": bytearray(), "trailers": None, "ended": False}
    to_send = memoryview(UPLOAD)

    def push_upload():
        nonlocal to_send
        while to_send:
            window = min(conn.local_flow_control_window(post_id), conn.max_outbound_frame_size)
            if window <= 0:
                return
            chunk, to_send = to_send[:window], to_send[window:]
            conn.send_data(post_id, bytes(chunk), end_stream=not to_send)

    push_upload()
    sock.sendall(conn.data_to_send())
    while not all(r["ended"] for r in results.values()):
        data = sock.recv(65536)
        if not data:
            raise SystemExit("server closed the connection")
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.ResponseReceived):
                results[event.stream_id]["headers"] = [[n.decode(), v.decode()] for n, v in event.headers]
            elif isinstance(event, h2.events.DataReceived):
                results[event.stream_id]["body"] += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.TrailersReceived):
                results[event.stream_id]["trailers"] = [[n.decode(), v.decode()] for n, v in event.headers]
            elif isinstance(event, h2.events.StreamEnded):
                results[event.stream_id]["ended"] = True
            elif isinstance(event, h2.events.StreamReset):
                raise SystemExit(f"stream {event.stream_id} reset: {event.error_code}")
        push_upload()
        sock.sendall(conn.data_to_send())
    conn.close_connection()
    sock.sendall(conn.data_to_send())
    sock.close()
    out = []
    for sid, r in sorted(results.items()):
        out.append({"streamId": sid, "path": r["path"], "headers": r["headers"], "trailers": r["trailers"],
                    "length": len(r["body"]), "sha256": hashlib.sha256(bytes(r["body"])).hexdigest()})
    print(json.dumps({"uploadSha256": hashlib.sha256(UPLOAD).hexdigest(), "results": out}))


if __name__ == "__main__":
    main()
