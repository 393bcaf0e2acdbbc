"""Bytes to text: byte-order marks, UTF-8, damaged UTF-8 and legacy encodings, with a warning.

Binary files (PDF, images, archives) are refused with a one-line error rather than read as text.
"""

from __future__ import annotations

import codecs

from claimdiff.errors import InputError

BINARY_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes to text; return (text, encoding, warnings).

    >>> decode(b"\\xef\\xbb\\xbfhello", "a.txt")[:2]
    ('hello', 'utf-8-sig')
    >>> decode("café".encode("cp1252"), "a.txt")[0]
    'café'
    """
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding} at byte {exc.start}") from None
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: binary file ({kind}), not text")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        where = exc.start
    repaired = data.decode("utf-8", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in repaired):
        # Valid multi-byte UTF-8 elsewhere: this is damaged UTF-8, not a legacy encoding.
        bad = repaired.count("\ufffd")
        return (
            repaired,
            "utf-8",
            [f"{name}: {bad} invalid UTF-8 byte sequence(s) dropped (first at byte {where})"],
        )
    # Legacy Western encodings: cp1252 is a superset of Latin-1's printable range.
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        text = data.decode("latin-1")
        encoding = "latin-1"
    else:
        encoding = "cp1252"
    return text, encoding, [f"{name}: not valid UTF-8 (byte {where}); decoded as {encoding}"]
