"""CMS adapter families, each chosen by URL and markup fingerprint."""

from __future__ import annotations

from govcrawl.discover.cms.generic import NextPageAdapter
from govcrawl.discover.cms.hanweb import HanwebAdapter
from govcrawl.discover.cms.heilongjiang import HeilongjiangAdapter
from govcrawl.discover.cms.hexmon import HexmonAdapter
from govcrawl.discover.cms.shaanxi import ShaanxiAdapter, VsbAdapter
from govcrawl.discover.cms.static_index import StaticIndexAdapter
from govcrawl.discover.cms.trs import TrsAdapter
from govcrawl.discover.cms.trs_dynamic import TrsDynamicAdapter
from govcrawl.discover.listing import ListAdapter

# Most specific first; the next-page fallback matches everything.
ADAPTERS: tuple[ListAdapter, ...] = (
    HeilongjiangAdapter(),
    HanwebAdapter(),
    TrsDynamicAdapter(),
    VsbAdapter(),
    ShaanxiAdapter(),
    HexmonAdapter(),
    StaticIndexAdapter(),
    TrsAdapter(),
    NextPageAdapter(),
)


def adapter_named(name: str) -> ListAdapter:
    for adapter in ADAPTERS:
        if adapter.name == name:
            return adapter
    raise KeyError(f"unknown CMS adapter {name!r}; known: {[a.name for a in ADAPTERS]}")


def select_adapter(url: str, text: str) -> ListAdapter:
    """The first adapter whose fingerprint matches the page."""
    return next(adapter for adapter in ADAPTERS if adapter.fingerprint(url, text))
