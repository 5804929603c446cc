"""Reports published as attachments (PDF, DOCX, DOC, WPS, OFD) turned into the HTML
the parser reads: `extract(body, name=...)` never raises, it records findings."""

from __future__ import annotations

from govcrawl.attachments.kinds import KINDS, attachment_kind
from govcrawl.attachments.limits import Limits
from govcrawl.attachments.result import (
    BROKEN,
    TOO_LARGE,
    UNKNOWN_KIND,
    UNSUPPORTED,
    Extracted,
)

__all__ = ["KINDS", "Extracted", "Limits", "attachment_kind", "extract"]


def extract(
    body: bytes, *, name: str, limits: Limits | None = None, kind: str | None = None
) -> Extracted:
    """Text and HTML of one attachment, with its kind, page count and findings.

    `name` is the file name or URL (its extension helps tell the kind) unless `kind`
    is given (a Content-Type told it); `limits`
    defaults to the library constants (govcrawl.config.Config.limits applies
    GOVCRAWL_ATTACHMENT_MAX_BYTES and GOVCRAWL_PDF_MAX_PAGES). Failures of any kind come back as findings."""
    kind = kind or attachment_kind(name, body)
    result = Extracted(kind, name)
    if kind is None:
        result.find(
            UNKNOWN_KIND, "not a PDF, DOCX, DOC, WPS or OFD file by its bytes or name"
        )
        return result
    try:
        limits = limits or Limits()
        if len(body) > limits.max_bytes:
            result.find(
                TOO_LARGE,
                f"{kind} of {len(body)} bytes is over the limit of {limits.max_bytes} "
                "bytes (GOVCRAWL_ATTACHMENT_MAX_BYTES); not read",
            )
            return result
        return _extract_kind(kind, body, name, limits)
    except Exception as error:  # a broken file is a finding, never a crash
        result.find(
            BROKEN, f"{kind} could not be read: {type(error).__name__}: {error}"
        )
        return result


def _extract_kind(kind: str, body: bytes, name: str, limits: Limits) -> Extracted:
    # PDFium and python-docx read in a child process with a memory limit
    # (govcrawl.attachments.sandbox): a stream may inflate past any file-size limit.
    from govcrawl.attachments.sandbox import extract_bounded

    if kind in ("pdf", "docx"):
        return extract_bounded(kind, body, name, limits, reader=kind)
    if kind in ("doc", "wps"):
        from govcrawl.attachments.office import extract_office

        return extract_office(body, name, kind, limits)
    return _unsupported_ofd(name)


def _unsupported_ofd(name: str) -> Extracted:
    result = Extracted("ofd", name)
    result.find(
        UNSUPPORTED,
        "OFD (GB/T 33190) is not read: no maintained Python library renders it; "
        "the portal's PDF or HTML version of the report is needed",
    )
    return result
