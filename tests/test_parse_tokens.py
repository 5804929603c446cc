"""The parse stage's reading of a tree: lines and table cells in reading order, each
cell with its row's number, read in place from the element clean hands over."""

from __future__ import annotations

from lxml import html

from govcrawl.parse.tokens import tokenize, tokenize_tree

PAGE = """<div><p>before</p><div id="report">
<h1>某县2023年政府信息公开工作年度报告</h1>
<p>第一行<br>第二<span>行</span></p>
<table><thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead>
<tbody><tr><td>规章</td><td><p><span>0</span></p></td></tr>
<tr><td>规范性文件</td><td>1<table><tr><td>内</td></tr></table></td></tr></tbody></table>
表后文字<script>var x = 1;</script></div>after the report<p>next</p></div>"""


def _read(element: html.HtmlElement) -> list[tuple[str, int | None]]:
    return [(token.text, token.row) for token in tokenize_tree(element).tokens]


def test_tree_reads_lines_and_cells_in_order() -> None:
    report = html.fromstring(PAGE).get_element_by_id("report")
    assert _read(report) == [
        ("某县2023年政府信息公开工作年度报告", None),
        ("第一行", None),
        ("第二行", None),
        ("信息内容", 1),
        ("本年制发件数", 1),
        ("规章", 2),
        ("0", 2),
        ("规范性文件", 3),
        # A table nested in a cell is that cell's text, not rows of its own.
        ("1内", 3),
        ("表后文字", None),
    ]


def test_tree_is_read_in_place_without_its_tail() -> None:
    report = html.fromstring(PAGE).get_element_by_id("report")
    before = html.tostring(report, encoding="unicode")
    tokens = [text for text, _ in _read(report)]
    assert "after the report" not in tokens and "next" not in tokens
    assert html.tostring(report, encoding="unicode") == before


def test_a_noncharacter_on_the_page_does_not_split_a_cell() -> None:
    """The reading marks rows and cells with noncharacters; one printed on the page
    reads as U+FFFD and the row keeps its two cells."""
    markup = "<div><table><tr><td>合\ufdd2计\ufdd1</td><td>5</td></tr></table>尾</div>"
    element = html.fromstring(markup)
    assert _read(element) == [("合\ufffd计\ufffd", 1), ("5", 1), ("尾", None)]
    assert element.findtext(".//td") == "合\ufdd2计\ufdd1"


def test_markup_string_reads_as_the_same_tree() -> None:
    tokens = tokenize(f"<html><body>{PAGE}</body></html>", html=True).tokens
    texts = [token.text for token in tokens]
    assert texts[:2] == ["before", "某县2023年政府信息公开工作年度报告"]
    assert texts[-2:] == ["after the report", "next"]
    assert "var x = 1;" not in " ".join(texts)
