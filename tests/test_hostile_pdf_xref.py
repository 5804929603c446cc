"""PDFs with shifted cross-reference offsets (issue 15 item 8 says one was called
"empty" although pypdfium2 reads its three pages). Every way of shifting them tried
here — offsets moved by a few bytes, rotated between objects, bytes inserted between
objects, junk before the header, 19- and 21-byte xref rows, a wrong first object
number — is repaired by PDFium itself, with no finding (the second reader is not
needed). Files damaged further, which PDFium cannot read, are read by the second
reader: tests/test_hostile_pdf_second.py. Expected values are the seed's labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from govcrawl.attachments import extract
from govcrawl.parse import parse_report
from govcrawl.validate import validate
from tests.seeds import expected_view, report_view

HEGANG = Path(__file__).parent / "fixtures" / "attachments" / "003_hegang_2024.pdf"
SEED = "003_00e19431bcd07e12"
KEYS = ("title", "year", "template", "proactive", "requests", "review_litigation")
_ROW = re.compile(rb"(\d{10}) (\d{5}) n")


def _table(body: bytes) -> tuple[int, int]:
    start = body.rindex(b"\nxref") + 1
    return start, body.index(b"trailer", start)


def _rows(body: bytes, change: Callable[[list[int]], list[int]]) -> bytes:
    start, end = _table(body)
    table = body[start:end]
    offsets = iter(change([int(row[0]) for row in _ROW.findall(table)]))
    rows = _ROW.sub(lambda row: b"%010d %s n" % (next(offsets), row[2]), table)
    return body[:start] + rows + body[end:]


def _rewrite_table(body: bytes, old: bytes, new: bytes) -> bytes:
    start, end = _table(body)
    return body[:start] + body[start:end].replace(old, new) + body[end:]


def _insert_between_objects(body: bytes) -> bytes:
    objects = [found.start() + 1 for found in re.finditer(rb"\n\d+ 0 obj", body)]
    middle = objects[len(objects) // 2]
    return body[:middle] + b" " * 200 + b"\n" + body[middle:]


SHIFTS: dict[str, Callable[[bytes], bytes]] = {
    "offsets +7": lambda body: _rows(body, lambda xs: [x + 7 for x in xs]),
    "offsets -7": lambda body: _rows(body, lambda xs: [x - 7 for x in xs]),
    "offsets rotated": lambda body: _rows(body, lambda xs: xs[1:] + xs[:1]),
    "bytes inserted": _insert_between_objects,
    "junk before the header": lambda body: b"junk\r\n" + body,
    "19-byte rows": lambda body: _rewrite_table(body, b" \n", b"\n"),
    "21-byte rows": lambda body: _rewrite_table(body, b" \n", b" \r\n"),
    "first object 1": lambda body: _rewrite_table(body, b"xref\n0 ", b"xref\n1 "),
}


@pytest.mark.parametrize("shift", list(SHIFTS))
def test_a_pdf_with_shifted_xref_reads_as_the_seed(shift: str) -> None:
    body = SHIFTS[shift](HEGANG.read_bytes())
    assert body != HEGANG.read_bytes()
    extracted = extract(body, name="report.pdf")
    assert (extracted.pages, extracted.findings) == (3, [])
    report = parse_report(extracted.html, source="report.pdf")
    validate(report)
    assert report_view(report, KEYS) == expected_view(SEED, KEYS)
