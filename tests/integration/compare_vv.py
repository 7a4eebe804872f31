#!/usr/bin/python3
"""compare_vv.py THEIRS OURS: compare the row images of `mariadb-binlog
--base64-output=decode-rows -vv` (THEIRS) with `binprime events` text (OURS).

Both print rows as `### INSERT INTO ...`, `### WHERE`, `### SET` and
`###   @N=value` lines. mariadb-binlog adds a /* type meta=... */ comment, pads
FLOAT/DOUBLE to 20 columns, and prints integers it cannot type as
`-1 (255)` (signed, then unsigned reading) since it ignores the SIGNEDNESS
metadata; binprime prints the one value the column type gives. A line matches
when the texts are equal after removing the comment and padding, or when
theirs is `A (B)` and ours is A or B. Exit 1 on any difference.
"""
import re
import sys

ALT = re.compile(r"^(###   @\d+=)(-\d+) \((\d+)\)$")


def rows(path):
    out = []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "surrogateescape").rstrip("\n")
            if not line.startswith("###"):
                continue
            line = re.sub(r" /\* .*\*/$", "", line).rstrip(" ")
            out.append(line)
    return out


def main():
    theirs, ours = rows(sys.argv[1]), rows(sys.argv[2])
    bad = 0
    if len(theirs) != len(ours):
        print("row lines: mariadb-binlog %d, binprime %d" % (len(theirs), len(ours)))
        bad += 1
    for i, (t, o) in enumerate(zip(theirs, ours)):
        if t == o:
            continue
        m = ALT.match(t)
        if m and o in (m.group(1) + m.group(2), m.group(1) + m.group(3)):
            continue
        bad += 1
        if bad <= 10:
            print("line %d: mariadb-binlog %r, binprime %r" % (i + 1, t, o))
    print("%d row lines compared, %d differ" % (len(theirs), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
