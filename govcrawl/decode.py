"""Bytes to text for pages and files: GBK, GB2312 and GB18030 with a right, wrong or
missing charset declaration."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

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
# Servers default to ISO-8859-1 (Apache) on GBK pages; any bytes decode as Latin-1,
# so a single-byte declaration is tried last, not trusted.
_SINGLE_BYTE = {"iso8859-1", "ascii", "cp1252"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    declared: str | None
    lossy: bool = False


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the page claims, if any."""
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found:
            return found.group(1).lower()
    meta = _META_CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii", "replace").lower() if meta else None


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_body(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode by evidence, not by declaration: valid UTF-8 wins, then the declared
    charset, then GB18030 and Big5; a lossy decode is flagged, never hidden."""
    declared = declared_charset(body, content_type)
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body.decode(encoding, "replace"), encoding, declared)
    candidates = ["utf-8", _canonical(declared), "gb18030", "big5"]
    if candidates[1] in _SINGLE_BYTE:
        candidates.append(candidates.pop(1))
    for encoding in dict.fromkeys(c for c in candidates if c):
        text = _strict(body, encoding)
        if text is not None:
            return Decoded(text, encoding, declared)
    return Decoded(body.decode("gb18030", "replace"), "gb18030", declared, lossy=True)
