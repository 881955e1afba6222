from __future__ import annotations

import codecs

import pytest

from newsrecon.errors import InputError
from newsrecon.ingest.decode import decode_bytes

TEXT = "Officials said 1,200 people were evacuated on Tuesday — the mayor’s office confirmed it."


def test_decode_utf8_plain():
    assert decode_bytes(TEXT.encode("utf-8"), "a.txt") == (TEXT, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_decode_bom_is_dropped_and_named(bom, codec):
    text, encoding = decode_bytes(bom + TEXT.encode(codec), "a.txt")
    assert text == TEXT
    assert encoding == codec + "-bom"


def test_decode_detects_legacy_encoding():
    text = "Le maire a déclaré que 1 200 personnes ont été évacuées à Genève. " * 5
    decoded, encoding = decode_bytes(text.encode("cp1252"), "fr.txt")
    assert decoded == text
    assert encoding != "utf-8"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E102"),
        (b"   \n\n\t  ", "E106"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "E103"),
        (b"%PDF-1.7 binary", "E103"),
        (b"some text\x00\x00\x00 with NULs", "E103"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8] * 200), "E103"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa broken", "E104"),
    ],
)
def test_decode_bad_input_names_file_and_reason(data, code):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad/input.txt")
    assert info.value.code == code
    assert "bad/input.txt" in str(info.value)
    assert info.value.reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_a_bom(codec):
    assert decode_bytes(TEXT.encode(codec), "win.txt") == (TEXT, codec)


def test_decode_a_stray_nul_byte_past_the_head_is_replaced_in_place():
    text = "Officials said the levee held. " * 400 + "\x00 and more"
    decoded, _ = decode_bytes(text.encode("utf-8"), "late-nul.txt")
    assert decoded == text.replace("\x00", "\ufffd") and len(decoded) == len(text)


def test_decode_lines_in_utf8_and_lines_in_cp1252_each_in_their_own():
    utf8 = "Le maire a déclaré que 1 200 personnes ont été évacuées.\n"
    legacy = "Their café reopened in Genève on Monday.\n"
    data = utf8.encode("utf-8") * 3 + legacy.encode("cp1252") * 2
    assert decode_bytes(data, "mixed.txt") == (utf8 * 3 + legacy * 2, "utf-8+cp1252")
    japanese = "東京で地震があり、多くの人が避難した。\n" * 10  # one legacy encoding, no UTF-8 line
    assert decode_bytes(japanese.encode("shift_jis"), "jp.txt")[0] == japanese
