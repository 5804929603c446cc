"""Download failures (timeouts, resets, truncated or oversized bodies, redirect loops):
one failed_requests row per request that got no readable response after retries."""

from __future__ import annotations

from sqlite_utils import Database

from govcrawl.items import FailedRequest
from govcrawl.store.write import insert_row


def record_failure(db: Database, failure: FailedRequest) -> int:
    row = {
        "url": failure.url,
        "portal": failure.portal,
        "kind": failure.kind,
        "reason": failure.reason,
        "message": failure.message,
        "failed_at": failure.failed_at,
    }
    return insert_row(db, "failed_requests", row)
