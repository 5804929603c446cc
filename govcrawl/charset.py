"""When the Content-Type charset and the page's own <meta> charset disagree, the one
that decodes the bytes cleanly wins: no replacement characters, then the larger
share of CJK text. Servers mislabel (平潭's UTF-8 pages behind a `gbk` or Apache's
`iso-8859-1` header); trusting the header garbles every title."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from govcrawl.decode import declared_charset

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SAMPLE = 65536


@dataclass(frozen=True)
class CharsetConflict:
    header: str
    page: str
    chosen: str

    def message(self) -> str:
        return (
            f"charset conflict: header says {self.header}, page <meta> says "
            f"{self.page}; decoded as {self.chosen} (decodes cleanly)"
        )


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_score(body: bytes, encoding: str) -> tuple[int, float]:
    """(replacement characters, minus the CJK share): lower is cleaner."""
    text = body[:_SAMPLE].decode(encoding, "replace")
    # A multi-byte sequence cut by the sample edge is not the charset's fault.
    text = text.rstrip("\ufffd")
    visible = [char for char in text if not char.isspace()]
    cjk = len(_CJK.findall(text)) / max(1, len(visible))
    return text.count("\ufffd"), -cjk


def charset_conflict(body: bytes, content_type: str | None) -> CharsetConflict | None:
    """The header's and the page's charsets when they disagree, and which to use."""
    header = declared_charset(b"", content_type) if content_type else None
    meta = _META_CHARSET.search(body[:4096])
    page = meta.group(1).decode("ascii", "replace").lower() if meta else None
    if not header or not page:
        return None
    header_codec, page_codec = _codec(header), _codec(page)
    if header_codec == page_codec or not page_codec:
        return None
    candidates = [page_codec] + ([header_codec] if header_codec else [])
    chosen = min(candidates, key=lambda name: decode_score(body, name))
    return CharsetConflict(header, page, chosen)
