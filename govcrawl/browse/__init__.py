"""The browse stage: Datasette over the store's SQLite file, configured by the packaged
metadata.yml (descriptions with units, facets, canned queries, the requests chart)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

METADATA = Path(__file__).with_name("metadata.yml")
# Datasette names a database after its file's stem; metadata.yml is written for this one.
DATABASE = "govcrawl"


def database_name(db_path: str | Path) -> str:
    return Path(db_path).stem


def load_metadata(database: str = DATABASE) -> dict[str, Any]:
    """The packaged metadata, keyed for a database of another name if needed."""
    metadata: dict[str, Any] = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    if database == DATABASE:
        return metadata
    metadata["databases"] = {database: metadata["databases"].pop(DATABASE)}
    for dashboard in metadata["plugins"]["datasette-dashboards"].values():
        for part in (
            *dashboard["charts"].values(),
            *dashboard.get("filters", {}).values(),
        ):
            if "db" in part:
                part["db"] = database
    return metadata
