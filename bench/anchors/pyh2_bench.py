#!/usr/bin/python3
"""Performance anchor: Python h2 (4.1.0) on the workloads of
bench/WORKLOADS.md.  Run with Debian's /usr/bin/python3 (python3-h2).

usage: /usr/bin/python3 pyh2_bench.py W1|W2|W3|W4|all [...]

Environment knobs (defaults are the reported configuration):
  BENCH_RUNS=5        timed runs (median reported)
  BENCH_MIN_S=1.0     minimum length of one timed run, seconds
  BENCH_WARMUP_S=1.0  warm-up length, seconds (untimed)
  W4_BATCHES=10       W1 batches captured for the W4 byte stream
  HPACK_DIR=...       story directory for W3
"""
import glob
import json
import os
import statistics
import sys
import time
from collections import deque

import h2
import h2.config
import h2.connection
import h2.events
import h2.settings
import hpack
from h2.settings import SettingCodes

RequestReceived = h2.events.RequestReceived
ResponseReceived = h2.events.ResponseReceived
DataReceived = h2.events.DataReceived
StreamEnded = h2.events.StreamEnded
WindowUpdated = h2.events.WindowUpdated

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
MIN_S = float(os.environ.get("BENCH_MIN_S", "1.0"))
WARMUP_S = float(os.environ.get("BENCH_WARMUP_S", "1.0"))
W4_BATCHES = int(os.environ.get("W4_BATCHES", "10"))
HERE = os.path.dirname(os.path.abspath(__file__))
HPACK_DIR = os.environ.get(
    "HPACK_DIR",
    os.path.join(HERE, "..", "..", "tests", "testdata", "hpack-test-case", "raw-data"))

BATCH = 100
BODY_LEN = 1024
BODY = b"x" * BODY_LEN
W2_BODY = 64 * 1024 * 1024


