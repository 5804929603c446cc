"""One PDF page read with PDFium (pypdfium2): its characters with their boxes, the
ruling lines it strokes, the ruled tables those lines draw, and its picture count.

Coordinates are PDF points from the page's top-left corner (`top` grows downwards)."""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium

from govcrawl.attachments.pdf_tables import Rule, Table, find_tables
from govcrawl.attachments.pdf_text import Char

# A filled box thinner than this is a rule (writers draw borders as thin rectangles).
_RULE_THICKNESS = 3.0
_MIN_RULE = 3.0


@dataclass
class Page:
    chars: list[Char]
    tables: list[Table]
    images: int


def read_page(page: pypdfium2.PdfPage) -> Page:
    height = page.get_size()[1]
    images = 0
    rules: list[Rule] = []
    # The raw calls: pypdfium2's object wrappers cost more than the page's parsing.
    for index in range(pdfium.FPDFPage_CountObjects(page.raw)):
        obj = pdfium.FPDFPage_GetObject(page.raw, index)
        kind = pdfium.FPDFPageObj_GetType(obj)
        if kind == pdfium.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind == pdfium.FPDF_PAGEOBJ_PATH:
            rules += _path_rules(obj, height)
    return Page(_chars(page, height), find_tables(rules), images)


def _chars(page: pypdfium2.PdfPage, height: float) -> list[Char]:
    textpage = page.get_textpage()
    box = pdfium.FS_RECTF()
    chars = []
    for index in range(textpage.count_chars()):
        if pdfium.FPDFText_IsGenerated(textpage.raw, index):
            continue  # PDFium's guessed spaces and line breaks: spacing is ours
        code = pdfium.FPDFText_GetUnicode(textpage.raw, index)
        if code in (0, 0xFFFE, 0xFFFF) or chr(code) in "\r\n":
            continue
        # The loose box: the advance and the font's height, as a line is set.
        pdfium.FPDFText_GetLooseCharBox(textpage.raw, index, box)
        chars.append(
            Char(chr(code), box.left, box.right, height - box.top, height - box.bottom)
        )
    return chars


def _path_rules(obj: Any, height: float) -> Iterator[Rule]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    if not stroke.value:
        yield from _thin_box_rule(obj, height)
        return
    points = list(_path_points(obj, height))
    for (x0, y0, _), (x1, y1, move) in itertools.pairwise(points):
        if move:
            continue  # a new subpath starts: no line between the two points
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= _MIN_RULE:
            yield Rule(True, y0, min(x0, x1), max(x0, x1))
        elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= _MIN_RULE:
            yield Rule(False, x0, min(y0, y1), max(y0, y1))


def _path_points(obj: Any, height: float) -> Iterator[tuple[float, float, bool]]:
    """The path's points on the page, each with whether a new subpath starts there
    (the point after a closing segment is its subpath's start again)."""
    m = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetMatrix(obj, m)
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    for index in range(pdfium.FPDFPath_CountSegments(obj)):
        segment = pdfium.FPDFPath_GetPathSegment(obj, index)
        pdfium.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px = m.a * x.value + m.c * y.value + m.e
        py = height - (m.b * x.value + m.d * y.value + m.f)
        move = pdfium.FPDFPathSegment_GetType(segment) == pdfium.FPDF_SEGMENT_MOVETO
        if move:
            start = (px, py)
        yield px, py, move
        if pdfium.FPDFPathSegment_GetClose(segment) and start:
            yield start[0], start[1], False


def _thin_box_rule(obj: Any, height: float) -> Iterator[Rule]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium.FPDFPageObj_GetBounds(
        obj,
        ctypes.byref(left),
        ctypes.byref(bottom),
        ctypes.byref(right),
        ctypes.byref(top),
    )
    x0, y0, x1, y1 = left.value, height - top.value, right.value, height - bottom.value
    if y1 - y0 <= _RULE_THICKNESS and x1 - x0 >= _MIN_RULE:
        yield Rule(True, (y0 + y1) / 2, x0, x1)
    elif x1 - x0 <= _RULE_THICKNESS and y1 - y0 >= _MIN_RULE:
        yield Rule(False, (x0 + x1) / 2, y0, y1)
