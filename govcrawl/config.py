"""Every GOVCRAWL_* setting in one typed, frozen object, read once from Scrapy's
settings (`-s NAME=VALUE`, Scrapyd, the project module) by `Config.from_settings`,
as scrapy-playwright's handler reads its PLAYWRIGHT_* settings. The `govcrawl`
commands build it from the project settings plus their own flags."""

from __future__ import annotations

import configparser
import importlib
import ipaddress
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from govcrawl.attachments.limits import Limits

DEFAULT_SETTINGS_MODULE = "govcrawl.settings"
# Defaults of the size settings; this module stays light (no lxml, no PDF library)
# because every command and middleware imports it.
MAX_PAGE_BYTES = 4 * 1024 * 1024
ATTACHMENT_MAX_BYTES = 30 * 1024 * 1024
PDF_MAX_PAGES = 200
MAX_LIST_PAGES = 1000


class SettingsLike(Protocol):
    """scrapy.settings.Settings, or any mapping of setting names to values."""

    def get(self, name: str, default: Any = None) -> Any: ...


@dataclass(frozen=True)
class Config:
    db: str = "govcrawl.db"
    strict_blanks: bool = False
    host_map: Mapping[str, str] = field(default_factory=dict)
    render_js: bool = True
    # Render a JS list's first page even when its JSON API reads it (README, Portals).
    render_first: bool = False
    # Render a list that declares more rows than it serves and walk its pager.
    render_gaps: bool = False
    incremental: bool = True
    redis_url: str = ""
    crawl_id: str = ""
    redis_idle_wait: float = 10.0
    max_page_bytes: int = MAX_PAGE_BYTES
    attachment_max_bytes: int = ATTACHMENT_MAX_BYTES
    pdf_max_pages: int = PDF_MAX_PAGES
    # Processes the crawl's clean/parse/validate runs in; None: one per CPU, 0: none
    # (in Scrapy's own thread).
    flow_processes: int | None = None
    # Hosts a portal spider may fetch besides its portal's own (govcrawl.offsite).
    extra_hosts: tuple[str, ...] = ()
    # Seconds between a long crawl's progress lines.
    progress_interval: float = 60.0
    # List pages fetched per list (its first page and those its pager leads to).
    max_list_pages: int = MAX_LIST_PAGES
    # Seconds a portal's run may take; 0: no limit (govcrawl.operate.budget).
    time_budget: float = 0.0
    # Non-public networks a crawl may connect to (tests, the demo: 127.0.0.0/8).
    allow_networks: tuple[str, ...] = ()
    # The user's portal registry (govcrawl.portals); "": ./portals.csv if present.
    portals: str = ""

    @classmethod
    def from_settings(cls, settings: SettingsLike) -> Config:
        """Values given with `-s` arrive as strings; each is converted and checked
        here, so a bad value fails at start-up naming its setting."""
        default = cls()

        def get(name: str, fallback: Any) -> Any:
            value = settings.get(f"GOVCRAWL_{name}")
            return fallback if value is None else value

        return cls(
            db=str(get("DB", default.db)),
            strict_blanks=as_bool("STRICT_BLANKS", get("STRICT_BLANKS", False)),
            host_map=host_map(get("HOST_MAP", {})),
            render_js=as_bool("RENDER_JS", get("RENDER_JS", True)),
            render_first=as_bool("RENDER_FIRST", get("RENDER_FIRST", False)),
            render_gaps=as_bool("RENDER_GAPS", get("RENDER_GAPS", False)),
            incremental=as_bool("INCREMENTAL", get("INCREMENTAL", True)),
            redis_url=str(get("REDIS_URL", "")),
            crawl_id=str(get("CRAWL_ID", "")),
            redis_idle_wait=float(get("REDIS_IDLE_WAIT", default.redis_idle_wait)),
            max_page_bytes=positive("MAX_PAGE_BYTES", get("MAX_PAGE_BYTES", None)),
            attachment_max_bytes=positive(
                "ATTACHMENT_MAX_BYTES", get("ATTACHMENT_MAX_BYTES", None)
            ),
            pdf_max_pages=positive("PDF_MAX_PAGES", get("PDF_MAX_PAGES", None)),
            flow_processes=processes(get("FLOW_PROCESSES", None)),
            extra_hosts=tuple(host_list(get("EXTRA_HOSTS", ()))),
            progress_interval=float(
                get("PROGRESS_INTERVAL", default.progress_interval)
            ),
            max_list_pages=positive("MAX_LIST_PAGES", get("MAX_LIST_PAGES", None)),
            time_budget=seconds("TIME_BUDGET", get("TIME_BUDGET", 0)),
            allow_networks=networks(get("ALLOW_NETWORKS", ())),
            portals=str(get("PORTALS", "")),
        )

    @property
    def limits(self) -> Limits:
        from govcrawl.attachments.limits import Limits

        return Limits(
            max_bytes=self.attachment_max_bytes, pdf_max_pages=self.pdf_max_pages
        )

    def but(self, **changes: Any) -> Config:
        """This configuration with a command's flags applied (`--db`, `--strict`)."""
        given = {name: value for name, value in changes.items() if value is not None}
        return replace(self, **given)


