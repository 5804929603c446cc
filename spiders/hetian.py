"""和田县 (www.htx.gov.cn): c{id}/list.shtml, list_N.shtml platform
(spec/portals.md §1.5)."""

from __future__ import annotations

from spiders.base import GovPortalSpider


class HetianSpider(GovPortalSpider):
    name = "hetian"
    portal_slug = "hetian"
    adapter = "hexmon"
