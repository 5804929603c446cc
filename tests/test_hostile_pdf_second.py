"""PDFs PDFium cannot read, read by the second reader (issue 15 item 8: a PDF with
shifted xref offsets was called "empty"). Shifting offsets alone PDFium repairs
(tests/test_hostile_pdf_xref.py); these are damaged further, as PDFium does not
repair: every cross-reference offset lies and the trailer names a catalog that is
not there; the real 淮安 PDF's xref stream no longer inflates and names no catalog
either. pypdf reads them (govcrawl/attachments/pdf_second.py), and what it read gives
the numbers the seed and the real PDF's labeller read. Expected values are the
seed's and the labels (tests/real/pdf/ha2024_szfgs.json)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest

from govcrawl.attachments import Limits, extract
from govcrawl.attachments.pdf import read_with_pdfium
from govcrawl.attachments.result import (
    BROKEN,
    EMPTY,
    NEEDS_OCR,
    SECOND_READER,
    TRUNCATED,
)
from govcrawl.flow import Document, clean_parse_validate
from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.bombs import PEAK_LIMIT_KB, kinds, parse_measured, pdf_bomb
from tests.seeds import expected_view, report_view

FIXTURES = Path(__file__).parent / "fixtures" / "attachments"
HEGANG = FIXTURES / "003_hegang_2024.pdf"
SEED = "003_00e19431bcd07e12"
KEYS = ("title", "year", "template", "proactive", "requests", "review_litigation")
REAL = Path(__file__).parent / "real" / "pdf"
HUAIAN = REAL / "ha2024_szfgs.pdf"
LABELS = json.loads((REAL / "ha2024_szfgs.json").read_text("utf-8"))
_ROW = re.compile(rb"(\d{10}) (\d{5}) n")


def _lying_offsets(body: bytes) -> bytes:
    """Every row of the last xref table points somewhere else in the file."""
    start = body.rindex(b"\nxref") + 1
    end = body.index(b"trailer", start)
    rows = _ROW.sub(
        lambda row: b"%010d %s n" % (int(row[1]) * 7919 % len(body), row[2]),
        body[start:end],
    )
    return body[:start] + rows + body[end:]


def _root_nowhere(body: bytes, root: bytes) -> bytes:
    """The trailer's /Root names object 99, which the file does not hold."""
    assert b"\n99 0 obj" not in body
    assert b"/Root " + root in body
    return body.replace(b"/Root " + root, b"/Root 99 0 R", 1)


def _xref_stream_garbled(body: bytes) -> bytes:
    """The bytes of the cross-reference stream reversed: it no longer inflates."""
    start = body.index(b"stream\n", body.index(b"/Type /XRef")) + len(b"stream\n")
    end = body.index(b"\nendstream", start)
    return body[:start] + body[start:end][::-1] + body[end:]


def hegang_damaged() -> bytes:
    return _root_nowhere(_lying_offsets(HEGANG.read_bytes()), b"38 0 R")


def huaian_damaged() -> bytes:
    return _root_nowhere(_xref_stream_garbled(HUAIAN.read_bytes()), b"1 0 R")


@pytest.mark.parametrize("damaged", [hegang_damaged, huaian_damaged])
def test_pdfium_alone_cannot_read_the_damaged_files(
    damaged: Callable[[], bytes],
) -> None:
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(damaged())
    alone = read_with_pdfium(damaged(), "report.pdf", Limits())
    assert (alone.content, [f.kind for f in alone.findings]) == ("", [BROKEN])


def test_lying_offsets_and_a_missing_catalog_read_as_the_seed() -> None:
    extracted = extract(hegang_damaged(), name="report.pdf")
    assert extracted.pages == 3
    (finding,) = extracted.findings
    assert finding.kind == SECOND_READER
    assert finding.message.startswith("read by pypdf ")
    assert "PDFium alone: PDF could not be read: PdfiumError" in finding.message
    report = parse_report(extracted.html, source="report.pdf")
    validate(report)
    assert report_view(report, KEYS) == expected_view(SEED, KEYS)


def test_the_real_pdf_with_its_xref_stream_garbled_reads_as_labelled(
    tmp_path: Path,
) -> None:
    path = tmp_path / "szfgs2024.pdf"
    path.write_bytes(huaian_damaged())
    report = clean_parse_validate(Document.from_file(path)).report
    assert [f.kind for f in report.findings if f.kind.startswith("attachment")] == [
        SECOND_READER
    ]
    got = {
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "proactive": report.proactive,
        "review_litigation": report.review_litigation,
        "new_requests": report.requests["new_requests"],
        "granted": report.requests["granted"],
    }
    want = {
        **{key: LABELS[key] for key in ("agency", "year", "template", "proactive")},
        "review_litigation": LABELS["review_litigation"],
        "new_requests": LABELS["requests"]["new_requests"],
        "granted": LABELS["requests"]["granted"],
    }
    assert got == want


def test_a_pdf_neither_reader_reads_says_so_of_both() -> None:
    body = HEGANG.read_bytes()
    trailer = body.rindex(b"trailer")
    body = body[:trailer] + body[body.index(b"startxref", trailer) :]
    extracted = extract(body, name="report.pdf")
    assert (extracted.content, extracted.pages) == ("", None)
    (finding,) = extracted.findings
    assert finding.kind == BROKEN
    assert "PdfiumError" in finding.message
    assert "; pypdf could not read it either: " in finding.message


def test_a_blank_pdf_is_empty_after_both_readers() -> None:
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    extracted = extract(_saved(document), name="blank.pdf")
    (finding,) = extracted.findings
    assert (finding.kind, extracted.pages) == (EMPTY, 1)
    assert finding.message.endswith(
        "; pypdf read it, and PDFium in what pypdf wrote: PDF has neither text nor "
        "images on its pages"
    )


def test_a_damaged_scan_is_called_a_scan_not_broken() -> None:
    """The scanned 鹤岗 fixture whose trailer names no catalog: what pypdf reads of
    it has the three page images and no text layer."""
    scanned = (FIXTURES / "003_hegang_2024_scanned.pdf").read_bytes()
    extracted = extract(_root_nowhere(scanned, b"7 0 R"), name="scan.pdf")
    assert extracted.pages == 3
    assert [f.kind for f in extracted.findings] == [SECOND_READER, NEEDS_OCR]
    assert "only 3 image(s)" in extracted.findings[1].message


def test_a_truncated_pdf_keeps_its_truncated_finding() -> None:
    extracted = extract(
        (FIXTURES / "003_hegang_2024_truncated.pdf").read_bytes(), name="report.pdf"
    )
    assert [f.kind for f in extracted.findings] == [TRUNCATED, BROKEN]
    assert "pypdf could not read it either" in extracted.findings[1].message


def _saved(document: pypdfium2.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.e2e
def test_a_bomb_the_second_reader_opens_stays_under_500_mb(tmp_path: Path) -> None:
    """A 1 GiB bomb whose trailer names no catalog: PDFium refuses it at once, pypdf
    reads it, and PDFium reading what pypdf wrote meets the child's memory cap."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_root_nowhere(pdf_bomb(1024), b"1 0 R"))
    with pytest.raises(pypdfium2.PdfiumError):
        pypdfium2.PdfDocument(str(path))
    report, peak_kb = parse_measured(path)
    assert peak_kb < PEAK_LIMIT_KB, f"peak RSS {peak_kb} KiB"
    assert "attachment_decompression_bomb" in kinds(report)
    assert report["template"] is None
