"""Recognise binary bodies whatever their Content-Type says.

Servers mislabel images, archives and office files as ``text/html``; decoding them as
text would store garbage or fail obscurely, so the body's own signature decides.
"""

from __future__ import annotations

# File signatures (magic numbers) of the binary types met on news and IR sites.
SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
    b"RIFF": "image/webp",
    b"PK\x03\x04": "application/zip",
    b"\x1f\x8b": "application/gzip",
    b"\xd0\xcf\x11\xe0": "application/msword",
    b"\x00\x00\x00": "video/mp4",
    b"ID3": "audio/mpeg",
}
# Share of NUL and other control bytes above which a body is not text in any encoding.
_CONTROL_SHARE = 0.1
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")


def binary_kind(body: bytes) -> str | None:
    """The binary type a body looks like, or None when it looks like text."""
    if body.startswith(_UNICODE_BOMS):
        return None  # UTF-16 text is full of NUL bytes and still text
    for magic, kind in SIGNATURES.items():
        if body.startswith(magic):
            return kind
    head = body[:4096]
    if not head:
        return None
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\0" in head or controls / len(head) > _CONTROL_SHARE:
        return "application/octet-stream"
    return None
