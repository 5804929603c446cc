"""The single home for portal facts: slug, 中文名, hosts, start URLs, CMS adapter,
region. They are data, not code: the registry shipped in the package
(govcrawl/portals.csv) plus the user's own file, whose entries add to or replace the
shipped ones by slug (README, Portals). The user's file is the one GOVCRAWL_PORTALS
names, else ./portals.csv when there is one."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

# The file in the working directory a user registry is looked for in.
USER_FILE = "portals.csv"


@dataclass(frozen=True)
class Portal:
    slug: str
    name: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    # The CMS adapter every list page is read with; "": chosen by fingerprint.
    adapter: str = ""
    # (province, city, county) of the portal's organ: its reports' organs borrow the
    # levels their names leave out (README, Organs).
    region: tuple[str | None, str | None, str | None] = (None, None, None)
    needs_js: bool = False


# The columns of a registry file, in the order `portals add` writes them.
COLUMNS = (
    "slug",
    "name",
    "hosts",
    "start_urls",
    "adapter",
    "province",
    "city",
    "county",
    "needs_js",
)
REQUIRED = ("slug", "hosts", "start_urls")
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*+")
# `scrapy crawl portal` is the generic spider: a portal of that slug would hide it.
RESERVED = frozenset({"portal"})
_BOOLEANS = {"": False, "0": False, "false": False, "1": True, "true": True}


class RegistryError(ValueError):
    """A registry file that cannot be read; the message names the file and line."""


def _lines(text: str) -> Iterator[str]:
    """The file's lines, comments blanked (csv then still counts lines truly)."""
    for line in text.splitlines(keepends=True):
        yield "\n" if line.lstrip().startswith("#") else line


def read_entries(text: str, name: str) -> list[tuple[int, Portal]]:
    """(line, portal) for every row of a registry file's text; name: the file."""
    reader = csv.reader(_lines(text), strict=True)
    header: list[str] | None = None
    entries: list[tuple[int, Portal]] = []
    lines: dict[str, int] = {}
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            where = f"{name}:{reader.line_num}"
            if header is None:
                header = _header(row, where)
                continue
            portal = _portal(header, row, where)
            if portal.slug in lines:
                raise RegistryError(
                    f"{where}: slug {portal.slug!r} is already on line "
                    f"{lines[portal.slug]}"
                )
            lines[portal.slug] = reader.line_num
            entries.append((reader.line_num, portal))
    except csv.Error as error:
        raise RegistryError(f"{name}:{reader.line_num}: {error}") from None
    return entries


def read_registry(text: str, name: str) -> dict[str, Portal]:
    return {portal.slug: portal for _, portal in read_entries(text, name)}


def _header(row: list[str], where: str) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [cell for cell in header if cell not in COLUMNS]
    if unknown:
        raise RegistryError(
            f"{where}: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})"
        )
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise RegistryError(f"{where}: the header has no {missing[0]!r} column")
    if len(set(header)) < len(header):
        raise RegistryError(f"{where}: a column is named twice in the header")
    return header


def _portal(header: list[str], row: list[str], where: str) -> Portal:
    if len(row) > len(header):
        raise RegistryError(
            f"{where}: {len(row)} fields, the header names {len(header)}"
        )
    cells = {column: cell.strip() for column, cell in zip(header, row, strict=False)}
    slug = cells.get("slug", "")
    try:
        return _checked(cells)
    except ValueError as error:
        raise RegistryError(f"{where}: portal {slug!r}: {error}") from None


def _checked(cells: dict[str, str]) -> Portal:
    slug = cells.get("slug", "")
    if not _SLUG.fullmatch(slug) or slug in RESERVED:
        raise ValueError("a slug is lowercase letters, digits, - and _ (not 'portal')")
    hosts = tuple(cells.get("hosts", "").lower().split())
    bad = [host for host in hosts if not _HOST.fullmatch(host)]
    if not hosts or bad:
        raise ValueError(f"hosts must be host names separated by spaces: {bad or ''}")
    start_urls = tuple(cells.get("start_urls", "").split())
    if not start_urls:
        raise ValueError("no start_urls")
    for url in start_urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname not in hosts:
            # The offsite middleware would refuse it: only the portal's hosts.
            raise ValueError(f"start URL {url} is not http(s) on one of its hosts")
    adapter = cells.get("adapter", "")
    known = adapter_names()
    if adapter and adapter not in known:
        raise ValueError(f"unknown adapter {adapter!r} (known: {', '.join(known)})")
    needs_js = cells.get("needs_js", "").lower()
    if needs_js not in _BOOLEANS:
        raise ValueError(f"needs_js must be 1 or 0, not {needs_js!r}")
    region = tuple(cells.get(level) or None for level in ("province", "city", "county"))
    return Portal(
        slug=slug,
        name=cells.get("name", ""),
        hosts=hosts,
        start_urls=start_urls,
        adapter=adapter,
        region=(region[0], region[1], region[2]),
        needs_js=_BOOLEANS[needs_js],
    )


