#!/usr/bin/env python3
"""Draws Lotsen's home-screen icons (the favicon's "L" and yellow dot on the
theme colour) as PNG files in public/icons/, with the standard library only.

    python3 scripts/make-icons.py

icon-192.png and icon-512.png have rounded corners (transparent outside);
maskable-512.png fills the square and keeps the mark inside the central 80 %
(the safe zone of a maskable icon), so that any mask the phone uses fits.
"""
import os
import struct
import zlib

THEME = (0x0B, 0x4F, 0x71, 255)
WHITE = (255, 255, 255, 255)
YELLOW = (0xFF, 0xD2, 0x3F, 255)
CLEAR = (0, 0, 0, 0)


def draw(size, maskable):
    """RGBA rows of the icon, in the favicon's 32-unit grid."""
    # The mark (the favicon's L and dot) is scaled into `inner` units, centred.
    inner = 32 * (0.8 if maskable else 1.0)
    offset = (32 - inner) / 2
    rows = []
    samples = 4  # 4x4 supersampling smooths the edges
    for y in range(size):
        row = bytearray()
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    u = (x + (sx + 0.5) / samples) * 32 / size
                    v = (y + (sy + 0.5) / samples) * 32 / size
                    colour = pixel(u, v, maskable, inner, offset)
                    for i in range(4):
                        acc[i] += colour[i]
            n = samples * samples
            row.extend(round(c / n) for c in acc)
        rows.append(bytes(row))
    return rows


def pixel(u, v, maskable, inner, offset):
    if not maskable and not in_rounded_square(u, v, 32, 7):
        return CLEAR
    # Back into the mark's own 32-unit grid.
    m = (u - offset) * 32 / inner
    n = (v - offset) * 32 / inner
    if (m - 23) ** 2 + (n - 10) ** 2 <= 9:
        return YELLOW
    if (11 <= m < 15 and 7 <= n < 25) or (11 <= m < 23 and 21 <= n < 25):
        return WHITE
    return THEME


def in_rounded_square(u, v, side, r):
    cx = min(max(u, r), side - r)
    cy = min(max(v, r), side - r)
    return (u - cx) ** 2 + (v - cy) ** 2 <= r * r


def png(rows, size):
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "public", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("maskable-512.png", 512, True)]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(png(draw(size, maskable), size))
        print(f"wrote public/icons/{name}")


if __name__ == "__main__":
    main()
