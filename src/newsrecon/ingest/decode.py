"""Bytes to text: BOMs, UTF-8 first, other encodings detected, binary and empty files refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from newsrecon.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text files (tab, newline, CR, form feed are fine).
_BINARY_BYTES = frozenset(range(0, 9)) | {
    11,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
}
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip data",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode a file's bytes to text; return (text, encoding). Raises InputError naming `source`."""
    if not data:
        raise InputError(source, "E102")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding + "-bom"
            except UnicodeDecodeError as exc:
                raise InputError(source, "E104", detail=f"{encoding} with a BOM, {exc.reason}") from exc
    refuse_magic(data, source)
    head = data[:8192]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(source, "E103", detail="NUL bytes")
        text, encoding = utf16
    else:
        text, encoding = decode_8bit(data, source)
    # A NUL past the head is a stray byte in text (a crawl's, a record's), not a sign of a binary
    # file: shown as U+FFFD, one character for one, so that offsets still hold.
    text = text.replace("\x00", "\ufffd")
    refuse_controls(text[:8192], source)
    if not text.strip() or not any(ch.isalnum() for ch in text):
        raise InputError(source, "E106")
    return text, encoding


def refuse_magic(data: bytes, source: str) -> None:
    """Raises InputError E103 when the bytes start as a known binary format does (PDF, PNG, ZIP...)."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, "E103", detail=kind)


def refuse_controls(text: str, source: str) -> None:
    """Raises InputError E103 when more than 1% of `text` (a file's head) is control characters
    no text file holds."""
    controls = sum(1 for ch in text if ord(ch) in _BINARY_BYTES)
    if controls > max(2, len(text) // 100):
        raise InputError(source, "E103", detail=f"{controls} control characters")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text that came without its byte-order mark: NULs on every other byte, as ASCII
    letters have (Windows tools write such files). None when the bytes are not that."""
    head = data[:8192]
    if len(data) % 2:
        return None
    for encoding, zeros, chars in (
        ("utf-16-le", head[1::2], head[0::2]),
        ("utf-16-be", head[0::2], head[1::2]),
    ):
        ascii_chars = [c for z, c in zip(zeros, chars, strict=False) if z == 0]
        printable = sum(1 for c in ascii_chars if 32 <= c < 127 or c in b"\n\r\t")
        if len(ascii_chars) >= 0.6 * len(zeros) and printable >= 0.95 * len(ascii_chars):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def decode_8bit(data: bytes, source: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_utf8(data)
        if mixed is not None:
            return mixed
        best = _best_legacy_match(data)
        if best is None:
            raise InputError(source, "E104", detail="not UTF-8 and no other encoding fits") from None
        return str(best), best.encoding


# Encodings most web text that is not UTF-8 comes in. Short texts fit several code pages almost
# equally well; among near-ties the one the web uses most is the better bet.
_COMMON = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1250",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp1253",
    "cp1254",
    "cp1256",
    "cp1255",
    "tis_620",
)


def _best_legacy_match(data: bytes):
    matches = [m for m in from_bytes(data) if m.encoding]
    if not matches:
        return None
    floor = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= floor + 0.05]
    ranked = sorted(
        close, key=lambda m: (_COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON), m.chaos)
    )
    return ranked[0]


def _mixed_utf8(data: bytes) -> tuple[str, str] | None:
    """Text with some lines in UTF-8 and others in a legacy encoding (pages or items pasted
    together), each line decoded in its own; None when no line with non-ASCII bytes is UTF-8
    (then the file is in one legacy encoding, as far as can be told)."""
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = []
    utf8_lines = 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            decoded.append(None)
    if not utf8_lines:
        return None
    best = _best_legacy_match(b"".join(x for x, d in zip(lines, decoded, strict=True) if d is None))
    if best is None:
        return None
    try:
        text = "".join(
            d if d is not None else x.decode(best.encoding) for x, d in zip(lines, decoded, strict=True)
        )
    except UnicodeDecodeError:
        return None
    return text, f"utf-8+{best.encoding}"
