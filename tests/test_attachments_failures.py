"""Broken, hostile, scanned, oversized and unsupported attachments give clear findings
and never an exception."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import PIL.Image
import pypdfium2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl.attachments import Limits, attachment_kind, extract
from govcrawl.attachments.result import (
    BROKEN,
    EMPTY,
    NEEDS_OCR,
    NO_TABLES,
    PAGE_CAP,
    TOO_LARGE,
    TRUNCATED,
    UNKNOWN_KIND,
    UNSAFE_ARCHIVE,
    UNSUPPORTED,
)
from govcrawl.config import Config

ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def read(name: str) -> bytes:
    return (ATTACHMENTS / name).read_bytes()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def kinds_of(extracted) -> list[str]:
    return [finding.kind for finding in extracted.findings]


def test_scanned_pdf_needs_ocr():
    body = read("003_hegang_2024_scanned.pdf")
    extracted = extract(body, name="report.pdf")
    assert (extracted.kind, extracted.content) == ("pdf", "")
    assert extracted.pages == len(pypdfium2.PdfDocument(body))
    assert kinds_of(extracted) == [NEEDS_OCR]
    assert "OCR" in extracted.findings[0].message
    assert extracted.findings[0].where == "report.pdf"


def test_blank_pdf_is_empty():
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract(buffer.getvalue(), name="blank.pdf")
    assert (extracted.content, extracted.pages) == ("", 1)
    assert kinds_of(extracted) == [EMPTY]


def test_truncated_pdf_says_so():
    extracted = extract(read("003_hegang_2024_truncated.pdf"), name="report.pdf")
    assert extracted.content == ""
    assert kinds_of(extracted) == [TRUNCATED, BROKEN]
    assert "%%EOF" in extracted.findings[0].message


def test_pdf_header_with_garbage_is_broken():
    extracted = extract(b"%PDF-1.7\nnot a pdf at all\n%%EOF\n", name="x.pdf")
    assert (extracted.kind, extracted.content) == ("pdf", "")
    assert kinds_of(extracted) == [BROKEN]


def test_docx_bomb_is_not_opened():
    extracted = extract(read("000_panzhihua_2022_bomb.docx"), name="report.docx")
    assert (extracted.kind, extracted.content) == ("docx", "")
    assert kinds_of(extracted) == [UNSAFE_ARCHIVE]
    assert "word/media/filler.bin" in extracted.findings[0].message
    assert "decompression bomb" in extracted.findings[0].message


def test_docx_with_traversal_member_is_not_opened():
    extracted = extract(read("000_panzhihua_2022_traversal.docx"), name="report.docx")
    assert extracted.content == ""
    assert kinds_of(extracted) == [UNSAFE_ARCHIVE]
    assert "'../../evil.txt' escapes the archive" in extracted.findings[0].message


@pytest.mark.parametrize("member", ["/etc/passwd", "C:/evil.txt", "word\\..\\..\\x"])
def test_docx_absolute_or_drive_members_are_rejected(member):
    body = zipped({"word/document.xml": b"<x/>", member: b"x"})
    assert kinds_of(extract(body, name="r.docx")) == [UNSAFE_ARCHIVE]


def test_docx_member_count_and_unpacked_size_limits():
    many = zipped({"word/document.xml": b"<x/>"} | {f"m{i}": b"" for i in range(12)})
    few = Limits(docx_max_members=10)
    assert (
        "13 archive members"
        in extract(many, name="r.docx", limits=few).findings[0].message
    )
    body = read("000_panzhihua_2022.docx")
    small = Limits(docx_max_unpacked_bytes=1000)
    finding = extract(body, name="r.docx", limits=small).findings[0]
    assert finding.kind == UNSAFE_ARCHIVE
    assert "more than 1000" in finding.message


def test_docx_with_bad_xml_is_broken():
    body = zipped(
        {"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}
    )
    extracted = extract(body, name="report.docx")
    assert (extracted.kind, extracted.content) == ("docx", "")
    assert kinds_of(extracted) == [BROKEN]


def test_cut_docx_is_broken():
    body = read("000_panzhihua_2022.docx")
    extracted = extract(body[: len(body) // 2], name="report.docx")
    assert (extracted.kind, extracted.content) == ("docx", "")
    assert kinds_of(extracted) == [BROKEN]
    assert "not a readable zip archive" in extracted.findings[0].message


def settings_limits(**settings: str) -> Limits:
    """Limits as `scrapy crawl -s NAME=VALUE` sets them: strings, through Config."""
    return Config.from_settings(
        {f"GOVCRAWL_{k}": v for k, v in settings.items()}
    ).limits


def test_size_limit_from_setting():
    limits = settings_limits(ATTACHMENT_MAX_BYTES="1000")
    extracted = extract(read("003_hegang_2024.pdf"), name="report.pdf", limits=limits)
    assert extracted.content == ""
    assert kinds_of(extracted) == [TOO_LARGE]
    assert "GOVCRAWL_ATTACHMENT_MAX_BYTES" in extracted.findings[0].message


def test_page_limit_from_setting_reads_the_first_pages():
    body = read("003_hegang_2024.pdf")
    extracted = extract(
        body, name="report.pdf", limits=settings_limits(PDF_MAX_PAGES="1")
    )
    assert extracted.pages == len(pypdfium2.PdfDocument(body)) > 1
    assert kinds_of(extracted) == [PAGE_CAP]
    assert "<p>一、总体情况</p>" in extracted.html
    assert "六、其他需要报告的事项" not in extracted.html


def test_bad_setting_fails_at_start_naming_it():
    with pytest.raises(ValueError, match="GOVCRAWL_PDF_MAX_PAGES must be a positive"):
        settings_limits(PDF_MAX_PAGES="many")


def test_ofd_is_unsupported():
    extracted = extract(zipped({"OFD.xml": b"<ofd:OFD/>"}), name="report.ofd")
    assert (extracted.kind, extracted.content) == ("ofd", "")
    assert kinds_of(extracted) == [UNSUPPORTED]
    assert "OFD" in extracted.findings[0].message


def test_unknown_file_is_a_finding():
    extracted = extract(b"just some text", name="notes.txt")
    assert extracted.kind is None
    assert kinds_of(extracted) == [UNKNOWN_KIND]


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [
        ("report.doc", b"%PDF-1.4\n", "pdf"),
        ("report", b"\r\n%PDF-1.7\n", "pdf"),
        ("report.wps", OLE, "wps"),
        ("report.doc", OLE, "doc"),
        ("download.do?id=7", OLE, "doc"),
        ("download.do?id=7", zipped({"word/document.xml": b"<x/>"}), "docx"),
        ("report.zip", zipped({"OFD.xml": b"<x/>"}), "ofd"),
        ("report.zip", zipped({"a.txt": b"x"}), None),
        ("REPORT.PDF?x=1#p2", b"", "pdf"),
        ("report.docx", b"PK\x03\x04broken", "docx"),
        ("report.html", b"<html></html>", None),
        (
            "report.doc",
            b"\xef\xbb\xbf\r\n<html xmlns:w='urn:schemas-microsoft-com'>",
            None,
        ),
        ("report.doc", b"{\\rtf1\\ansi", "doc"),
    ],
)
def test_attachment_kind(name, body, kind):
    assert attachment_kind(name, body) == kind


def text_only_pdf(text: str) -> bytes:
    """A one-page PDF with a line of Helvetica text and nothing else."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return body + trailer + b"startxref\n%d\n%%%%EOF\n" % xref


def test_pdf_without_tables_says_so():
    extracted = extract(text_only_pdf("Annual report 2024"), name="report.pdf")
    assert "<p>Annual report 2024</p>" in extracted.html
    assert kinds_of(extracted) == [NO_TABLES]
    assert "0 picture(s)" in extracted.findings[0].message


def test_docx_with_tables_as_pictures_says_so():
    picture = io.BytesIO()
    PIL.Image.new("L", (40, 20), 255).save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("二、主动公开政府信息情况")
    document.add_picture(picture)
    body = io.BytesIO()
    document.save(body)
    extracted = extract(body.getvalue(), name="report.docx")
    assert "<p>二、主动公开政府信息情况</p>" in extracted.html
    assert kinds_of(extracted) == [NO_TABLES]
    assert "1 picture(s)" in extracted.findings[0].message


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(["000_panzhihua_2022.docx", "003_hegang_2024.pdf"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_files_never_raise(name, cut, flips):
    body = bytearray(read(name)[: int(len(read(name)) * cut)])
    for where, value in flips:
        if body:
            body[int(where * (len(body) - 1))] = value
    extracted = extract(bytes(body), name=name)
    assert extracted.content or extracted.findings
