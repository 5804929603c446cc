"""Everything bounded (issue 15 item 3): a list that declares parseInt(100000000)
pages made static_index build every list URL at once (10.6 GB RSS after 115 s)."""

from __future__ import annotations

import pytest

from govcrawl.demo.faults import COLUMN, HOSTS, list_page
from govcrawl.discover.cms.pages import MAX_LIST_PAGES
from govcrawl.discover.cms.static_index import StaticIndexAdapter

FIRST = f"http://{HOSTS[0]}{COLUMN}index.shtml"
HUGE = 100_000_000


def test_a_huge_declared_page_count_is_capped_and_the_rest_is_a_gap() -> None:
    page = StaticIndexAdapter().parse_list(FIRST, list_page([], HUGE).decode())
    assert len(page.more) == MAX_LIST_PAGES - 1
    assert page.more[-1].url.endswith(f"index_{MAX_LIST_PAGES}.shtml")
    assert page.cut == HUGE - MAX_LIST_PAGES


def test_the_cap_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVCRAWL_MAX_LIST_PAGES", "5")
    page = StaticIndexAdapter().parse_list(FIRST, list_page([], 12).decode())
    assert [fetch.url.rsplit("/", 1)[1] for fetch in page.more] == [
        f"index_{number}.shtml" for number in range(2, 6)
    ]
    assert page.cut == 7


def test_a_list_within_the_cap_has_no_gap() -> None:
    page = StaticIndexAdapter().parse_list(FIRST, list_page([], 3).decode())
    assert (len(page.more), page.cut) == (2, 0)
