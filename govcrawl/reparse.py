"""`govcrawl reparse`: every stored report derived again from its raw page with the
current rules (govcrawl.flow), no network, updated in place.

A report keeps its version: versions are the publisher's (the bytes served), and the
bytes have not changed. When the numbers read from them change, that is govcrawl
reading the same document differently (a fix, or a regression to look at): the
version is updated in place, its content_hash follows the new numbers, and the
change is printed cell by cell so the log keeps the old values."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from govcrawl.config import Config
from govcrawl.flow import Document, FlowResult, Listed, clean_parse_validate
from govcrawl.model import Finding, Report
from govcrawl.store.bodies import decompress
from govcrawl.store.read import METADATA, comparable, stored_reports
from govcrawl.store.rewrite import rewrite_report
from govcrawl.store.search import index_if_due
from govcrawl.store.sources import MISMATCH
from govcrawl.version import PIPELINE_VERSION

# Reports read, derived in the workers and written per batch: bounded memory.
BATCH = 64
PARTS = ("metadata", "numbers", "notes", "checks", "findings", "text")
_STORED = """
select r.id, r.portal, r.url, r.version, r.source, r.pipeline_version, r.text,
       p.url, p.headers, p.listed, p.compression, p.body
from reports r join pages p on p.id = r.page_id
where r.id > ? order by r.id limit ?
"""


@dataclass
class Stored:
    """One stored version and the document it was derived from."""

    id: int
    portal: str
    url: str
    version: int
    pipeline_version: int | None
    text: str | None
    document: Document


@dataclass
class ReportChange:
    """What deriving one stored version again changed, by part (PARTS)."""

    id: int
    portal: str
    url: str
    version: int
    changes: dict[str, list[str]] = field(default_factory=dict)
    rewritten: bool = False


def reparse(
    db: Database, config: Config, workers: int | None = None
) -> Iterator[ReportChange]:
    """Derive every stored report again, in id order; yields one ReportChange each.
    workers: processes deriving in parallel (default: one per CPU; 1 in-process).
    While this process compares and writes one batch, the workers derive the next."""
    count = workers or os.cpu_count() or 1
    pool: Any = ProcessPoolExecutor(count) if count > 1 else nullcontext(None)
    with pool as executor:
        last, waiting = 0, None
        while True:
            batch = stored_batch(db, last)
            documents = [row.document for row in batch]
            derived = derive_all(executor, documents, config) if batch else None
            if waiting is not None:
                yield from apply_batch(db, *waiting)
            if not batch or derived is None:
                return
            waiting, last = (batch, derived), batch[-1].id


def stored_batch(db: Database, after: int, size: int = BATCH) -> list[Stored]:
    return [_stored(row) for row in db.execute(_STORED, [after, size]).fetchall()]


def _stored(row: Sequence[Any]) -> Stored:
    (report_id, portal, url, version, source, pipeline_version, text) = row[:7]
    page_url, headers, listed, compression, body = row[7:]
    hints = json.loads(listed) if listed else {}
    document = Document(
        decompress(compression, body, f"report {report_id}"),
        page_url,
        _content_type(json.loads(headers or "{}")),
        Listed(hints.get("title") or None, hints.get("year"), hints.get("published")),
        source=source,
    )
    return Stored(report_id, portal, url, version, pipeline_version, text, document)


def _content_type(headers: dict[str, str]) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == "content-type"), None)


def derive_all(
    executor: Executor | None, documents: list[Document], config: Config
) -> Iterable[FlowResult]:
    """The flow over a batch: in this process, or handed to the workers at once
    (executor.map submits every document before its results are read)."""
    if executor is None:
        return [clean_parse_validate(document, config) for document in documents]
    configs = [config] * len(documents)
    return executor.map(clean_parse_validate, documents, configs, chunksize=8)


def apply_batch(
    db: Database, batch: list[Stored], derived: Iterable[FlowResult]
) -> list[ReportChange]:
    """Compare and rewrite one batch in one transaction (reading every stored
    version of it first, one query per table)."""
    results = list(derived)
    olds = stored_reports(db, [row.id for row in batch])
    with db.atomic():
        changes = [
            apply(db, row, result, olds[row.id])
            for row, result in zip(batch, results, strict=True)
        ]
    index_if_due(db)
    return changes


def apply(db: Database, row: Stored, result: FlowResult, old: Report) -> ReportChange:
    """Compare the stored version with the new derivation; rewrite it when anything
    differs or an older PIPELINE_VERSION derived it. Equal reports (the common case)
    cost one comparison; only what differs is rewritten."""
    new = result.report
    new.findings += store_findings(old, new, row.document.name)
    change = ReportChange(row.id, row.portal, row.url, row.version)
    before, after = comparable(old), comparable(new)
    if before != after:
        change.changes = differences(before, after)
    if row.text != result.cleaned.text:
        change.changes["text"] = ["cleaned text changed"]
    if change.changes or row.pipeline_version != PIPELINE_VERSION:
        children = bool(set(change.changes) - {"text"})
        rewrite_report(db, row.id, result.cleaned, new, children=children)
        change.rewritten = True
    return change


def store_findings(old: Report, new: Report, name: str) -> list[Finding]:
    """Findings the store added, not the flow: a page and its attachment differing
    (source_mismatch) and what reading another source found (attachment_*). They
    stay with the version."""
    derived = {(f.kind, f.message, f.where) for f in new.findings}
    return [
        finding
        for finding in old.findings
        if (finding.kind == MISMATCH or finding.kind.startswith("attachment"))
        and finding.where != name
        and (finding.kind, finding.message, finding.where) not in derived
    ]


def differences(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """What differs between two reports in the store's shape (read.comparable)."""
    found = {
        "metadata": [
            f"{name}: {before[name]!r} -> {after[name]!r}"
            for name in METADATA
            if before[name] != after[name]
        ],
        "numbers": _cells(before, after, ("proactive", "requests", "derived")),
        "notes": _cells(before, after, ("flags", "raw")),
        "checks": _listed_changes(before["checks"], after["checks"]),
        "findings": _listed_changes(before["findings"], after["findings"]),
    }
    found["numbers"] += _cells(before, after, ("review_litigation",))
    return {part: lines for part, lines in found.items() if lines}


