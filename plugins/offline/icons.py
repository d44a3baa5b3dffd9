"""The app icons, drawn at build: no image tool needed, only zlib.

A white map pin with a round hole on the theme colour. The maskable icon keeps the pin
inside the central 80% "safe zone" that launchers never crop.
"""

from __future__ import annotations

import math
import struct
import zlib

THEME = (0x0B, 0x4F, 0x6C)
WHITE = (0xFF, 0xFF, 0xFF)


def _png(size: int, pixel) -> bytes:
    rows = b"".join(b"\x00" + bytes(c for x in range(size) for c in pixel(x, y)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _in_pin(u: float, v: float) -> bool:
    """Is (u, v), in a unit square, inside the pin (a disc over a point, minus a hole)?"""
    cx, cy, r = 0.5, 0.4, 0.28
    d = math.hypot(u - cx, v - cy)
    if d <= r:
        return d > r * 0.42
    # The point: between the disc's tangents and the tip at (0.5, 0.92).
    if cy < v <= 0.92:
        half = r * (0.92 - v) / (0.92 - cy) * 1.15
        return abs(u - cx) <= min(half, r)
    return False


def icon(size: int, maskable: bool = False) -> bytes:
    """A square PNG icon of `size` pixels."""
    scale = 0.62 if maskable else 0.82  # share of the side the pin's box takes
    offset = (1 - scale) / 2

    def pixel(x: int, y: int):
        u = ((x + 0.5) / size - offset) / scale
        v = ((y + 0.5) / size - offset) / scale
        return WHITE if 0 <= u <= 1 and 0 <= v <= 1 and _in_pin(u, v) else THEME

    return _png(size, pixel)
