"""Table 三's row speed-ups change no result: each shortcut is checked against the
code it replaced (written out here), on the tokens of every fixture and real page."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from pathlib import Path

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

from govcrawl.model import Finding
from govcrawl.parse import cells
from govcrawl.parse.rowkeys import RowResolver, resolved
from govcrawl.parse.tokens import Token, tokenize, tokenize_tree

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
