"""`govcrawl clean PATH` and `govcrawl clean --json PATH` through govcrawl.cli.main,
on the reference report pages, the fixture pages and the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcrawl.cli import main
from tests.seeds import SEED_NAMES, seed_path

FIXTURES = Path(__file__).parent / "fixtures"
REPORT_PAGES = sorted((FIXTURES / "reports").glob("*_20??.html"))
PORTAL_PAGES = [
    FIXTURES / "pages" / f"{name}.html"
    for name in ("panzhihua_2022", "yuanjiang_2023", "heyang_2020", "hegang_2024")
]
JSON_KEYS = {
    "text",
    "html",
    "removed",
    "tampered",
    "pinyin",
    "converted",
    "mirror",
    "script",
    "encoding",
}


@pytest.mark.parametrize("path", REPORT_PAGES + PORTAL_PAGES, ids=lambda p: p.name)
def test_clean_prints_the_report_text(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(path)]) == 0
    out = capsys.readouterr().out
    assert "一、总体情况" in out and "六、其他" in out
    assert "阅读次数" not in out and "扫一扫" not in out and "澳门" not in out
    assert "(zhí)" not in out


@pytest.mark.parametrize("path", PORTAL_PAGES, ids=lambda p: p.name)
def test_clean_json(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert JSON_KEYS | {"meta"} <= set(data)
    assert data["script"] == "simplified"  # the portals serve simplified originals
    assert all(set(item) == {"kind", "text"} for item in data["removed"])
    assert data["html"].startswith("<div") and "<table" in data["html"]


def test_clean_json_on_a_text_file_has_text_and_no_markup(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["clean", "--json", str(seed_path(SEED_NAMES[3]))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["html"] == ""
    assert data["text"].endswith("六、其他需要报告的事项\n\n无。")
    assert [r["kind"] for r in data["removed"]] == [
        "widget",
        "navigation",
        "chatbot",
        "chatbot",
    ]


def test_clean_json_on_the_gbk_mirror(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "pages" / "heyang_2020.html"
    url = "http://zwfw.ppfh.org/zfxxgk/zfxxgknb/2020n/xsp/1628950158324563970.html"
    assert main(["clean", "--json", "--url", url, str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["tampered"], data["mirror"], data["encoding"]) == (
        True,
        True,
        "gb18030",
    )
    assert (data["pinyin"], data["converted"]) == (False, False)
    assert [r["kind"] for r in data["removed"]].count("spam") == 4


def test_clean_text_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(seed_path(SEED_NAMES[0]))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("攀枝花市西区2022年政府信息公开工作年度报告\n一、总体情况\n")


def test_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(tmp_path / "nope.html")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nope.html" in captured.err and "No such file" in captured.err


def test_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert main(["clean", str(path)]) == 1
    assert "not an HTML or text page: PDF document" in capsys.readouterr().err
