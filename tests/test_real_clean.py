"""The clean stage on real page excerpts (tests/real/clean, labelled by reading them):
chrome, counters, widgets and spam in every script must go, the report's own text must
stay, and `tampered` must say whether spam was injected. Prints the share of checks
passed; every check must pass.

The excerpts are page text (stored copies keep no markup), so they go through the text
path as served (text/plain) and through the HTML path with each line as a <p>: the
markup is ours, the text is the page's."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import opencc
import pytest

from govcrawl.clean import clean_page
from govcrawl.model import CleanResult

REAL = Path(__file__).parent / "real" / "clean"
CASES = sorted(path.stem for path in REAL.glob("*.json"))
# Labels quote the page as printed; the stage prints simplified text without pinyin,
# so both sides are compared folded: annotations and whitespace out, simplified script.
_ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_T2S = opencc.OpenCC("t2s")


def _fold(text: str) -> str:
    return _T2S.convert(re.sub(r"\s+", "", _ANNOTATION.sub("", text)))


def _case(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL / f"{name}.json").read_text("utf-8"))
    return data


def _clean(case: dict[str, Any], path: str) -> CleanResult:
    text = (REAL / case["file"]).read_text("utf-8")
    if path == "text":
        body = text.encode()
        return clean_page(
            body, url=case["url"], content_type="text/plain; charset=utf-8"
        )
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = f"<html><head><meta charset='utf-8'></head><body>{paragraphs}</body></html>"
    return clean_page(page.encode(), url=case["url"], content_type="text/html")


def _checks(case: dict[str, Any], result: CleanResult) -> list[tuple[str, bool]]:
    text = _fold(result.text)
    checks = [(f"removed {s!r}", _fold(s) not in text) for s in case["remove"]]
    checks += [(f"kept {s!r}", _fold(s) in text) for s in case["keep"]]
    checks.append(
        (f"tampered is {case['tampered']}", result.tampered is case["tampered"])
    )
    checks.append((f"pinyin is {case['pinyin']}", result.pinyin is case["pinyin"]))
    return checks


@pytest.fixture(scope="module", params=["text", "html"])
def outcomes(request: pytest.FixtureRequest) -> dict[str, list[tuple[str, bool]]]:
    found = {}
    for name in CASES:
        case = _case(name)
        found[f"{request.param} {name}"] = _checks(case, _clean(case, request.param))
    return found


def test_the_set_is_there() -> None:
    assert len(CASES) >= 45
    for name in CASES:
        case = _case(name)
        assert case["url"].startswith("http") and (REAL / case["file"]).is_file()


def test_every_check_passes(outcomes: dict[str, list[tuple[str, bool]]]) -> None:
    checks = [ok for found in outcomes.values() for _, ok in found]
    share = sum(checks) / len(checks)
    path = next(iter(outcomes)).split()[0]
    print(f"\nreal clean set, {path} path: {sum(checks)}/{len(checks)} ({share:.1%})")
    failed = [
        f"{name}: {what}"
        for name, found in outcomes.items()
        for what, ok in found
        if not ok
    ]
    assert failed == []
