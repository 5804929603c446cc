"""Bytes to text for pages and files, chosen by evidence: a byte-order mark, the
charsets the header and the page's <meta> declare, and how cleanly each candidate
decodes (govcrawl.charset). Nothing is thrown away: a UTF-8 page with a few invalid
bytes stays UTF-8 with those bytes replaced, and every overruled declaration or lossy
decode comes back as a note for an `encoding` finding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from govcrawl.charset import (
    conflict_note,
    is_single_byte,
    lossy_note,
    overruled_note,
    score,
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{1,1024}?charset\s*=\s*["']?\s*([\w-]+)""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.I)
# GB2312 and GBK pages routinely use characters only GB18030 (their superset) has.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
}
# UTF-32 before UTF-16: FF FE 00 00 starts with UTF-16LE's mark.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a strict decode checks when the text itself is not needed (the middleware).
SAMPLE_BYTES = 65536
# Enough text to score a charset by (some 5,000 characters); only pages whose
# declarations all fail to decode strictly are scored.
SCORE_BYTES = 16384
_FALLBACKS = ("utf-8", "gb18030", "big5")


@dataclass(frozen=True)
class Decoded:
    """notes: why the text may not be what the page declared (an overruled or
    conflicting charset, replaced bytes), one `encoding` finding each."""

    text: str
    encoding: str
    declared: str | None
    lossy: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Declared:
    """The charsets as written in the Content-Type header and the page's <meta>."""

    header: str | None
    page: str | None

    def codecs(self) -> list[str]:
        names = (canonical(self.header), canonical(self.page))
        return list(dict.fromkeys(name for name in names if name))

    def first(self) -> str | None:
        return self.header or self.page


@dataclass(frozen=True)
class Choice:
    encoding: str
    notes: tuple[str, ...] = ()


def canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)


def declarations(body: bytes, content_type: str | None = None) -> Declared:
    header = None
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        header = found.group(1).lower() if found else None
    meta = _META_CHARSET.search(body[:4096])
    page = meta.group(1).decode("ascii", "replace").lower() if meta else None
    return Declared(header, page)


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the page claims, if any."""
    return declarations(body, content_type).first()


def bom_encoding(body: bytes) -> str | None:
    """The codec a byte-order mark names (it decodes the mark away), if any."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding
    return None


def _strict(body: bytes, encoding: str, *, whole: bool) -> str | None:
    try:
        if whole:
            return body.decode(encoding)
        # A sample may end inside a character: not final, so that is no error.
        return codecs.getincrementaldecoder(encoding)().decode(body[:SAMPLE_BYTES])
    except (UnicodeDecodeError, LookupError):
        return None


def choose_encoding(
    body: bytes, content_type: str | None = None, *, whole: bool = False
) -> tuple[Choice, str | None]:
    """The codec for the body and the notes it costs; with `whole` also the text,
    when a strict decode of the whole body already gave it. A byte-order mark, valid
    UTF-8 or a declared multi-byte charset that decodes strictly is taken at once;
    otherwise every candidate is scored on a sample and the cleanest wins. Single-byte
    declarations decode anything, so they are never taken on a strict decode."""
    declared = declarations(body, content_type)
    bom = bom_encoding(body)
    if bom is not None:
        return Choice(bom, _declaration_notes(declared, bom)), None
    if body.isascii():
        return Choice("utf-8"), body.decode("ascii") if whole else None
    named = [name for name in declared.codecs() if not is_single_byte(name)]
    strict: dict[str, str | None] = {}
    for encoding in dict.fromkeys(["utf-8", *named]):
        strict[encoding] = _strict(body, encoding, whole=whole)
        if encoding == "utf-8" and strict[encoding] is not None:
            break
    clean = [encoding for encoding, text in strict.items() if text is not None]
    if clean:
        # Header and <meta> may both decode strictly (GBK bytes read as Big5 too).
        sample = body[:SCORE_BYTES]
        chosen = clean[0]
        if len(clean) > 1:
            chosen = min(clean, key=lambda name: score(sample, name))
        return Choice(chosen, _declaration_notes(declared, chosen)), strict[chosen]
    chosen = _cleanest(body, declared.codecs())
    return Choice(chosen, _declaration_notes(declared, chosen)), None


def _cleanest(body: bytes, named: list[str]) -> str:
    sample = body[:SCORE_BYTES]
    # A single-byte codec decodes any bytes: it is tried after the multi-byte ones.
    multi = [name for name in named if not is_single_byte(name)]
    single = [name for name in named if is_single_byte(name)]
    candidates = list(dict.fromkeys([*multi, *_FALLBACKS, *single]))
    return min(candidates, key=lambda name: score(sample, name))


def _declaration_notes(declared: Declared, chosen: str) -> tuple[str, ...]:
    header, page = canonical(declared.header), canonical(declared.page)
    if declared.header and declared.page and header != page:
        return (conflict_note(declared.header, declared.page, chosen),)
    name = declared.first()
    if name and canonical(name) not in (chosen, None):
        where = "header" if declared.header else "page <meta>"
        return (overruled_note(name, where, chosen),)
    return ()


def decode_body(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode by evidence, not by declaration; a lossy decode or an overruled
    declaration is noted, never hidden."""
    declared = declared_charset(body, content_type)
    choice, text = choose_encoding(body, content_type, whole=True)
    if text is not None:
        return Decoded(text, choice.encoding, declared, False, choice.notes)
    text = body.decode(choice.encoding, "replace")
    replaced = text.count("\ufffd")
    notes = choice.notes + (
        (lossy_note(replaced, choice.encoding),) if replaced else ()
    )
    return Decoded(text, choice.encoding, declared, bool(replaced), notes)
