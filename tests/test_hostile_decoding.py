"""Decoding that never throws a report away (issue 15 item 1): a UTF-8 page with a
few invalid bytes was decoded as GB18030 (every table, the title and the template
lost, status `incomplete`); GB18030 bytes under a lying single-byte charset and UTF-32
with a byte-order mark came out as garbage with no `encoding` finding. Expected values
are the seed's labels (tests/fixtures/seeds/expected), never govcrawl's output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from govcrawl.decode import decode_body
from govcrawl.flow import Document, FlowResult, clean_parse_validate
from govcrawl.middlewares import CHARSET_CONFLICT, CharsetMiddleware

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "reports" / "hegang_2024.html"
EXPECTED = FIXTURES / "seeds" / "expected" / "003_00e19431bcd07e12.json"
URL = "http://www.gongnong.gov.cn/zwgk/2024.html"
# Inside the first paragraph (依据《中华人民共和国…), away from every table.
BROKEN = "依据".encode()


def _expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


def _text() -> str:
    return PAGE.read_text(encoding="utf-8")


def _with_invalid_bytes() -> bytes:
    body = PAGE.read_bytes()
    assert body.count(BROKEN) >= 1
    # A lone continuation byte, a truncated 3-byte sequence and an 0xFF.
    return body.replace(BROKEN, b"\x80" + BROKEN + b"\xe4\xb8" + b"\xff", 1)


def _assert_report_read(result: FlowResult) -> None:
    expected = _expected()
    report = result.report
    assert report.title == expected["title"]
    assert report.template == expected["template"]
    assert report.proactive == expected["proactive"]
    assert report.requests == expected["requests"]
    assert report.review_litigation == expected["review_litigation"]


def _encoding_findings(result: FlowResult) -> list[str]:
    return [f.message for f in result.report.findings if f.kind == "encoding"]


def test_a_utf8_page_with_three_invalid_bytes_stays_utf8_and_keeps_its_tables() -> None:
    document = Document(_with_invalid_bytes(), URL, "text/html; charset=UTF-8")
    result = clean_parse_validate(document)
    assert result.cleaned.encoding == "utf-8"
    _assert_report_read(result)
    (finding,) = _encoding_findings(result)
    assert "utf-8" in finding and "U+FFFD" in finding
    assert [r.kind for r in result.cleaned.removed].count("encoding") == 1


def test_without_any_declaration_the_broken_utf8_page_is_still_utf8() -> None:
    body = _with_invalid_bytes().replace(b'<meta charset="utf-8">', b"")
    decoded = decode_body(body)
    assert (decoded.encoding, decoded.lossy) == ("utf-8", True)
    assert decoded.text.count("\ufffd") == 3


def test_a_gbk_header_over_broken_utf8_is_overruled() -> None:
    result = clean_parse_validate(
        Document(_with_invalid_bytes(), URL, "text/html; charset=gbk")
    )
    assert result.cleaned.encoding == "utf-8"
    _assert_report_read(result)
    assert _encoding_findings(result)


LYING = ("iso-8859-15", "koi8-r", "windows-1251")


@pytest.mark.parametrize("declared", LYING)
def test_gb18030_bytes_under_a_lying_single_byte_charset(declared: str) -> None:
    text = _text().replace('<meta charset="utf-8">', f'<meta charset="{declared}">')
    document = Document(text.encode("gb18030"), URL, f"text/html; charset={declared}")
    result = clean_parse_validate(document)
    assert result.cleaned.encoding == "gb18030"
    _assert_report_read(result)
    (finding,) = _encoding_findings(result)
    assert declared in finding and "gb18030" in finding


def test_a_plain_gbk_page_declared_gbk_has_no_encoding_finding() -> None:
    text = _text().replace('<meta charset="utf-8">', '<meta charset="gbk">')
    result = clean_parse_validate(Document(text.encode("gbk"), URL))
    assert result.cleaned.encoding == "gb18030"
    _assert_report_read(result)
    assert _encoding_findings(result) == []


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_utf32_and_utf16_with_a_byte_order_mark(codec: str) -> None:
    body = "\ufeff".encode(codec) + _text().encode(codec)
    assert decode_body(body).text.lstrip("\ufeff") == _text()
    result = clean_parse_validate(Document(body, URL))
    _assert_report_read(result)
    assert _encoding_findings(result) == []


def _through_middleware(body: bytes, content_type: str) -> tuple[str, Request]:
    request = Request(URL)
    response = HtmlResponse(
        URL, body=body, headers={"Content-Type": content_type}, request=request
    )
    decoded = CharsetMiddleware().process_response(request, response)
    return decoded.text, request


@pytest.mark.parametrize("declared", LYING)
def test_crawls_read_gb18030_under_a_lying_charset(declared: str) -> None:
    text, request = _through_middleware(
        _text().encode("gb18030"), f"text/html; charset={declared}"
    )
    assert _expected()["title"] in text
    assert declared in request.meta[CHARSET_CONFLICT]


def test_crawls_read_broken_utf8_behind_a_gbk_header_as_utf8() -> None:
    text, request = _through_middleware(_with_invalid_bytes(), "text/html; charset=gbk")
    assert _expected()["title"] in text
    assert "gbk" in request.meta[CHARSET_CONFLICT]


def test_a_truthful_header_leaves_the_response_alone() -> None:
    text, request = _through_middleware(PAGE.read_bytes(), "text/html; charset=utf-8")
    assert text == _text()
    assert CHARSET_CONFLICT not in request.meta


def _govcrawl(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "govcrawl.cli", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=120)


@pytest.mark.e2e
def test_parse_and_load_read_the_broken_utf8_file(tmp_path: Path) -> None:
    page = tmp_path / "hegang.html"
    page.write_bytes(_with_invalid_bytes())
    parsed = _govcrawl("parse", str(page), cwd=tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    report = json.loads(parsed.stdout)
    expected = _expected()
    assert (report["title"], report["template"]) == (
        expected["title"],
        expected["template"],
    )
    assert report["proactive"] == expected["proactive"]
    assert "encoding" in [finding["kind"] for finding in report["findings"]]
    loaded = _govcrawl("load", "--db", str(tmp_path / "g.db"), str(page), cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    # The seed's report passes every identity: the tables were all read.
    assert loaded.stdout.decode().splitlines()[0].endswith("version 1, ok)")


def test_a_conflict_one_declaration_settles_is_not_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Scoring costs a decode per candidate (1.5 ms on a 17 kB page): a header and a
    <meta> that disagree, where one of them decodes strictly, need none."""
    import govcrawl.decode

    def no_scoring(sample: bytes, encoding: str) -> tuple[int, float]:
        raise AssertionError(f"scored {encoding}")

    monkeypatch.setattr(govcrawl.decode, "score", no_scoring)
    text = _text().replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    decoded = decode_body(text.encode("gbk"), "text/html; charset=UTF-8")
    assert (decoded.encoding, decoded.text) == ("gb18030", text)
    (note,) = decoded.notes
    assert note.startswith(
        "charset conflict: header says utf-8, page <meta> says gb2312"
    )
