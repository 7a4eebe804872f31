#!/usr/bin/env python3
"""mkregress.py: write the synthetic regression inputs of tests/fuzz/regress/.

Each input is a small hand-built binlog that reproduces one bug the fuzzer
found (see tests/fuzz/README.md), built from scratch here so that no byte of a
real log is copied into the repository. The .bin files are committed; run this
only to regenerate them:  python3 tests/fuzz/mkregress.py tests/fuzz/regress
"""
import os
import struct
import sys
import zlib

# post-header lengths by type code - 1 (MySQL 8.0 / MariaDB 10.x)
POST_HEADER = {1: 56, 2: 13, 4: 8, 6: 18, 8: 4, 9: 4, 10: 4, 11: 4, 12: 18, 15: 84, 17: 4,
               18: 26, 19: 8, 20: 8, 21: 8, 22: 8, 23: 8, 24: 8, 25: 8, 26: 2, 30: 10, 31: 10,
               32: 10, 33: 42, 34: 42, 36: 18, 37: 52, 39: 10, 42: 42, 161: 4, 162: 19, 163: 4,
               165: 13, 166: 8, 167: 8, 168: 8, 169: 10, 170: 10, 171: 10}

TABLE_MAP, WRITE_ROWS, UPDATE_ROWS, FDE = 19, 30, 31, 15


class Log:
    def __init__(self, version="8.0.36", crc=True, n_post_header=42):
        self.crc = crc
        self.out = bytearray(b"\xfebin")
        ph = bytes(POST_HEADER.get(i + 1, 0) for i in range(n_post_header))
        body = struct.pack("<H", 4) + version.encode().ljust(50, b"\0") + struct.pack("<I", 1700000000)
        body += bytes([19]) + ph + bytes([1 if crc else 0])
        self.event(FDE, body, force_crc=True)

    def event(self, type_code, body, force_crc=False):
        with_crc = self.crc or force_crc
        length = 19 + len(body) + 4
        if not with_crc and type_code != FDE:
            length -= 4
        pos = len(self.out) + length
        ev = struct.pack("<IBIIIH", 1700000000, type_code, 1, length, pos, 0) + body
        if type_code == FDE or with_crc:
            ev += struct.pack("<I", zlib.crc32(ev) & 0xffffffff)
        self.out += ev

    def table_map(self, table_id, db, table, types, meta, optional=b""):
        n = len(types)
        body = struct.pack("<Q", table_id)[:6] + struct.pack("<H", 1)
        body += bytes([len(db)]) + db + b"\0" + bytes([len(table)]) + table + b"\0"
        body += packed(n) + bytes(types) + packed(len(meta)) + meta
        body += bytes([0xff] * ((n + 7) // 8))  # all nullable
        body += optional
        self.event(TABLE_MAP, body)

    def rows(self, type_code, table_id, width, cols, rows_data, flags=1):
        body = struct.pack("<Q", table_id)[:6] + struct.pack("<H", flags) + struct.pack("<H", 2)
        body += packed(width) + cols + rows_data
        self.event(type_code, body)


def packed(v):
    if v < 251:
        return bytes([v])
    if v < 1 << 16:
        return b"\xfc" + struct.pack("<H", v)
    if v < 1 << 24:
        return b"\xfd" + struct.pack("<I", v)[:3]
    return b"\xfe" + struct.pack("<Q", v)


def opt_field(t, value):
    return bytes([t]) + packed(len(value)) + value


def empty_set_json(path):
    """SET column with value 0 (the empty set) and its names in the optional
    metadata: the JSON formatter built the name list in an empty buffer and
    handed (NULL, 0) to bp_utf8_valid / bp_buf_add_json_str, pointer
    arithmetic on NULL (UBSan: applying zero offset to null pointer)."""
    log = Log()
    names = [b"a", b"b"]
    set_str = packed(len(names)) + b"".join(packed(len(s)) + s for s in names)
    optional = opt_field(10, packed(45)) + opt_field(5, set_str)
    # STRING column whose metadata says real type SET (0xf8), pack length 1
    log.table_map(70, b"db", b"t", [254], b"\xf8\x01", optional)
    # one row: null bitmap 0, value 0x00 (empty set)
    log.rows(WRITE_ROWS, 70, 1, b"\x01", b"\x00\x00")
    open(path, "wb").write(log.out)


def empty_row_loop(path):
    """Rows event whose column bitmap has no column set, followed by row
    bytes: each row image is empty, the cursor never moves, and the row loop
    allocated rows until memory ran out (an endless loop)."""
    log = Log()
    log.table_map(71, b"db", b"t", [3], b"")
    log.rows(WRITE_ROWS, 71, 1, b"\x00", b"\x00\x00\x00")
    open(path, "wb").write(log.out)


CASES = {
    "empty-set-json.bin": empty_set_json,
    "empty-row-loop.bin": empty_row_loop,
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "regress")
    os.makedirs(out, exist_ok=True)
    for name, fn in CASES.items():
        fn(os.path.join(out, name))
        print(os.path.join(out, name))
