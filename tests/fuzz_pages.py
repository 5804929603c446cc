"""Adversarial pages through clean and parse: the pages, the hypothesis settings and the
checks shared by tests/test_fuzz_pages.py and tests/test_fuzz_properties.py."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from govcrawl.clean import clean_page
from govcrawl.config import MAX_PAGE_BYTES
from govcrawl.flow import Document, clean_parse_validate
from govcrawl.model import CleanResult, Report
from tests.invariants import problems

PAGES = Path(__file__).parent / "fixtures" / "pages"
ENTRIES = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))
HEGANG = ENTRIES["hegang_2024"]
HEGANG_BODY = (PAGES / HEGANG["file"]).read_bytes()
GBK_PAGE = (PAGES / ENTRIES["encoding_gbk_right"]["file"]).read_bytes()
CLEAR_REFUSALS = ("not an HTML or text page", "empty page")
# A hang detector, not a speed target (speed lives in `govcrawl bench`): the hangs
# these tests found ran for minutes on pages of 20 KB; every page here takes seconds.
HANG_SECONDS = 120
FUZZ = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def clean_or_refuse(body: bytes, max_bytes: int = MAX_PAGE_BYTES) -> CleanResult | None:
    """The clean stage's answer; None when it refuses with its clear ValueError."""
    try:
        return clean_page(
            body, url="http://fuzz.example/page.html", max_bytes=max_bytes
        )
    except ValueError as error:
        assert str(error).startswith(CLEAR_REFUSALS), error
        return None


def clean_and_parse(body: bytes) -> Report | None:
    result = clean_parse_validate(Document(body, "http://fuzz.example/page.html"))
    if result.unreadable:
        assert result.unreadable.startswith(CLEAR_REFUSALS), result.unreadable
        return None
    report = result.report
    assert problems(report) == {}
    return report


def around_body(before: str, after: str, body: bytes = HEGANG_BODY) -> bytes:
    """The hegang report page with markup wrapped around its <body> content."""
    page = body.decode("utf-8")
    start = page.index("<body>") + len("<body>")
    end = page.rindex("</body>")
    return (page[:start] + before + page[start:end] + after + page[end:]).encode()


def assert_bounded(body: bytes) -> None:
    """Clean and parse `body`, or fail as hung after HANG_SECONDS."""

    def hung(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{len(body)} bytes still cleaning after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_SECONDS)
    try:
        clean_and_parse(body)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
