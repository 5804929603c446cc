"""`govcrawl parse`: JSON Lines on stdout, errors on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govcrawl.cli import main
from tests.seeds import (
    SEED_NAMES,
    YUANJIANG,
    expected_view,
    report_view,
    seed_path,
)

REQUIRED = ("source", "title", "agency", "year", "published", "template", "proactive",
            "requests", "review_litigation", "checks")  # fmt: skip


def test_parse_prints_one_json_line_per_input(capsys):
    paths = [str(seed_path(name)) for name in SEED_NAMES]
    assert main(["parse", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(paths)
    records = [json.loads(line) for line in lines]
    assert all(set(REQUIRED) <= set(record) for record in records)
    assert [record["source"] for record in records] == paths
    assert [report_view(record) for record in records] == [
        expected_view(name) for name in SEED_NAMES
    ]


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
    keys = ("year", "template", "proactive", "requests", "review_litigation")
    assert report_view(record, keys) == expected_view(seed, keys)


def test_scanned_pdf_needs_ocr_is_a_finding(capsys):
    assert main(["parse", str(ATTACHMENTS / "003_hegang_2024_scanned.pdf")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [finding["kind"] for finding in record["findings"]] == [
        "attachment_needs_ocr"
    ]
    assert record["requests"] == {}
    assert record["checks"][0]["mode"] == "not_evaluated"
