"""Scrapy items: what the spiders fetch, and a fetched report after govcrawl.flow."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.model import CleanResult, Report


@dataclass
class ReportPage:
    """A fetched report page (or attachment) exactly as served."""

    url: str
    portal: str
    title: str
    year: int | None
    published: str | None
    body: bytes
    headers: dict[str, str]
    status: int
    fetched_at: str
    kind: str = "html"
    list_url: str | None = None
    attachments: list[str] = field(default_factory=list)
    # An attachment followed from a report page: that page's URL (its report).
    parent_url: str | None = None
    # The URLs that redirected to url (3xx, <meta refresh>), first requested first.
    redirects: list[str] = field(default_factory=list)


@dataclass
class BlockedPage:
    """A response that is not a report: challenge, soft 404, homepage redirect."""

    url: str
    portal: str
    reason: str
    status: int
    body: bytes
    headers: dict[str, str]
    fetched_at: str
    # Where the body came from when a redirect led away from url, and the chain.
    fetched_url: str | None = None
    redirects: list[str] = field(default_factory=list)


@dataclass
class FailedRequest:
    """A request that ended without a response (timeout, reset, truncated or oversized
    body, redirect loop) after its retries: recorded so nothing is silently lost."""

    url: str
    portal: str
    reason: str
    message: str
    kind: str
    failed_at: str


@dataclass
class ListPageSeen:
    """One list page fetched: how many entries it showed and the total it declares.
    list_url: the first page of its list (pages a pager led to share it)."""

    url: str
    portal: str
    adapter: str
    list_url: str
    entries: int
    # Rows no earlier page of the same list showed (a re-read counts only its news).
    fresh: int
    reports: int
    pages: int
    fetched_at: str
    declared: int | None = None
    declared_min: int | None = None
    declared_from: str | None = None
    gap: str | None = None
    charset_conflict: str | None = None


@dataclass
class ValidatedPage:
    """A ReportPage cleaned, parsed and validated (govcrawl.flow)."""

    page: ReportPage
    cleaned: CleanResult
    report: Report
