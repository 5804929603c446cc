"""The clean stage: a fetched page (bytes, headers, URL) reduced to the report's main
content as an HTML fragment and as text, with a record of every fragment removed and
why, tampering and mirror flags, the source script and the page metadata."""

from __future__ import annotations

import re

from govcrawl.clean.page import clean_html
from govcrawl.clean.tamper import is_mirror
from govcrawl.clean.text import clean_text
from govcrawl.decode import decode_body
from govcrawl.model import CleanResult

__all__ = ["clean_page", "clean_text", "looks_like_html"]

_HTML_RE = re.compile(r"<\s*(?:!doctype|html|head|body|meta|title|div|p|table)\b", re.I)
_BINARY = {b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\xd0\xcf\x11\xe0": "OLE2"}
_SNIFF = 8192


def looks_like_html(text: str) -> bool:
    return bool(_HTML_RE.search(text[:_SNIFF]))


def clean_page(
    body: bytes, *, url: str | None = None, content_type: str | None = None
) -> CleanResult:
    """Clean an HTML page or a text file. Raises ValueError for binary documents
    (PDF, Office, ZIP), which need extraction, not cleaning."""
    _refuse_binary(body)
    decoded = decode_body(body, content_type)
    if not decoded.text.strip():
        raise ValueError("empty page: nothing to clean")
    as_text = (content_type or "").lower().startswith("text/plain")
    if as_text or not looks_like_html(decoded.text):
        result = clean_text(decoded.text)
    else:
        result = clean_html(decoded.text)
    result.encoding = decoded.encoding
    result.mirror = is_mirror(url)
    return result


def _refuse_binary(body: bytes) -> None:
    for magic, kind in _BINARY.items():
        if body.startswith(magic):
            raise ValueError(f"not an HTML or text page: {kind} document")
    if b"\x00" in body[:_SNIFF] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("not an HTML or text page: binary content")