def fail(msg):
    sys.stderr.write("FAIL: %s\n" % msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def req_headers(n):
    return [
        (b":method", b"GET"),
        (b":scheme", b"https"),
        (b":authority", b"example.com"),
        (b":path", b"/resource/%d" % n),
        (b"user-agent", b"bench-client/1.0"),
        (b"accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        (b"accept-encoding", b"gzip, deflate, br"),
        (b"accept-language", b"en-US,en;q=0.5"),
        (b"cookie", b"session=0123456789abcdef0123456789abcdef"),
    ]


RESP_W1 = [
    (b":status", b"200"),
    (b"content-type", b"application/json"),
    (b"content-length", b"1024"),
    (b"server", b"bench-server/1.0"),
    (b"cache-control", b"no-cache"),
]
RESP_W2 = [
    (b":status", b"200"),
    (b"content-type", b"application/octet-stream"),
    (b"content-length", str(W2_BODY).encode()),
    (b"server", b"bench-server/1.0"),
    (b"cache-control", b"no-cache"),
]


class Pair:
    """A client and a server H2Connection wired together through memory."""

    def __init__(self, capture=None, body_len=BODY_LEN):
        self.c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
        self.s = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        self.capture = capture          # list: server-received byte chunks (W4)
        self.body_len = body_len
        self.n = 0                      # request counter -> :path /resource/<n>
        self.sent = 0                   # requests sent
        # server side
        self.req_received = 0
        self.req_ended = 0
        self.pending = deque()          # server: [stream_id, bytes_left] waiting for window
        # client side
        self.resp_received = 0
        self.resp_ended = 0
        self.body_bytes = 0
        self.data_frames = 0
        self.c.initiate_connection()
        self.s.initiate_connection()
        self.pump()

    # --- server ---------------------------------------------------------
    def server_recv(self, data):
        s = self.s
        for ev in s.receive_data(data):
            t = type(ev)
            if t is RequestReceived:
                self.req_received += 1
                sid = ev.stream_id
                s.send_headers(sid, RESP_W1 if self.body_len == BODY_LEN else RESP_W2)
                self.pending.append([sid, self.body_len])
            elif t is StreamEnded:
                self.req_ended += 1
        self.flush()

    def flush(self):
        s = self.s
        pending = self.pending
        if self.body_len == BODY_LEN:
            # W1: exactly one DATA frame of 1024 bytes with END_STREAM;
            # wait for window if the whole body does not fit.
            while pending:
                sid = pending[0][0]
                if s.local_flow_control_window(sid) < BODY_LEN:
                    break
                s.send_data(sid, BODY, end_stream=True)
                pending.popleft()
        else:
            # W2: frames of the peer's max frame size, limited by the window.
            maxf = s.max_outbound_frame_size
            chunk = b"y" * maxf
            while pending:
                item = pending[0]
                sid, left = item
                win = s.local_flow_control_window(sid)
                while left and win:
                    n = min(win, maxf, left)
                    left -= n
                    win -= n
                    s.send_data(sid, chunk if n == maxf else chunk[:n],
                                end_stream=(left == 0))
                item[1] = left
                if left:
                    break
                pending.popleft()

    # --- client ---------------------------------------------------------
    def client_recv(self, data):
        c = self.c
        for ev in c.receive_data(data):
            t = type(ev)
            if t is DataReceived:
                if self.body_len == BODY_LEN and ev.flow_controlled_length != BODY_LEN:
                    fail("W1 DATA frame of %d bytes" % ev.flow_controlled_length)
                self.data_frames += 1
                self.body_bytes += len(ev.data)
                c.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
            elif t is ResponseReceived:
                if ev.headers[0] != (b":status", b"200"):
                    fail("bad response headers %r" % (ev.headers,))
                self.resp_received += 1
            elif t is StreamEnded:
                self.resp_ended += 1

    def send_requests(self, count):
        c = self.c
        for _ in range(count):
            sid = c.get_next_available_stream_id()
            c.send_headers(sid, req_headers(self.n), end_stream=True)
            self.n += 1
        self.sent += count

    def pump(self):
        c, s = self.c, self.s
        while True:
            moved = False
            d = c.data_to_send()
            if d:
                moved = True
                if self.capture is not None:
                    self.capture.append(bytes(d))
                self.server_recv(d)
            d = s.data_to_send()
            if d:
                moved = True
                self.client_recv(d)
            if not moved:
                return

    def verify(self, body_len):
        n = self.sent
        check(self.req_received == n, "server saw %d requests, sent %d" % (self.req_received, n))
        check(self.req_ended == n, "server saw %d request ends, sent %d" % (self.req_ended, n))
        check(self.resp_received == n, "client saw %d responses, sent %d" % (self.resp_received, n))
        check(self.resp_ended == n, "client saw %d response ends, sent %d" % (self.resp_ended, n))
        check(self.body_bytes == n * body_len,
              "client got %d body bytes, expected %d" % (self.body_bytes, n * body_len))
        check(not self.pending, "server still has pending bodies")
        check(self.c.open_outbound_streams == 0, "client has open streams")
        check(self.s.open_inbound_streams == 0, "server has open streams")


def clk():
    return time.perf_counter(), time.process_time()


def since(t0):
    w, c = clk()
    return w - t0[0], c - t0[1]


# CPU-time (time.process_time) based rates, a side figure that shows
# whether other load on the machine disturbed the wall-clock figure.
CPU = {}


def summarize(vals):
    med = statistics.median(vals)
    lo, hi = min(vals), max(vals)
    spread = (hi - lo) / med * 100 if med else 0.0
    return med, lo, hi, spread


def fmt(v):
    if v < 10:
        return "%.3f" % v
    return "%.1f" % v if v < 1000 else "%d" % round(v)


def report(label, vals, cpu=None):
    med, lo, hi, spread = summarize(vals)
    out = "%s: %s [min %s max %s spread %.1f%% n=%d" % (
        label, fmt(med), fmt(lo), fmt(hi), spread, len(vals))
    if cpu:
        out += "; cpu-time median %s" % fmt(statistics.median(cpu))
    return out + "]"


_detail = [""]


def detail(p):
    _detail[0] = "last run: %d requests, %d DATA frames (%.1f per response)" % (
        p.sent, p.data_frames, p.data_frames / p.sent)


# ---------------------------------------------------------------- W1
def w1_run(min_s):
    p = Pair()
    t0 = clk()
    while True:
        p.send_requests(BATCH)
        p.pump()
        if p.resp_ended != p.sent:
            fail("batch did not complete: %d/%d" % (p.resp_ended, p.sent))
        el, cpu = since(t0)
        if el >= min_s:
            break
    p.verify(BODY_LEN)
    check(p.data_frames == p.sent, "W1: %d DATA frames" % p.data_frames)
    detail(p)
    CPU.setdefault("W1", []).append(p.sent / cpu)
    return p.sent / el


def w1():
    w1_run(WARMUP_S)
    CPU.clear()
    vals = [w1_run(MIN_S) for _ in range(RUNS)]
    print(report("W1 requests/s", vals, CPU["W1"]), flush=True)
    sys.stderr.write("  W1 %s\n" % _detail[0])


# ---------------------------------------------------------------- W2
def w2_run(min_s):
    p = Pair(body_len=W2_BODY)
    t0 = clk()
    while True:
        p.send_requests(1)
        p.pump()
        if p.resp_ended != p.sent or p.body_bytes != p.sent * W2_BODY:
            fail("W2 stream did not complete")
        el, cpu = since(t0)
        if el >= min_s:
            break
    p.verify(W2_BODY)
    detail(p)
    CPU.setdefault("W2", []).append(p.body_bytes / (1024 * 1024) / cpu)
    return p.body_bytes / (1024 * 1024) / el


def w2():
    w2_run(WARMUP_S)
    CPU.clear()
    vals = [w2_run(MIN_S) for _ in range(RUNS)]
    print(report("W2 MiB/s", vals, CPU["W2"]), flush=True)
    sys.stderr.write("  W2 %s\n" % _detail[0])


# ---------------------------------------------------------------- W3
def load_stories():
    files = sorted(glob.glob(os.path.join(HPACK_DIR, "*.json")))
    check(files, "no stories in %s" % HPACK_DIR)
    stories = []
    for f in files:
        with open(f, "rb") as fh:
            d = json.load(fh)
        cases = []
        for case in d["cases"]:
            hl = []
            for h in case["headers"]:
                check(len(h) == 1, "%s: header object with %d keys" % (f, len(h)))
                for k, v in h.items():
                    hl.append((k.encode("utf-8"), v.encode("utf-8")))
            cases.append(hl)
        stories.append(cases)
    return files, stories


def w3_pass(stories, nfields):
    Encoder, Decoder = hpack.Encoder, hpack.Decoder
    t0 = clk()
    all_blocks = []
    for cases in stories:
        enc = Encoder()                 # default table size 4,096
        all_blocks.append([enc.encode(hl) for hl in cases])
    te = since(t0)
    t1 = clk()
    all_out = []
    for blocks in all_blocks:
        dec = Decoder()
        all_out.append([dec.decode(b, raw=True) for b in blocks])
    td = since(t1)
    # verify the round trip (outside the timed phases)
    count = 0
    for cases, outs in zip(stories, all_out):
        check(len(cases) == len(outs), "case count mismatch")
        for hl, out in zip(cases, outs):
            if [tuple(x) for x in out] != hl:
                fail("HPACK round trip mismatch: %r != %r" % (out[:3], hl[:3]))
            count += len(out)
    check(count == nfields, "decoded %d fields, expected %d" % (count, nfields))
    nbytes = sum(len(b) for bl in all_blocks for b in bl)
    return te, td, nbytes


def w3_run(stories, nfields, min_s):
    te = td = ce = cd = 0.0
    passes = 0
    while True:
        a, b, nbytes = w3_pass(stories, nfields)
        te += a[0]
        ce += a[1]
        td += b[0]
        cd += b[1]
        passes += 1
        if min(te, td) >= min_s:
            break
    CPU.setdefault("W3e", []).append(nfields * passes / ce)
    CPU.setdefault("W3d", []).append(nfields * passes / cd)
    return nfields * passes / te, nfields * passes / td, nbytes


def w3():
    files, stories = load_stories()
    nfields = sum(len(hl) for cases in stories for hl in cases)
    ncases = sum(len(cases) for cases in stories)
    w3_run(stories, nfields, WARMUP_S)
    CPU.clear()
    enc, dec = [], []
    for _ in range(RUNS):
        e, d, nbytes = w3_run(stories, nfields, MIN_S)
        enc.append(e)
        dec.append(d)
    print("%s  %s  (%d stories, %d header lists, %d fields, %d encoded bytes)" % (
        report("W3 encode fields/s", enc, CPU["W3e"]),
        report("decode fields/s", dec, CPU["W3d"]),
        len(stories), ncases, nfields, nbytes), flush=True)


# ---------------------------------------------------------------- W4
def w4_capture():
    cap = []
    p = Pair(capture=cap)
    for _ in range(W4_BATCHES):
        p.send_requests(BATCH)
        p.pump()
    p.verify(BODY_LEN)
    return b"".join(cap), p.sent


def w4_server():
    cfg = h2.config.H2Configuration(client_side=False)
    s = h2.connection.H2Connection(cfg)
    if W4_BATCHES > 1:
        # The replay server never answers, so the requests of later batches
        # would exceed the 100-stream limit that W1's answers kept clear:
        # lift the local SETTINGS_MAX_CONCURRENT_STREAMS before the preface.
        s.local_settings = h2.settings.Settings(
            client=False,
            initial_values={
                SettingCodes.MAX_CONCURRENT_STREAMS: 2**31 - 1,
                SettingCodes.MAX_HEADER_LIST_SIZE: s.DEFAULT_MAX_HEADER_LIST_SIZE,
            })
    s.initiate_connection()
    s.data_to_send()
    return s


def w4_replay(slices, nreq):
    s = w4_server()
    reqs = 0
    fields = 0
    t0 = clk()
    for sl in slices:
        for ev in s.receive_data(sl):
            if type(ev) is RequestReceived:
                reqs += 1
                fields += len(ev.headers)
    el = since(t0)
    if reqs != nreq or fields != nreq * 9:
        fail("W4 replay: %d requests / %d fields, expected %d / %d" % (reqs, fields, nreq, nreq * 9))
    return el


def w4_run(slices, total, nreq, min_s):
    el = cpu = 0.0
    n = 0
    while el < min_s:
        a, b = w4_replay(slices, nreq)
        el += a
        cpu += b
        n += 1
    CPU.setdefault("W4", []).append(total * n / (1024 * 1024) / cpu)
    return total * n / (1024 * 1024) / el


def w4():
    stream, nreq = w4_capture()
    SL = 16 * 1024
    slices = [stream[i:i + SL] for i in range(0, len(stream), SL)]
    w4_run(slices, len(stream), nreq, WARMUP_S)
    CPU.clear()
    vals = [w4_run(slices, len(stream), nreq, MIN_S) for _ in range(RUNS)]
    rps = statistics.median(vals) * 1024 * 1024 / len(stream) * nreq
    print("%s  (stream %d bytes, %d requests, %d slices; median = %d requests/s)" % (
        report("W4 MiB/s", vals, CPU["W4"]), len(stream), nreq, len(slices), rps), flush=True)


def idle():
    # import-only baseline for the memory figure
    print("idle", flush=True)


WORKLOADS = {"W1": w1, "W2": w2, "W3": w3, "W4": w4, "idle": idle}


def main(argv):
    names = argv[1:] or ["all"]
    if names == ["all"]:
        names = ["W1", "W2", "W3", "W4"]
    for n in names:
        if n not in WORKLOADS:
            fail("unknown workload %r (want W1 W2 W3 W4 all)" % n)
    sys.stderr.write("h2 %s, hpack %s, python %s\n" % (
        h2.__version__, hpack.__version__, sys.version.split()[0]))
    for n in names:
        WORKLOADS[n]()


if __name__ == "__main__":
    main(sys.argv)
