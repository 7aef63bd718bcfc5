"""Bytes as received to text: UTF-8, a byte-order mark, or the charset declared; never a guess."""

from __future__ import annotations

import codecs
import re

import pytest

from marginalia.importer import ImportError_
from marginalia.importer.rawtext import decode


@pytest.mark.parametrize("raw, text", [
    ("Café\r\nsociety\r".encode(), "Café\nsociety\n"),
    (codecs.BOM_UTF8 + "Café".encode(), "Café"),
    (codecs.BOM_UTF16_LE + "Café".encode("utf-16-le"), "Café"),
    (codecs.BOM_UTF16_BE + "Café".encode("utf-16-be"), "Café"),
    ('<meta charset="windows-1251"><p>Дамба</p>'.encode("cp1251"), '<meta charset="windows-1251"><p>Дамба</p>'),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">é'.encode("latin-1"),
     '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">é'),
])
def test_text_is_read_in_the_encoding_it_has_or_declares(raw, text):
    assert decode(raw, "x") == text


def test_a_charset_declared_by_the_server_wins():
    assert decode("Дамба".encode("koi8-r"), "x", declared="koi8-r") == "Дамба"


@pytest.mark.parametrize("raw, message", [
    (b"", "the file is empty"),
    (b" \n\t", "the file is empty"),
    (b"%PDF-1.5 ...", "this is a PDF document"),
    (b"PK\x03\x04...", "a ZIP archive (a .docx, .odt or .epub file is one)"),
    (b"\x89PNG\r\n", "a PNG image"),
    (b"text\x00with a NUL", "this is a binary file"),
    ("Café".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3), and it declares no other character set"),
    (b'<meta charset="utf-8">Caf\xe9', "not valid utf-8 text, as it declares (byte 0xe9 at offset 25)"),
    (b'<meta charset="nonsense">x', "declares the character set 'nonsense', which is unknown"),
])
def test_what_cannot_be_read_for_sure_is_refused_with_the_reason(raw, message):
    with pytest.raises(ImportError_, match=re.escape(message)):
        decode(raw, "x")
