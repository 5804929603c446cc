"""What the clean stage's meta tags and the portal's list said, merged into a parsed
report by the resolver's precedence: the page's own reading stays (a different
listed value is a finding, metadata_conflict); a listed value replaces a guess or
fills a gap; a guess stays only when nothing better is known."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from govcrawl.dates import iso_date
from govcrawl.model import Report
from govcrawl.normalize import to_simplified
from govcrawl.parse.metadata import year as years
from govcrawl.parse.metadata.organ import title_organ
from govcrawl.parse.metadata.resolve import (
    GUESS,
    LIST,
    META,
    OTHER_DATE,
    TITLE,
    meta_title,
    note_findings,
)
from govcrawl.parse.metadata.script import printed_title

_TRUNCATED = ("…", "...", "..")


@dataclass(frozen=True)
class Listed:
    """The spider's list entry for the page: its title, year and date."""

    title: str | None = None
    year: int | None = None
    published: str | None = None


def is_guess(report: Report, name: str) -> bool:
    return report.provenance.get(name, "").endswith(f"({GUESS})")


def with_listed(
    report: Report, meta: Mapping[str, str], listed: Listed, printed: str = ""
) -> None:
    """`printed`: a converted page's text as printed (CleanResult.printed), where
    the page's own title is found again in its own script."""
    meta_date = iso_date(meta.get("PubDate") or meta.get("published") or "")
    listed_title = listed.title if _usable_title(listed.title) else None
    _take(report, "title", ((meta_title(meta), META), (listed_title, LIST)))
    if report.title and printed and report.provenance.get("title") != LIST:
        report.title = printed_title(report.title, printed)
    title_year = years.title_year(report.title) if report.title else None
    title_source = report.provenance.get("title", TITLE)
    _take(report, "year", ((title_year, title_source), (listed.year, LIST)))
    if meta_date and report.provenance.get("published") == OTHER_DATE:
        # jingjiang.gov.cn: 发文日期 2023-02-10 kept, `发布时间:2023-02-16 浏览次数:` removed.
        report.published, report.provenance["published"] = meta_date, META
    _take(report, "published", ((meta_date, META), (listed.published, LIST)))
    _agency_from_title(report)
    guessed = {name for name in report.provenance if is_guess(report, name)}
    note_findings(report, guessed)


def _agency_from_title(report: Report) -> None:
    """A title the list or meta tags gave names the organ; a body guess naming
    another one stays, with a finding (a list can name the wrong page)."""
    organ = title_organ(report.title) if report.title else None
    if organ is None or (report.agency and not is_guess(report, "agency")):
        return
    if report.agency and organ != report.agency:
        report.find(
            "metadata_conflict",
            f"agency: the page's guess {report.agency!r}, the title names {organ!r}",
            "agency",
        )
        return
    report.agency = organ
    report.provenance["agency"] = TITLE


def _take(
    report: Report,
    name: str,
    offers: tuple[tuple[str | int | None, str], ...],
) -> None:
    current = getattr(report, name)
    read = current is not None and not is_guess(report, name)
    for value, source in offers:
        if value is None:
            continue
        if read:
            if source == LIST and _differs(value, current):
                report.find(
                    "metadata_conflict",
                    f"{name}: the page says {current!r}, the list {value!r}; kept the page's",
                    name,
                )
            continue
        setattr(report, name, value)
        report.provenance[name] = source
        return


def _usable_title(title: str | None) -> bool:
    """A list's link text cut short (…年度报…) or naming no report is no title."""
    return bool(title) and not str(title).rstrip().endswith(_TRUNCATED)


def _differs(listed: str | int, page: str | int) -> bool:
    if isinstance(listed, str) and isinstance(page, str):
        # A title the page prints in traditional script is the list's simplified one.
        return to_simplified("".join(listed.split())) != to_simplified(
            "".join(page.split())
        )
    return listed != page
