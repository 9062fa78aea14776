#!/usr/bin/env python3
"""Writes the seed corpus under fuzz/corpus/<target>/ (run from anywhere; deterministic).

Sources: the frame vectors quoted in tests/H2Sharp.Tests/Frames/*.cs, the captures in
tests/H2Sharp.Tests/TestData/*.h2c (DATA payloads cut to 16 octets to keep seeds small),
RFC 7541 Appendix C header blocks, and the first cases of a few hpack-test-case stories.
Seeds found by fuzzing are added by hand under <target>/found-*.
"""
import glob, json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def frames_of(stream):
    i = 0
    while i + 9 <= len(stream):
        length = int.from_bytes(stream[i:i + 3], "big")
        yield stream[i:i + 9], stream[i + 9:i + 9 + length]
        i += 9 + length


def shrink(stream):
    """The same frames, DATA payloads (type 0, unpadded) cut to 16 octets."""
    out = bytearray()
    for header, payload in frames_of(stream):
        if header[3] == 0 and not header[4] & 0x8 and len(payload) > 16:
            payload = payload[:16]
            header = len(payload).to_bytes(3, "big") + header[3:]
        out += header + payload
    return bytes(out)


# frames: selector byte + frame bytes.
vectors = []
for path in sorted(glob.glob(os.path.join(REPO, "tests/H2Sharp.Tests/Frames/*.cs"))):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r'"([0-9a-fA-F]{6} [0-9a-fA-F]{2} [0-9a-fA-F]{2} [0-9a-fA-F]{8}[0-9a-fA-F ]*)"', text):
        vectors.append(bytes.fromhex(m.group(1).replace(" ", "")))
seen = set()
for n, v in enumerate(vectors):
    if v in seen:
        continue
    seen.add(v)
    write("frames", f"vector-{n:03}", bytes([0]) + v)
write("frames", "all-vectors-sliced-3", bytes([0x02]) + b"".join(sorted(seen)))
write("frames", "all-vectors-validated", bytes([0x87]) + b"".join(sorted(seen)))

captures = {}
for path in sorted(glob.glob(os.path.join(REPO, "tests/H2Sharp.Tests/TestData/*.h2c"))):
    raw = open(path, "rb").read()
    assert raw.startswith(PREFACE)
    name = os.path.basename(path)[:-4]
    captures[name] = shrink(raw[len(PREFACE):])
    write("frames", f"capture-{name}", bytes([0]) + captures[name])
    write("frames", f"capture-{name}-sliced", bytes([0x9f]) + captures[name])

# hpack: flags, cut count, cuts (length | 0x80 ends the block), block data.
def script(blocks, flags=0, split=None):
    cuts = [0x80 | len(b) for b in blocks] if split is None else split
    assert len(cuts) <= 7 and all((c & 0x7f) < 128 for c in cuts)
    return bytes([flags, len(cuts)] + cuts) + b"".join(blocks)

def hx(s):
    return bytes.fromhex(s.replace(" ", ""))

c3 = [hx("8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"), hx("8286 84be 5808 6e6f 2d63 6163 6865"),
      hx("8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65")]
c4 = [hx("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff"), hx("8286 84be 5886 a8eb 1064 9cbf"),
      hx("8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf")]
c5 = [hx("4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"),
      hx("4803 3330 37c1 c0bf"),
      hx("88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31")]
c6 = [hx("4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"),
      hx("4883 640e ffc1 c0bf"),
      hx("88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07")]
c2 = [hx("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"), hx("040c 2f73 616d 706c 652f 7061 7468"),
      hx("1008 7061 7373 776f 7264 0673 6563 7265 74"), hx("82")]