_DEFAULTS = {
    "MAX_PAGE_BYTES": MAX_PAGE_BYTES,
    "ATTACHMENT_MAX_BYTES": ATTACHMENT_MAX_BYTES,
    "PDF_MAX_PAGES": PDF_MAX_PAGES,
    "MAX_LIST_PAGES": MAX_LIST_PAGES,
}


def as_bool(name: str, value: Any) -> bool:
    """Scrapy's getbool rules: True/False, 1/0, "true"/"false", "1"/"0"."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true"):
        return True
    if text in ("0", "false", ""):
        return False
    raise ValueError(f"GOVCRAWL_{name} must be a boolean (1/0, true/false): {value!r}")


def positive(name: str, value: Any) -> int:
    if value is None or value == "":
        return _DEFAULTS[name]
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) == 0:
        raise ValueError(f"GOVCRAWL_{name} must be a positive integer, not {value!r}")
    return int(text)


def seconds(name: str, value: Any) -> float:
    """A duration in seconds, 0 or more; "" or None: 0 (no limit)."""
    text = "0" if value is None else str(value).strip() or "0"
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if isinstance(value, bool) or not number >= 0 or number == float("inf"):
        raise ValueError(f"GOVCRAWL_{name} must be seconds (0 or more), not {value!r}")
    return number


def processes(value: Any) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise ValueError(
            f"GOVCRAWL_FLOW_PROCESSES must be 0 or a positive integer, not {value!r}"
        )
    return int(text)


def host_map(value: Any) -> dict[str, str]:
    """GOVCRAWL_HOST_MAP as a dict; `scrapy crawl -s` passes it as a JSON string."""
    if not value:
        return {}
    mapping = json.loads(value) if isinstance(value, str) else dict(value)
    return {host.lower(): base.rstrip("/") for host, base in mapping.items()}


def project_config(**flags: Any) -> Config:
    """The configuration a command runs with: the project's settings module, found
    as `scrapy` finds it (SCRAPY_SETTINGS_MODULE, else scrapy.cfg above the working
    directory, else govcrawl.settings), then the command's flags. Read without
    importing Scrapy, which would add 0.4 s to every command's start."""
    return Config.from_settings(project_settings()).but(**flags)


def project_settings() -> dict[str, Any]:
    module = importlib.import_module(settings_module_name())
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def settings_module_name() -> str:
    named = os.environ.get("SCRAPY_SETTINGS_MODULE")
    if named:
        return named
    for folder in (Path.cwd(), *Path.cwd().parents):
        cfg = folder / "scrapy.cfg"
        if cfg.is_file():
            parser = configparser.ConfigParser()
            parser.read(cfg)
            # As `scrapy` does: the project's modules import from its folder.
            if str(folder) not in sys.path:
                sys.path.append(str(folder))
            return parser.get("settings", "default", fallback=DEFAULT_SETTINGS_MODULE)
    return DEFAULT_SETTINGS_MODULE


def networks(value: Any) -> tuple[str, ...]:
    """GOVCRAWL_ALLOW_NETWORKS: CIDR networks (or addresses), each checked here."""
    found = []
    for text in host_list(value):
        try:
            found.append(str(ipaddress.ip_network(text, strict=False)))
        except ValueError as error:
            raise ValueError(f"GOVCRAWL_ALLOW_NETWORKS: {error}") from None
    return tuple(found)


def host_list(value: Any) -> list[str]:
    """A list of hosts: a list, or a comma-separated string as `-s` gives it."""
    if isinstance(value, str):
        return [host.strip().lower() for host in value.split(",") if host.strip()]
    return [str(host).lower() for host in value]
