"""The parse stage: a report (HTML or text) to the template's numbers and metadata."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter, itemgetter

from govcrawl.model import CleanResult, Report
from govcrawl.normalize import script_of, strip_pinyin
from govcrawl.parse.derive import derive
from govcrawl.parse.metadata import apply_metadata, reading_lines, resolve_metadata
from govcrawl.parse.proactive import parse_proactive
from govcrawl.parse.regions import Region, locate
from govcrawl.parse.requests import parse_requests, parse_review
from govcrawl.parse.tokens import (
    Token,
    Tokenized,
    simplified_token,
    tokenize,
    tokenize_tree,
)
from govcrawl.template import (
    PROACTIVE_KEYS,
    V2019_SIGNALS,
    V2021_REQUEST_SIGNALS,
    V2021_SIGNALS,
    VERSIONS,
    request_rows,
)

__all__ = ["parse_clean", "parse_report"]

# A report's few hundred tokens are read field by field in C; _TEXT_ROW gives a
# Token's (text, row).
_TEXT, _KEY = attrgetter("text"), attrgetter("key")
_TEXT_ROW = itemgetter(0, 2)
_CONVERTED = "traditional characters converted to simplified"
_TABLE_NAMES = {
    "proactive": "table 二 (主动公开)",
    "requests": "table 三 (收到和处理申请)",
    "review_litigation": "table 四 (复议/诉讼)",
}


def parse_report(content: str, *, source: str = "", html: bool | None = None) -> Report:
    """Parse one report; what cannot be read becomes a finding, never an exception."""
    report = Report(source=source)
    text = strip_pinyin(content)
    tokenized = tokenize(text, html)
    if tokenized.unread:
        report.find("truncated", tokenized.unread)
    printed = tokenized.tokens
    traditional = script_of(text) == "traditional"
    if traditional:
        report.find("script", _CONVERTED)
        tokenized.tokens = [simplified_token(token) for token in tokenized.tokens]
    return _parse_tokens(report, tokenized, printed, traditional)


def parse_clean(cleaned: CleanResult, *, source: str = "") -> Report:
    """Parse the clean stage's result: the report element clean left, read as it is
    (no HTML is parsed again), or its text. Clean stripped pinyin and converted
    traditional script once, so the tokens are both the printed and the simplified
    lines (the flow names the conversion). Content that did not go through clean
    (an attachment's) is parsed as parse_report parses any string."""
    if cleaned.tree is not None:
        tokenized = tokenize_tree(cleaned.tree, cleaned.reading)
    elif cleaned.scrubbed:
        tokenized = tokenize(cleaned.text, html=False)
    else:
        html = bool(cleaned.html)
        return parse_report(cleaned.html or cleaned.text, source=source, html=html)
    return _parse_tokens(Report(source=source), tokenized, tokenized.tokens, False)


def _parse_tokens(
    report: Report,
    tokenized: Tokenized,
    printed: Sequence[Token],
    traditional: bool,
) -> Report:
    tokens = tokenized.tokens
    keys = list(map(_KEY, tokens))
    regions = locate(tokens, keys)
    _parse_tables(tokens, regions, report)
    report.template = _detect_template(keys, regions, report)
    _complete(report)
    derive(report)
    # The reading gave the lines of the tokens as read, which are the printed ones.
    printed_lines = tokenized.lines
    if printed_lines is None:
        printed_lines = reading_lines(map(_TEXT_ROW, printed))
    lines = printed_lines
    if printed is not tokens:
        lines = reading_lines(map(_TEXT_ROW, tokens))
    metadata = resolve_metadata(
        printed_lines,
        lines,
        text="\n".join(map(_TEXT, tokens)),
        meta=tokenized.meta,
        traditional=traditional,
    )
    apply_metadata(report, metadata)
    return report


def _parse_tables(
    tokens: Sequence[Token], regions: dict[str, Region | None], report: Report
) -> None:
    parsers = {
        "proactive": parse_proactive,
        "requests": parse_requests,
        "review_litigation": parse_review,
    }
    for name, parser in parsers.items():
        region = regions[name]
        if region is None:
            report.find("missing_table", f"{_TABLE_NAMES[name]} not found", name)
        else:
            parser(tokens, region, report)


def _detect_template(
    keys: Sequence[str], regions: dict[str, Region | None], report: Report
) -> str | None:
    """By content, never by year (spec §0): signal labels inside the tables."""
    printed = "\n".join(
        "\n".join(keys[region.start : region.end])
        for region in (regions["proactive"], regions["requests"])
        if region is not None and region.start < region.end
    )
    v2021 = any(s in printed for s in (*V2021_SIGNALS, *V2021_REQUEST_SIGNALS))
    v2019 = any(s in printed for s in V2019_SIGNALS)
    if v2021 and v2019:
        return "mixed"
    if v2021 or v2019:
        return "v2021" if v2021 else "v2019"
    report.find("template", "no version signal found (spec §0); template unknown")
    return None


def _complete(report: Report) -> None:
    """Name what the detected template expects but the report does not print."""
    versions = VERSIONS if report.template == "mixed" else (report.template,)
    expected = [key for v in versions if v for key in PROACTIVE_KEYS[v]]
    missing = [key for key in expected if key not in report.proactive]
    if report.proactive and missing:
        report.find("missing_cell", f"not printed: {', '.join(missing)}", "proactive")
    report.proactive = {key: report.proactive.get(key) for key in expected} | {
        key: value for key, value in report.proactive.items() if key not in expected
    }
    for key in missing:
        report.flags[f"proactive.{key}"] = "missing"
    _complete_requests(report, versions)


def _complete_requests(report: Report, versions: tuple[str | None, ...]) -> None:
    if not report.requests:
        return
    single_other = "other_handling" in report.requests
    for version in versions:
        if version is None:
            continue
        rows = request_rows(version)
        if version == "v2021" and single_other:
            report.find(
                "template_variant", "(六)其他处理 printed as one row (v2019 form)"
            )
            rows = request_rows("v2019")
        missing = [row for row in rows if row not in report.requests]
        if missing:
            report.find("missing_row", f"not printed: {', '.join(missing)}", "requests")
