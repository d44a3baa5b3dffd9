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
_CX, _RADIUS = 0.5, 0.28  # the disc's centre across, and its radius, in the pin's unit square


def _png(size: int, rows: list[bytes]) -> bytes:
    """An RGB PNG of `size` rows of `size` pixels, each row its 3 bytes a pixel."""
    data = b"".join(b"\x00" + row for row in rows)  # filter type 0 (none) before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(data, 9)) + chunk(b"IEND", b"")


def _in_pin(u: float, v: float) -> bool:
    """Is (u, v), in a unit square, inside the pin (a disc over a point, minus a hole)?"""
    cx, cy, r = _CX, 0.4, _RADIUS
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
    place = [((i + 0.5) / size - offset) / scale for i in range(size)]  # a pixel's u (or v)
    # Only columns no wider from the middle than the disc's radius can be in the pin (its
    # point is no wider than the disc): the others are not asked, a cold build's icons
    # took 0.9 s asking every pixel.
    columns = [(x, u) for x, u in enumerate(place) if 0 <= u <= 1 and abs(u - _CX) <= _RADIUS]
    background = bytes(THEME) * size
    rows = []
    for v in place:
        row = bytearray(background)
        if 0 <= v <= 1:
            for x, u in columns:
                if _in_pin(u, v):
                    row[3 * x : 3 * x + 3] = bytes(WHITE)
        rows.append(bytes(row))
    return _png(size, rows)
