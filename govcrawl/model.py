"""What the parse and validate stages produce: a report's numbers, checks and findings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

Number = int | float | None


@dataclass
class Finding:
    """Something the parser could not read as the template says; never dropped."""

    kind: str
    message: str
    where: str = ""


@dataclass
class Check:
    """One balance identity (B1-B7) evaluated on one report."""

    id: str
    ok: bool
    message: str
    mode: str = "strict"
    failures: list[str] = field(default_factory=list)
    # The cells of the failing equations, by path (requests.<row>.<column>, …).
    cells: list[str] = field(default_factory=list)


@dataclass
class Report:
    """One yearly report in the template's vocabulary (spec/template.md keys)."""

    source: str
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None
    # Where title, agency, year and published came from (parse.metadata): list,
    # meta, header, title, signature, fields, body; "(guess)" marks a guess.
    provenance: dict[str, str] = field(default_factory=dict)
    template: str | None = None
    proactive: dict[str, Number] = field(default_factory=dict)
    requests: dict[str, dict[str, int | None]] = field(default_factory=dict)
    review_litigation: dict[str, int | None] = field(default_factory=dict)
    derived: dict[str, dict[str, int | None]] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def find(self, kind: str, message: str, where: str = "") -> None:
        self.findings.append(Finding(kind, message, where))

    @property
    def failing_checks(self) -> list[str]:
        """Failing identities; soft checks (a report's text against its tables) never
        change a report's status."""
        return [c.id for c in self.checks if not c.ok and c.mode != "soft"]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Removal:
    """A fragment the clean stage removed from a page, and why."""

    kind: str
    text: str


@dataclass
class CleanResult:
    """A page reduced to its report: clean HTML fragment, text, and what went.

    `tree` is the report's lxml element as the clean stage left it, which the parse
    stage reads instead of parsing `html` again (None for text and attachments);
    `scrubbed` says the clean stage already stripped pinyin and converted traditional
    script in `tree` and `text` (False for an attachment's content);
    `printed` is a converted page's text as printed (its first characters, brands
    and pinyin gone), where the metadata resolver finds the title in its own script;
    `reading` is `tree`'s marked reading (markup.marked_reading), which gave `text`
    and from which the parse stage takes its tokens instead of reading `tree` again."""

    text: str
    html: str
    removed: list[Removal] = field(default_factory=list)
    tampered: bool = False
    pinyin: bool = False
    converted: bool = False
    mirror: bool = False
    script: str = "simplified"
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)
    tree: Any = field(default=None, repr=False, compare=False)
    scrubbed: bool = field(default=False, compare=False)
    printed: str = field(default="", repr=False, compare=False)
    reading: str | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(replace(self, tree=None))
        del data["tree"], data["scrubbed"], data["printed"], data["reading"]
        return data
