"""The clean stage: a fetched page (bytes, headers, URL) reduced to the report's main
content as an HTML fragment and as text, with a record of every fragment removed and
why, tampering and mirror flags, the source script and the page metadata."""

from __future__ import annotations

from govcrawl.clean.page import clean_html
from govcrawl.clean.tamper import is_mirror
from govcrawl.clean.text import clean_text
from govcrawl.config import MAX_PAGE_BYTES
from govcrawl.decode import Decoded, bom_encoding, decode_body
from govcrawl.markup import looks_like_html
from govcrawl.model import CleanResult, Removal

__all__ = ["clean_page", "clean_text"]

_BINARY = {b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\xd0\xcf\x11\xe0": "OLE2"}
_SNIFF = 8192


def clean_page(
    body: bytes,
    *,
    url: str | None = None,
    content_type: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    fragment_html: bool = True,
) -> CleanResult:
    """Clean an HTML page or a text file. Raises ValueError for binary documents
    (PDF, Office, ZIP), which need extraction, not cleaning. A page longer than
    max_bytes (GOVCRAWL_MAX_PAGE_BYTES) is cut there: report pages weigh well under
    1 MB, and cleaning costs seconds per megabyte, so a larger page is cut, not hung on.
    fragment_html=False: no HTML fragment (CleanResult.html is empty; clean_html)."""
    _refuse_binary(body)
    decoded = decode_body(body, content_type)
    if not decoded.text.strip():
        raise ValueError("empty page: nothing to clean")
    cap = max_bytes
    text, utf8 = decoded.text, _served_utf8(body, decoded)
    if len(body) > cap:
        text = body[:cap].decode(decoded.encoding, "replace").rstrip("\ufffd")
        utf8 = None
    as_text = (content_type or "").lower().startswith("text/plain")
    if as_text or not looks_like_html(text):
        result = clean_text(text)
    else:
        result = clean_html(text, utf8, fragment_html=fragment_html)
    if len(body) > cap:
        cut = f"page of {len(body)} bytes cut to its first {cap} (GOVCRAWL_MAX_PAGE_BYTES)"
        result.removed.append(Removal("truncated", cut))
    result.removed += [Removal("encoding", note) for note in decoded.notes]
    result.encoding = decoded.encoding
    result.mirror = is_mirror(url)
    return result


def _served_utf8(body: bytes, decoded: Decoded) -> bytes | None:
    """The body as the UTF-8 of the decoded text, when it is that already."""
    if decoded.lossy or decoded.encoding not in ("utf-8", "utf-8-sig"):
        return None
    return body[3:] if decoded.encoding == "utf-8-sig" else body


def _refuse_binary(body: bytes) -> None:
    for magic, kind in _BINARY.items():
        if body.startswith(magic):
            raise ValueError(f"not an HTML or text page: {kind} document")
    if b"\x00" in body[:_SNIFF] and bom_encoding(body) is None:
        raise ValueError("not an HTML or text page: binary content")
