"""攀枝花市西区 (www.pzhsxq.gov.cn): one leaf column per organ, static index_N.shtml
lists (spec/portals.md §1.1)."""

from __future__ import annotations

from spiders.base import GovPortalSpider


class PanzhihuaSpider(GovPortalSpider):
    name = "panzhihua"
    portal_slug = "panzhihua"
    adapter = "static_index"
