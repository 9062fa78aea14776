"""Python h2 4.1.0 as a server for H2Sharp's client tests. Prints "listening PORT", serves
connections one at a time until killed (or 60 s pass).

  /hello     200 "hello from python h2\n"
  /echo      the request body back
  /trailers  200, body, then trailers
  /bytes/N   N bytes, byte i = i % 251
  else       404
"""
import socket
import sys
import time

import h2.config
import h2.connection
import h2.events


def serve(sock: socket.socket) -> None:
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())
    requests = {}
    sending = {}  # stream id -> [remaining body, trailers]

    def respond(stream_id):
        headers, body = requests.pop(stream_id)
        path = headers[":path"]
        trailers = None
        if path == "/hello":
            out = b"hello from python h2\n"
        elif path == "/echo":
            out = bytes(body)
        elif path == "/trailers":
            out = b"python body\n"
            trailers = [("x-sum", "42")]
        elif path.startswith("/bytes/"):
            out = bytes(i % 251 for i in range(int(path[7:])))
        else:
            conn.send_headers(stream_id, [(":status", "404"), ("content-length", "0")], end_stream=True)
            return
        response = [(":status", "200"), ("server", "python-h2")]
        if trailers is None:
            response.append(("content-length", str(len(out))))
        conn.send_headers(stream_id, response)
        sending[stream_id] = [memoryview(out), trailers]

    def pump():
        for stream_id in list(sending):
            rest, trailers = sending[stream_id]
            while rest:
                window = min(conn.local_flow_control_window(stream_id), conn.max_outbound_frame_size)
                if window <= 0:
                    break
                chunk, rest = rest[:window], rest[window:]
                conn.send_data(stream_id, bytes(chunk), end_stream=not rest and trailers is None)
            sending[stream_id][0] = rest
            if not rest:
                if trailers is not None:
                    conn.send_headers(stream_id, trailers, end_stream=True)
                del sending[stream_id]

    while True:
        data = sock.recv(65536)
        if not data:
            return
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.RequestReceived):
                requests[event.stream_id] = ({n.decode(): v.decode() for n, v in event.headers}, bytearray())
            elif isinstance(event, h2.events.DataReceived):
                requests[event.stream_id][1].extend(event.data)
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                respond(event.stream_id)
            elif isinstance(event, h2.events.StreamReset):
                requests.pop(event.stream_id, None)
                sending.pop(event.stream_id, None)
            elif isinstance(event, h2.events.ConnectionTerminated):
                sock.sendall(conn.data_to_send())
                return
        pump()
        sock.sendall(conn.data_to_send())


def main() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(60)
    print(f"listening {listener.getsockname()[1]}", flush=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        sock, _ = listener.accept()
        sock.settimeout(30)
        try:
            serve(sock)
        finally:
            sock.close()


if __name__ == "__main__":
    sys.exit(main())
