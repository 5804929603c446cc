"""The second PDF reader (issue 15 item 8): pypdf, for a PDF that PDFium cannot open
or finds nothing in — a damaged trailer, cross-reference offsets that all lie, an
xref stream that no longer inflates, junk before the header.

pypdf (strict=False) reads the file its own way: it rebuilds the cross-reference
table by scanning for objects, looks for the catalog when the trailer does not name
one, and walks the page tree itself. What it read is written out as a sound PDF and
PDFium reads that, so the text and the ruled tables come out exactly as from an
intact file (PDFium's layout, not a second one). It runs where PDFium does, in the
memory-capped child of govcrawl.attachments.sandbox; it copies streams without
inflating them."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import pypdf

from govcrawl.attachments.result import BROKEN, EMPTY, SECOND_READER, Extracted
from govcrawl.model import Finding

# pypdf logs every repair it makes as a warning; the finding says it once.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def rebuilt_pdf(body: bytes) -> bytes:
    """The PDF as pypdf reads it, written out again with a sound xref and trailer."""
    reader = pypdf.PdfReader(io.BytesIO(body), strict=False)
    writer = pypdf.PdfWriter(clone_from=reader)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def read_again(
    body: bytes, first: Extracted, read: Callable[[bytes], Extracted]
) -> Extracted:
    """The second reader's result when it reads what PDFium could not (text, or
    pictures needing OCR); else the first result, its broken/empty finding saying
    what pypdf made of the file."""
    try:
        second = read(rebuilt_pdf(body))
    except MemoryError:
        raise  # the child's memory cap: a decompression bomb, not a damaged file
    except Exception as error:  # pypdf raises PdfReadError and many others
        return _unread(first, f"pypdf could not read it either: {_why(error)}")
    unread = [f for f in second.findings if f.kind in (BROKEN, EMPTY)]
    if unread:
        return _unread(
            first, f"pypdf read it, and PDFium in what pypdf wrote: {unread[0].message}"
        )
    failure = next(f for f in first.findings if f.kind in (BROKEN, EMPTY))
    kept = [f for f in first.findings if f is not failure]
    second.findings[:0] = [
        *kept,
        Finding(
            SECOND_READER,
            f"read by pypdf {pypdf.__version__} (second reader), which rebuilt its "
            f"objects and cross-reference table; PDFium alone: {failure.message}",
            first.name,
        ),
    ]
    return second


def _unread(first: Extracted, note: str) -> Extracted:
    first.findings = [
        Finding(f.kind, f"{f.message}; {note}", f.where)
        if f.kind in (BROKEN, EMPTY)
        else f
        for f in first.findings
    ]
    return first


def _why(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]
