"""One resolver for title, agency, year and published, each with where it came from.

Precedence, per field: what the page itself prints (its heading, header fields,
meta tags, signature) beats what the portal's list said, which beats a guess from
the body. A guess is flagged (finding metadata_guess); a field nothing gives is null
with a finding (metadata_missing), never invented."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from govcrawl.dates import iso_date
from govcrawl.discover.titles import names_report
from govcrawl.model import Report
from govcrawl.normalize import to_simplified
from govcrawl.parse.metadata import agency, published, title, year
from govcrawl.parse.metadata.organ import names_place, title_organ

# Where a value came from (Report.provenance); GUESSES are flagged as such.
LIST, META, HEADER, TITLE, SIGNATURE, FIELDS, BODY = (
    "list",
    "meta",
    "header",
    "title",
    "signature",
    "fields",
    "body",
)
GUESS = "guess"
# A header date that is not labelled as the publication's (成文日期, 发文日期, a date line
# under the title): a publication date the clean stage lifted off a removed header line
# (meta) replaces it.
OTHER_DATE = "header (other date)"
FIELD_NAMES = ("title", "agency", "year", "published")


@dataclass
class Metadata:
    values: dict[str, str | int | None] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)

    def set(self, name: str, value: str | int | None, source: str, guess: bool) -> bool:
        if value is None or value == "":
            return False
        self.values[name] = value
        self.provenance[name] = f"{source} ({GUESS})" if guess else source
        if guess:
            self.guessed.add(name)
        return True


def resolve_metadata(
    printed: Sequence[str],
    lines: Sequence[str],
    *,
    text: str,
    meta: Mapping[str, str] | None = None,
    traditional: bool = False,
) -> Metadata:
    """Read the page: `printed` are its lines in its own script (table rows as one
    line of cells, lines.reading_lines), `lines` the same simplified, `text` the
    whole page's text, `meta` its meta tags (ArticleTitle, PubDate, title);
    `traditional` when the page is, so the body's sentences are read simplified."""
    meta = meta or {}
    found = Metadata()
    heading = title.find_heading(printed, lines)
    if heading is not None:
        found.set("title", heading.text, HEADER, guess=False)
    else:
        found.set("title", meta_title(meta), META, guess=False)
    _read_year(found, text)
    _read_published(found, lines, heading, meta)
    _read_agency(found, lines, text, traditional)
    return found


def meta_title(meta: Mapping[str, str]) -> str | None:
    for name in ("ArticleTitle", "title"):
        value = meta.get(name, "")
        parts = [value, *value.replace("_", " - ").split(" - ")]
        for part in parts:
            if names_report(part) and year.title_year(part):
                return part.strip()
    return None


def _read_year(found: Metadata, text: str) -> None:
    printed_title = found.values.get("title")
    if isinstance(printed_title, str) and found.set(
        "year", year.title_year(printed_title), TITLE, guess=False
    ):
        return
    if found.set("year", year.period_year(text), BODY, guess=False):
        return
    if found.set("year", year.overview_year(text), BODY, guess=False):
        return
    found.set("year", year.common_year(text), BODY, guess=True)


def _read_published(
    found: Metadata,
    lines: Sequence[str],
    heading: title.Heading | None,
    meta: Mapping[str, str],
) -> None:
    in_header = published.header_date(lines, heading.line if heading else None)
    meta_date = iso_date(meta.get("PubDate") or meta.get("published") or "")
    if in_header and in_header[1] < 2:
        found.set("published", in_header[0], HEADER, guess=False)
    elif meta_date:
        found.set("published", meta_date, META, guess=False)
    elif in_header:
        found.set("published", in_header[0], OTHER_DATE, guess=False)
    else:
        found.set("published", published.signature_date(lines), SIGNATURE, guess=False)


def _read_agency(
    found: Metadata, lines: Sequence[str], text: str, traditional: bool
) -> None:
    signed = agency.signature_organ(lines)
    printed_title = found.values.get("title")
    organ = title_organ(printed_title) if isinstance(printed_title, str) else None
    if organ and names_place(organ):
        found.set("agency", organ, TITLE, guess=False)
        return
    fields = agency.field_organ(lines)
    if organ:
        # A title naming no place (县政府办, 城管执法局): the same organ named in
        # full elsewhere on the page, else as the title names it.
        others = (fields, _body_organ(text, traditional))
        fuller = agency.fuller_name(organ, signed, others)
        found.set("agency", fuller or organ, TITLE, guess=False)
    elif not found.set("agency", signed, SIGNATURE, guess=False) and not found.set(
        "agency", fields, FIELDS, guess=False
    ):
        found.set("agency", _body_organ(text, traditional), BODY, guess=True)


def _body_organ(text: str, traditional: bool) -> str | None:
    """The body's guess, read only where nothing printed names the organ: its
    patterns cost more than the rest of the metadata."""
    opening = text[: agency.OPENING]
    return agency.body_organ(to_simplified(opening) if traditional else opening)


def apply_metadata(report: Report, found: Metadata) -> None:
    """Fill the report's four fields, their provenance and the findings."""
    report.title = _str(found.values.get("title"))
    report.agency = _str(found.values.get("agency"))
    report.published = _str(found.values.get("published"))
    value = found.values.get("year")
    report.year = value if isinstance(value, int) else None
    report.provenance = dict(found.provenance)
    note_findings(report, found.guessed)


def note_findings(report: Report, guessed: set[str]) -> None:
    report.findings = [
        f
        for f in report.findings
        if f.kind not in ("metadata_guess", "metadata_missing")
    ]
    for name in FIELD_NAMES:
        value = getattr(report, name)
        if value is None:
            report.find("metadata_missing", f"{name}: not printed on the page", name)
        elif name in guessed:
            source = report.provenance.get(name, "")
            report.find(
                "metadata_guess", f"{name} {value!r} guessed from {source}", name
            )


def _str(value: str | int | None) -> str | None:
    return value if isinstance(value, str) else None
