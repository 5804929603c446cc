"""`govcrawl parse`: JSON Lines on stdout, errors on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcrawl.cli import main
from tests.seeds import SEED_NAMES, YUANJIANG, expected, seed_path

REQUIRED = ("source", "title", "agency", "year", "published", "template", "proactive",
            "requests", "review_litigation", "checks")  # fmt: skip


def test_parse_prints_one_json_line_per_input(capsys):
    paths = [str(seed_path(name)) for name in SEED_NAMES]
    assert main(["parse", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(paths)
    for name, line in zip(SEED_NAMES, lines, strict=True):
        record = json.loads(line)
        assert set(REQUIRED) <= set(record)
        assert record["source"] == str(seed_path(name))
        assert record["year"] == expected(name)["year"]
        identities = [c for c in record["checks"] if c["mode"] != "soft"]
        assert {check["id"] for check in identities} == {f"B{n}" for n in range(1, 8)}
        failing = sorted(c["id"] for c in identities if not c["ok"])
        assert failing == (["B4", "B5"] if name == YUANJIANG else [])


def test_unreadable_input_is_reported_and_others_processed(capsys, tmp_path):
    missing = tmp_path / "missing.html"
    assert main(["parse", str(missing), str(seed_path(YUANJIANG))]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert captured.err.count("\n") == 1 and str(missing) in captured.err


def test_gbk_file_is_decoded(capsys, tmp_path):
    text = seed_path("002_c70ef5546fcf38db").read_text(encoding="utf-8")
    gbk = tmp_path / "heyang.txt"
    gbk.write_bytes(text.replace("¥", "").encode("gbk"))
    assert main(["parse", str(gbk)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["template"] == "v2019"
    assert record["proactive"]["procurement_amount_wan"] == 7540.77


ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"


@pytest.mark.parametrize(
    ("name", "seed"),
    [
        ("004_hetian_2023.pdf", "004_d4cf2388c7c6da47"),
        ("000_panzhihua_2022.docx", "000_968440a473f92860"),
    ],
)
def test_parse_reads_pdf_and_docx(capsys, name, seed):
    assert main(["parse", str(ATTACHMENTS / name)]) == 0
    record = json.loads(capsys.readouterr().out)
    for table in ("proactive", "requests", "review_litigation"):
        assert record[table] == expected(seed)[table]


def test_scanned_pdf_needs_ocr_is_a_finding(capsys):
    assert main(["parse", str(ATTACHMENTS / "003_hegang_2024_scanned.pdf")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [finding["kind"] for finding in record["findings"]] == [
        "attachment_needs_ocr"
    ]
    assert record["requests"] == {}
    assert record["checks"][0]["mode"] == "not_evaluated"
