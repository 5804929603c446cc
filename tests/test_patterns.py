"""govcrawl.patterns: a module pattern compiled on first use behaves as re.compile's."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from govcrawl.clean.boilerplate import _ANY_MARKER
from govcrawl.normalize import CJK, PINYIN_RE
from govcrawl.patterns import LazyPattern, lazy

TEXT = "執(zhí)行(xíng)情况 Page 2 of 3, 政府信息公开 2023年"


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source, flags = rf"([{CJK}])\(([a-zí]+)\)", re.I
    eager, late = re.compile(source, flags), lazy(source, flags)
    assert [m.span() for m in late.finditer(TEXT)] == [
        m.span() for m in eager.finditer(TEXT)
    ]
    assert (
        late.sub("", TEXT)
        == eager.sub("", TEXT)
        == "情况 Page 2 of 3, 政府信息公开 2023年"
    )
    assert late.findall(TEXT) == [("執", "zhí"), ("行", "xíng")]
    assert late.groups == 2
    assert late.split(TEXT, maxsplit=1)[1:3] == ["執", "zhí"]


def test_nothing_is_compiled_before_first_use_and_once_after() -> None:
    late = lazy(r"\d+年")
    assert "search" not in vars(late)
    assert late.search(TEXT) is not None
    assert vars(late)["search"] == re.compile(r"\d+年").search
    assert late.compiled().pattern == late.pattern


def test_copies_and_pickles_do_not_compile_and_stay_usable() -> None:
    late = lazy(r"第(\d+)页")
    for twin in (copy.deepcopy(late), pickle.loads(pickle.dumps(late))):
        assert isinstance(twin, LazyPattern) and "search" not in vars(twin)
        found = twin.search("第2页")
        assert found is not None and found.group(1) == "2"
    assert "search" not in vars(late)


def test_an_unknown_attribute_is_an_error_not_a_compile() -> None:
    late = lazy(r"x")
    with pytest.raises(AttributeError):
        late.no_such_method  # noqa: B018
    assert "search" not in vars(late)


def test_module_patterns_made_lazy_still_match_report_text() -> None:
    # 执(zhí) is a mirror's annotation; a chrome line holds 打印本页 (boilerplate).
    assert PINYIN_RE.sub("", "执(zhí)行") == "执行"
    assert _ANY_MARKER.search("【打印本页】【关闭窗口】") is not None
