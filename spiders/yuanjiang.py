"""沅江市 (www.yuanjiang.gov.cn): Hunan county platform, numeric column paths with
per-organ sub-columns and createPageHTML paging (spec/portals.md §1.2)."""

from __future__ import annotations

from spiders.base import GovPortalSpider


class YuanjiangSpider(GovPortalSpider):
    name = "yuanjiang"
    portal_slug = "yuanjiang"
    adapter = "trs"
