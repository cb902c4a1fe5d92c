#!/usr/bin/env python3
"""A screenshot is a real picture: a PNG of at least the size asked for, with
enough colours and enough ink that the page was drawn (not blank, not one
colour).  Standard library only: the PNG is decoded here.
Usage: png_check.py FILE MIN_WIDTH MIN_HEIGHT; prints one line, exits 1 on failure.
Colours and ink are counted over the first 400 rows."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG (no signature)")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    # the first 400 rows are enough to tell a drawn page from a blank one,
    # and decoding in Python costs a second per million pixels
    for y in range(min(height, 400)):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    path, min_w, min_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    try:
        width, height, bpp, rows = pixels(path)
    except Exception as e:  # a broken file is a failed check, with its reason
        print(f"{path}: {e}")
        return 1
    counts = {}
    for row in rows[::2]:                      # every other row and column: plenty, and quick
        for x in range(0, width * bpp, 2 * bpp):
            px = row[x:x + 3]
            counts[px] = counts.get(px, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    ink = 1 - background / total
    print(f"{path}: {width}x{height}, {len(counts)} colours, {100 * ink:.1f}% of the pixels not the background")
    return 0 if width >= min_w and height >= min_h and len(counts) >= 16 and ink >= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