def _cells(
    before: dict[str, Any], after: dict[str, Any], parts: Sequence[str]
) -> list[str]:
    lines = []
    for part in parts:
        old, new = _flat(part, before[part]), _flat(part, after[part])
        for path in sorted(set(old) | set(new)):
            if old.get(path, "absent") != new.get(path, "absent"):
                lines.append(
                    f"{path}: {old.get(path, 'absent')} -> {new.get(path, 'absent')}"
                )
    return lines


def _flat(prefix: str, table: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flat(f"{prefix}.{key}", value))
        else:
            flat[f"{prefix}.{key}"] = value
    return flat


def _listed_changes(before: list[Any], after: list[Any]) -> list[str]:
    old = [json.dumps(item, ensure_ascii=False) for item in before]
    new = [json.dumps(item, ensure_ascii=False) for item in after]
    gone = [f"- {item}" for item in old if item not in new]
    came = [f"+ {item}" for item in new if item not in old]
    if not gone and not came and old != new:
        return ["order changed"]
    return gone + came


def summary(changes: Sequence[ReportChange]) -> str:
    """One line: how many reports, how many rewritten, and which parts changed."""
    parts = {part: sum(part in c.changes for c in changes) for part in PARTS}
    named = ", ".join(f"{count} {part}" for part, count in parts.items() if count)
    rewritten = sum(change.rewritten for change in changes)
    return (
        f"{len(changes)} reports: {len(changes) - rewritten} unchanged, "
        f"{rewritten} re-derived in place" + (f" (changed: {named})" if named else "")
    )
