"""Bytes as received to text, or a clear refusal: empty, binary, or in an unknown encoding.

A source is decoded once, here, and never guessed at: UTF-8 (with or without a byte-order
mark), UTF-16 with its mark, or the charset the input declares (an HTTP ``Content-Type``
header, or a web page's own ``<meta charset>``). Anything else is refused with the byte at
fault, because a wrong guess would change the article's words without anyone noticing.
"""

from __future__ import annotations

import codecs
import re

from .errors import ImportError_

# The first bytes of files people save by mistake instead of a page or its text.
_MAGIC = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx, .odt or .epub file is one)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"{\\rtf": "an RTF document",
    b"\x1f\x8b": "a gzip-compressed file",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(raw: bytes) -> str | None:
    """The charset a web page declares in its first few kilobytes, if any."""
    match = _META_CHARSET.search(raw[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def decode(raw: bytes, name: str, declared: str | None = None) -> str:
    """The text of ``raw`` with Unix line ends; ``name`` says which input in an error."""
    if not raw.strip():
        raise ImportError_(f"{name}: the file is empty")
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise ImportError_(f"{name}: this is {what}, not a web page or text; save the article from "
                               "the browser as a web page (.html), or copy its text into a .txt file")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _normalise(raw[len(bom):].decode(encoding))
            except UnicodeDecodeError as err:
                raise ImportError_(f"{name}: starts like {encoding} text but is not (offset {err.start}); "
                                   "convert the file to UTF-8 first, e.g. with iconv") from None
    if b"\x00" in raw[:8192]:
        raise ImportError_(f"{name}: this is a binary file, not a web page or text; save the article "
                           "from the browser as a web page (.html), or copy its text into a .txt file")
    encoding = declared or declared_charset(raw)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportError_(f"{name}: it declares the character set {encoding!r}, which is unknown; "
                               "convert the file to UTF-8 first, e.g. with iconv") from None
        try:
            return _normalise(raw.decode(encoding))
        except UnicodeDecodeError as err:
            raise ImportError_(f"{name}: not valid {encoding} text, as it declares (byte 0x{raw[err.start]:02x} "
                               f"at offset {err.start}); convert the file to UTF-8 first, e.g. with iconv") from None
    try:
        return _normalise(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ImportError_(
            f"{name}: not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start}), and it declares no "
            "other character set; convert the file to UTF-8 first, e.g. with iconv"
        ) from None


def _normalise(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