write("hpack", "rfc7541-c2", script(c2))
write("hpack", "rfc7541-c3", script(c3))
write("hpack", "rfc7541-c4", script(c4))
write("hpack", "rfc7541-c5", script(c5, flags=0x01))
write("hpack", "rfc7541-c6", script(c6, flags=0x02))
write("hpack", "rfc7541-c3-fragmented", script(c3, split=[3, 0x80 | 17, 1, 0, 0x80 | 13, 0x80 | 29]))
write("hpack", "rfc7541-c4-one-block", script([b"".join(c4)], split=[]))
write("hpack", "rfc7541-c5-size-update-owed", script(c5, flags=0x04 | 0x08))
write("hpack", "size-update-then-field", script([hx("3fe11f 82"), hx("20 82")], flags=0x10))
for story in ["nghttp2-change-table-size/story_00", "swift-nio-hpack-plain-text/story_01",
              "haskell-http2-static-huffman/story_02", "haskell-http2-naive/story_03"]:
    path = os.path.join(REPO, "tests", "testdata", "hpack-test-case", story + ".json")
    if not os.path.exists(path):
        continue
    cases = json.load(open(path))["cases"]
    blocks = [hx(c["wire"]) for c in cases if len(c["wire"]) // 2 < 128][:6]
    write("hpack", "story-" + story.replace("/", "-"), script(blocks))

# hpack-memory: fragment size byte, prefix length, prefix, unit.
def bomb(fragment, prefix, unit):
    return bytes([fragment, len(prefix)]) + prefix + unit
big = b"\x40\x01x\x7f\x49" + b"a" * 200          # literal, incremental indexing, 200-octet value
write("hpack-memory", "index-62-repeated", bomb(0xff, big, b"\xbe"))
write("hpack-memory", "index-62-repeated-small-fragments", bomb(0, big, b"\xbe"))
write("hpack-memory", "static-index-repeated", bomb(0x10, b"", b"\x82"))
write("hpack-memory", "literal-indexing-churn", bomb(0x20, b"", b"\x40\x01y\x0a0123456789"))
write("hpack-memory", "never-indexed-1mib-value", bomb(0x40, b"\x10\x01z\x7f\x81\xff\x3f", b"b"))
write("hpack-memory", "huffman-indexed-literal", bomb(0x08, b"", b"\x40\x81\x1f\x85\xaa\xbb\xcc\xdd\xee"))

# connection: the bytes after the role's prefix (see ConnectionTarget), i.e. the frames a
# peer sends after its preface and SETTINGS.
for name, stream in captures.items():
    frames = list(frames_of(stream))
    rest = b"".join(h + p for h, p in frames[1:])   # the capture's own SETTINGS comes from the prefix
    write("connection-server", f"capture-{name}", bytes([0]) + rest)
    write("connection-server", f"capture-{name}-sliced", bytes([0x85]) + rest)

def frame(ftype, flags, stream, payload=b""):
    return len(payload).to_bytes(3, "big") + bytes([ftype, flags]) + stream.to_bytes(4, "big") + payload

SETTINGS_ACK = frame(4, 1, 0)
GET = hx("8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff")           # RFC 7541 C.4.1
write("connection-server", "get-request", bytes([0]) + SETTINGS_ACK + frame(1, 5, 1, GET))
write("connection-server", "post-with-continuation", bytes([0x43]) + SETTINGS_ACK
      + frame(1, 0, 1, GET[:5]) + frame(9, 0, 1, GET[5:9]) + frame(9, 4, 1, GET[9:])
      + frame(0, 0, 1, b"hello") + frame(0, 8 | 1, 1, b"\x02ab\x00\x00"))
write("connection-server", "control-frames", bytes([0x05]) + SETTINGS_ACK
      + frame(6, 0, 0, bytes(8)) + frame(8, 0, 0, (1000).to_bytes(4, "big"))
      + frame(4, 0, 0, (4).to_bytes(2, "big") + (100000).to_bytes(4, "big") + (1).to_bytes(2, "big") + (256).to_bytes(4, "big"))
      + frame(2, 0, 3, (1).to_bytes(4, "big") + b"\x0f") + frame(0x10, 0, 0, (1).to_bytes(4, "big") + b"u=1")
      + frame(1, 0x25, 3, (1).to_bytes(4, "big") + b"\x10" + GET) + frame(3, 0, 3, (8).to_bytes(4, "big"))
      + frame(0xbb, 0xff, 5, b"unknown") + frame(7, 0, 0, (3).to_bytes(4, "big") + bytes(4) + b"bye"))
write("connection-server", "two-requests-trailers", bytes([0x40]) + SETTINGS_ACK + frame(1, 4, 1, GET)
      + frame(0, 0, 1, b"body") + frame(1, 5, 1, hx("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"))
      + frame(1, 5, 3, hx("8286 84be")))

OK = hx("88")                                                    # :status 200
write("connection-client", "response-and-data", bytes([0]) + SETTINGS_ACK + frame(1, 4, 1, OK + hx("5c0134"))
      + frame(0, 1, 1, b"abcd") + frame(1, 5, 5, OK))
write("connection-client", "informational-then-trailers", bytes([0x41]) + SETTINGS_ACK
      + frame(1, 4, 1, hx("4803313030")) + frame(1, 4, 1, OK) + frame(0, 0, 1, b"x" * 10)
      + frame(1, 5, 1, hx("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572")))
write("connection-client", "push-promise", bytes([0x03]) + SETTINGS_ACK
      + frame(5, 4, 1, (2).to_bytes(4, "big") + GET) + frame(1, 4, 1, OK) + frame(1, 4, 2, OK)
      + frame(0, 1, 2, b"pushed") + frame(0, 1, 1, b"done"))
write("connection-client", "control-frames", bytes([0x07]) + SETTINGS_ACK
      + frame(6, 0, 0, bytes(8)) + frame(6, 1, 0, bytes(8)) + frame(8, 0, 1, (5).to_bytes(4, "big"))
      + frame(3, 0, 3, (7).to_bytes(4, "big")) + frame(0xa, 0, 0, (3).to_bytes(2, "big") + b"a.b" + b'h2=":443"')
      + frame(4, 0, 0, (3).to_bytes(2, "big") + (1).to_bytes(4, "big")) + frame(7, 0, 0, (1).to_bytes(4, "big") + (11).to_bytes(4, "big")))

# Selector bit 7: the tight limits of ConnectionTarget.TightConfiguration.
PING = frame(6, 0, 0, bytes(8))
write("connection-server", "tight-ping-flood", bytes([0x80]) + SETTINGS_ACK + PING * 20)
write("connection-server", "tight-too-many-streams", bytes([0x80]) + SETTINGS_ACK
      + b"".join(frame(1, 4, s, GET if s == 1 else hx("8286 84be")) for s in (1, 3, 5, 7)))
write("connection-server", "tight-window-overrun", bytes([0x80]) + SETTINGS_ACK + frame(1, 4, 1, GET)
      + frame(0, 0, 1, b"d" * 90) + frame(0, 0, 1, b"d" * 20))
write("connection-client", "tight-settings-flood", bytes([0x80]) + frame(4, 0, 0) * 30)
write("connection-client", "tight-push-limit", bytes([0x80]) + SETTINGS_ACK
      + b"".join(frame(5, 4, 1, p.to_bytes(4, "big") + GET) for p in (2, 4, 6)))

# Hand-made edge cases: each stops at a different rule, so mutations start from deep states.
def u32(v):
    return v.to_bytes(4, "big")

def setting(code, value):
    return code.to_bytes(2, "big") + u32(value)

edges = {
    "window-overflow-connection": frame(8, 0, 0, u32(0x7fffffff)),
    "window-overflow-stream": frame(1, 4, 1, GET) + frame(8, 0, 1, u32(0x7fffffff)),
    "initial-window-overflow": frame(1, 4, 1, GET) + frame(8, 0, 1, u32(0x7fff0000)) + frame(4, 0, 0, setting(4, 0x7fffffff)),
    "initial-window-shrink-negative": frame(1, 4, 1, GET) + frame(4, 0, 0, setting(4, 0)) + frame(8, 0, 1, u32(1)),
    "bad-settings-values": frame(4, 0, 0, setting(2, 2) + setting(5, 100) + setting(4, 0x80000000)),
    "self-dependency": frame(1, 0x24, 1, u32(1) + b"\x10" + GET) + frame(2, 0, 3, u32(3) + b"\x01"),
    "even-stream-from-client": frame(1, 5, 2, GET),
    "data-on-idle-and-zero": frame(0, 0, 9, b"x") + frame(0, 0, 0, b"y"),
    "bad-padding": frame(1, 0x0c, 1, b"\xff" + GET),
    "continuation-flood": frame(1, 0, 1, GET[:2]) + frame(9, 0, 1, b"") * 80 + frame(9, 4, 1, GET[2:]),
    "table-size-update-too-large": frame(1, 5, 1, hx("3fe17f") + GET),
    "rst-idle-and-window-zero": frame(3, 0, 11, u32(0)) + frame(1, 4, 1, GET) + frame(8, 0, 1, u32(0)),
    "stream-id-too-low": frame(1, 5, 5, GET) + frame(1, 5, 3, hx("8286 84be")),
    "goaway-then-headers": frame(7, 0, 0, u32(0) + u32(0)) + frame(1, 5, 1, GET),
    "headers-after-end-stream": frame(1, 5, 1, GET) + frame(1, 5, 1, hx("8286 84be")) + frame(0, 1, 1, b"late"),
    "content-length-mismatch": frame(1, 4, 1, GET + hx("5c0133")) + frame(0, 1, 1, b"toolong"),
    "uppercase-header-name": frame(1, 5, 1, GET + hx("4003 4142 43 0178")),
    "priority-update-and-priority-on-idle": frame(0x10, 0, 0, u32(7) + b"u=7, i") + frame(2, 0, 9, u32(11) + b"\x20"),
}
for name, body in edges.items():
    write("connection-server", "edge-" + name, bytes([0]) + SETTINGS_ACK + body)

client_edges = {
    "push-disabled-promise-on-closed": frame(1, 5, 1, OK) + frame(5, 4, 1, u32(2) + GET),
    "promise-odd-id": frame(5, 4, 1, u32(3) + GET),
    "response-without-status": frame(1, 5, 1, hx("5c0130")),
    "informational-with-end-stream": frame(1, 5, 1, hx("4803313030")),
    "data-before-headers": frame(0, 1, 1, b"x") + frame(1, 5, 3, OK),
    "goaway-last-stream-1": frame(7, 0, 0, u32(1) + u32(0) + b"debug") + frame(1, 5, 3, OK),
}
for name, body in client_edges.items():
    write("connection-client", "edge-" + name, bytes([0]) + SETTINGS_ACK + body)
