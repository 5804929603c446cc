"""The evidence a charset is judged by, and the `encoding` notes it leaves.

Servers mislabel: 平潭's UTF-8 pages behind a `gbk` header, Apache's `iso-8859-1` on
GBK pages, a `koi8-r` or `windows-1251` that no Chinese page is written in. A candidate
is scored by the replacement characters it leaves in a sample, then by its share of
CJK text; a single-byte charset decodes any bytes, so it is only evidence when the
multi-byte ones leave more replacement characters."""

from __future__ import annotations

import re
from functools import lru_cache

from govcrawl.patterns import lazy

_CJK = lazy(r"[\u3400-\u9fff\uf900-\ufaff]")
_BLANK = re.compile(r"\s")
# Two high bytes: one character in a multi-byte charset, two in a single-byte one.
_PAIR = b"\xc3\xa9\xb0\xa1"


@lru_cache(maxsize=64)
def is_single_byte(encoding: str) -> bool:
    return len(_PAIR.decode(encoding, "replace")) == len(_PAIR)


def score(sample: bytes, encoding: str) -> tuple[int, float]:
    """(replacement characters, minus the CJK share): lower is cleaner."""
    text = sample.decode(encoding, "replace")
    # A multi-byte sequence cut by the sample edge is not the charset's fault.
    text = text.rstrip("\ufffd")
    visible = len(text) - len(_BLANK.findall(text))
    cjk = len(_CJK.findall(text)) / max(1, visible)
    return text.count("\ufffd"), -cjk


def conflict_note(header: str, page: str, chosen: str) -> str:
    return (
        f"charset conflict: header says {header}, page <meta> says "
        f"{page}; decoded as {chosen} (decodes cleanly)"
    )


def overruled_note(declared: str, where: str, chosen: str) -> str:
    return (
        f"charset overruled: the {where} says {declared}, but the bytes read as "
        f"{chosen} (fewer undecodable bytes, more CJK text); decoded as {chosen}"
    )


def lossy_note(replaced: int, encoding: str) -> str:
    return (
        f"{replaced} byte sequence(s) undecodable as {encoding} replaced with "
        "U+FFFD; the rest of the page is read"
    )