def adapter_names() -> list[str]:
    from govcrawl.discover.cms import ADAPTERS

    return [adapter.name for adapter in ADAPTERS]


def portal_row(portal: Portal) -> dict[str, str]:
    province, city, county = portal.region
    return {
        "slug": portal.slug,
        "name": portal.name,
        "hosts": " ".join(portal.hosts),
        "start_urls": " ".join(portal.start_urls),
        "adapter": portal.adapter,
        "province": province or "",
        "city": city or "",
        "county": county or "",
        "needs_js": "1" if portal.needs_js else "0",
    }


def _file_header(text: str) -> list[str]:
    for row in csv.reader(_lines(text)):
        if any(cell.strip() for cell in row):
            return [cell.strip().lower() for cell in row]
    return []


def append_portal(path: Path, portal: Portal) -> int:
    """Append the entry to a registry file (a new file starts with the header) and
    return its line; the file is written only if it reads back whole."""
    text = path.read_text("utf-8-sig") if path.is_file() else ""
    header = _file_header(text)
    if not header:
        header = list(COLUMNS)
        text += ",".join(COLUMNS) + "\n"
    row = portal_row(portal)
    lost = [c for c, value in row.items() if value not in ("", "0") and c not in header]
    if lost:
        raise RegistryError(f"{path}: the header has no {lost[0]!r} column")
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(row.get(c, "") for c in header)
    if text and not text.endswith("\n"):
        text += "\n"
    text += line.getvalue()
    entries = read_entries(text, str(path))
    path.write_text(text, "utf-8")
    return entries[-1][0]


def shipped_path() -> Path:
    """The package's registry (read through importlib.resources: a Scrapyd egg is a
    zip, where the module's folder is no folder)."""
    return Path(str(resources.files("govcrawl").joinpath("portals.csv")))


def shipped_text() -> str:
    return resources.files("govcrawl").joinpath("portals.csv").read_text("utf-8")


# The user registry a crawl named (GOVCRAWL_PORTALS, set by use_registry).
_named: str = ""
# (path, mtime, size) -> entries: a registry is read again only when it changes.
_cache: dict[tuple[str, int, int], dict[str, Portal]] = {}


def use_registry(path: str | os.PathLike[str] | None) -> None:
    """Make the file GOVCRAWL_PORTALS names this process's user registry ("" or
    None: ./portals.csv when there is one). The crawl's spider loader calls it."""
    global _named
    _named = str(path or "")


def user_path() -> Path | None:
    """The user registry in use: the named file (it must exist), else ./portals.csv."""
    if _named:
        return Path(_named)
    local = Path.cwd() / USER_FILE
    return local if local.is_file() else None


def _read(path: Path, text: str | None = None) -> dict[str, Portal]:
    if text is not None:
        return read_registry(text, str(path))
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _cache:
        _cache[key] = read_registry(path.read_text("utf-8-sig"), str(path))
    return _cache[key]


_SHIPPED: dict[str, Portal] | None = None


def shipped() -> dict[str, Portal]:
    """The five reference portals the package ships (the demo's fixture portals)."""
    global _SHIPPED
    if _SHIPPED is None:
        _SHIPPED = _read(shipped_path(), shipped_text())
    return _SHIPPED


def registry() -> dict[str, Portal]:
    """Every portal in use: the shipped entries, then the user's by slug."""
    user = user_path()
    if user is None:
        return shipped()
    if not user.is_file():
        raise RegistryError(f"{user}: no such portal registry (GOVCRAWL_PORTALS)")
    entries = _read(user)
    return {**shipped(), **entries} if entries else shipped()


class Registry(Mapping[str, Portal]):
    """PORTALS: the registry in use, read when looked at, so a user file named by
    the crawl's settings or written by `govcrawl portals add` is seen."""

    def __getitem__(self, slug: str) -> Portal:
        return registry()[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(registry())

    def __len__(self) -> int:
        return len(registry())


PORTALS: Mapping[str, Portal] = Registry()


def portal_for_url(url: str) -> Portal | None:
    """The registered portal serving this URL's host, if any."""
    host = urlsplit(url).hostname or ""
    for portal in PORTALS.values():
        if host in portal.hosts:
            return portal
    return None
