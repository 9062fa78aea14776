"""HPACK oracle for H2Sharp's interop tests, using Python's hpack (Debian python3-hpack).

decode: stdin holds one hex-encoded header block per line, all from one connection;
        prints a JSON list of header lists ([[name, value], ...]) decoded with one Decoder.
encode: stdin holds a JSON list of header lists; prints one hex block per line, encoded with
        one Encoder (Huffman on, the library's default indexing).
"""
import json
import sys

import hpack


def main() -> None:
    mode = sys.argv[1]
    if mode == "decode":
        decoder = hpack.Decoder()
        out = []
        for line in sys.stdin.read().split():
            fields = decoder.decode(bytes.fromhex(line), raw=True)
            out.append([[n.decode("latin-1"), v.decode("latin-1")] for n, v in fields])
        json.dump(out, sys.stdout)
    elif mode == "encode":
        encoder = hpack.Encoder()
        for header_list in json.load(sys.stdin):
            block = encoder.encode([(n.encode("latin-1"), v.encode("latin-1")) for n, v in header_list])
            sys.stdout.write(block.hex() + "\n")
    else:
        raise SystemExit("usage: hpack_oracle.py decode|encode")


if __name__ == "__main__":
    main()
