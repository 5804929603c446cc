"""Table 三's row speed-ups change no result: each shortcut is checked against the
code it replaced (written out here), on the tokens of every fixture and real page."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from importlib import import_module
from operator import attrgetter
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcrawl import parse
from govcrawl.model import Finding, Report
from govcrawl.parse import cells, requests
from govcrawl.parse.labels import align_header
from govcrawl.parse.recover import recover_review
from govcrawl.parse.regions import Region, locate
from govcrawl.parse.rowkeys import RowResolver, resolved
from govcrawl.parse.tokens import Token, make_token, tokenize, tokenize_tree
from govcrawl.parse.values import Cell, is_value
from govcrawl.template import (
    REVIEW_HEADER,
    REVIEW_LITIGATION_KEYS,
    V2019_SIGNALS,
    V2021_REQUEST_SIGNALS,
    V2021_SIGNALS,
)

# The module: the package's name `derive` is its function.
derive = import_module("govcrawl.parse.derive")
T4 = requests.T4
TESTS = Path(__file__).parent
PAGES = sorted(
    path
    for base in ("fixtures", "real")
    for path in (TESTS / base).rglob("*")
    if path.suffix in {".html", ".htm", ".txt"}
)
_TEXT = attrgetter("text")


@cache
def _streams() -> list[list[Token]]:
    streams = []
    for path in PAGES:
        if path.suffix == ".txt":
            text = path.read_text(encoding="utf-8", errors="replace")
            streams.append(tokenize(text, html=False).tokens)
        else:
            tree = lxml.html.fromstring(path.read_bytes())
            streams.append(tokenize_tree(tree).tokens)
    return streams


def test_the_pages_are_there() -> None:
    assert len(PAGES) > 40
    assert sum(len(stream) for stream in _streams()) > 10_000


def test_rows_resolved_as_by_the_resolver() -> None:
    """resolved(key, printed, group) is what a RowResolver with that group open
    answers, and the group it leaves open, token after token of every page."""
    for stream in _streams():
        resolver = RowResolver()
        for token in stream:
            before = resolver.group
            match = resolver.resolve(token.key, token.text)
            assert resolved(token.key, token.text, before) == (match, resolver.group)


@pytest.mark.e2e
@given(
    st.lists(
        st.sampled_from(["(三)不予公开", "1.属于国家秘密", "(四)无1.本机关不掌握", "x"])
    )
)
def test_generated_label_runs_resolved_as_by_the_resolver(keys: list[str]) -> None:
    resolver = RowResolver()
    for key in keys:
        before = resolver.group
        match = resolver.resolve(key, key)
        assert resolved(key, key, before) == (match, resolver.group)


def _read_row_before(
    tokens: Sequence[Token], start: int, width: int, where: str
) -> cells.RowRead:
    label_row = tokens[start - 1].row if start > 0 else None
    if label_row is not None:
        end = _row_end_before(tokens, start, label_row, width)
        return _fit_before(tuple(map(_TEXT, tokens[start:end])), width, end, where)
    return cells._read_flat(tokens, start, width, where)


def _row_end_before(tokens: Sequence[Token], start: int, row: int, width: int) -> int:
    end, size = start, len(tokens)
    if start + width <= size and tokens[start + width - 1].row == row:
        end = start + width
    while end < size and tokens[end].row == row:
        end += 1
    return end


def _fit_before(
    texts: tuple[str, ...], width: int, next_index: int, where: str
) -> cells.RowRead:
    found, problems = cells._fitted(texts, width)
    findings = [Finding(kind, message, where) for kind, message in problems]
    return cells.RowRead(found, next_index, findings)


def _fields(read: cells.RowRead) -> tuple[object, ...]:
    return tuple(read.cells), read.next_index, read.findings


def test_rows_read_as_before() -> None:
    """read_row after every token of every page, at table 二's and 三's widths."""
    for stream in _streams():
        for start in range(1, len(stream) + 1):
            for width in (4, 7):
                before = _read_row_before(stream, start, width, "here")
                after = cells.read_row(stream, start, width, "here")
                assert _fields(after) == _fields(before)


def _detect_before(
    stream: Sequence[Token], regions: dict[str, Region | None], report: Report
) -> str | None:
    keys = "\n".join(
        "\n".join(map(attrgetter("key"), stream[region.start : region.end]))
        for region in (regions["proactive"], regions["requests"])
        if region is not None and region.start < region.end
    )
    v2021 = any(s in keys for s in (*V2021_SIGNALS, *V2021_REQUEST_SIGNALS))
    v2019 = any(s in keys for s in V2019_SIGNALS)
    if v2021 and v2019:
        return "mixed"
    if v2021 or v2019:
        return "v2021" if v2021 else "v2019"
    report.find("template", "no version signal found (spec §0); template unknown")
    return None


def test_template_detected_from_the_keys_as_from_the_tokens() -> None:
    """The template read from the keys list the regions were found in is the one
    read from the tokens, with the same finding; every template is among them."""
    seen = set()
    for stream in _streams():
        keys = [token.key for token in stream]
        regions = locate(stream, keys)
        assert regions == locate(stream)
        before, after = Report(source="x"), Report(source="x")
        template = _detect_before(stream, regions, before)
        assert parse._detect_template(keys, regions, after) == template
        assert after.findings == before.findings
        seen.add(template)
    assert seen >= {"v2019", "v2021", None}


def _review_totals_before(report: Report) -> None:
    values = report.review_litigation
    for prefix in ("review", "suit_direct", "suit_after_review"):
        keys = [k for k in REVIEW_LITIGATION_KEYS if k.startswith(f"{prefix}_")]
        total_key, parts = keys[-1], [values.get(k) for k in keys[:-1]]
        path = f"review_litigation.{total_key}"
        if (
            total_key in values
            and values[total_key] is None
            and derive._blank(report, path)
        ):
            values[total_key] = derive._fill(report, path, parts)


@pytest.mark.e2e
@given(
    st.dictionaries(
        st.sampled_from(REVIEW_LITIGATION_KEYS), st.none() | st.integers(0, 9)
    ),
    st.sets(st.sampled_from(REVIEW_LITIGATION_KEYS)),
)
def test_review_totals_derived_as_before(
    values: dict[str, int | None], blank: set[str]
) -> None:
    flags = {f"review_litigation.{key}": "blank" for key in blank}
    before = Report(source="x", review_litigation=dict(values), flags=dict(flags))
    after = deepcopy(before)
    _review_totals_before(before)
    derive._derive_review_totals(after)
    assert after == before


def _parse_review_before(
    tokens: Sequence[Token], region: Region, report: Report
) -> None:
    index = region.start
    header: list[str] = []
    while index < region.end and not is_value(tokens[index].key):
        header.append(tokens[index].key)
        index += 1
    columns, findings = align_header(header, REVIEW_HEADER, f"{T4} header")
    report.findings.extend(findings)
    if index >= region.end:
        report.find("missing_values", "table 四 has a header but no values", T4)
        return
    read = cells.read_value_row(tokens, index, len(columns), T4)
    runs = requests._runs(None, read, len(columns))
    if runs is not None and columns == list(REVIEW_LITIGATION_KEYS):
        recover_review(runs, " ".join(runs), report)
        return
    report.findings.extend(read.findings)
    values = dict(zip(columns, read.cells, strict=True))
    for key in REVIEW_LITIGATION_KEYS:
        cell = values.get(key, Cell(None, "", "missing"))
        requests._store(report, f"review_litigation.{key}", cell)
        report.review_litigation[key] = requests._count(cell)


def _review_before_and_after(stream: list[Token]) -> tuple[Report, Report]:
    region = locate(stream)["review_litigation"]
    before, after = Report(source="x"), Report(source="x")
    if region is not None:
        _parse_review_before(stream, region, before)
        requests.parse_review(stream, region, after)
    return before, after


def test_table_four_read_as_before() -> None:
    """Every page's table 四: counts, flags, raw texts and findings."""
    read = 0
    for stream in _streams():
        before, after = _review_before_and_after(stream)
        assert after == before
        read += bool(before.review_litigation)
    assert read > 20


@pytest.mark.e2e
@given(
    st.lists(st.sampled_from(["0", "3", "1.5", "", "-", "x", "无", "2件"]), max_size=16)
)
def test_generated_table_four_rows_read_as_before(texts: list[str]) -> None:
    header = [make_token(text, 1) for text in ("行政复议", "行政诉讼")]
    stream = [*header, *(make_token(text, 2) for text in texts or ["0"])]
    before, after = _review_before_and_after(stream)
    assert after == before
