"""合阳县 (www.heyang.gov.cn): Shaanxi platform with per-year sub-columns
/zfxxgk/zfxxgknb/{YYYY}n/{sub}/N.html; 2018–2020 pages may still be on 博达 VSB, so
each list page picks its adapter by fingerprint (spec/portals.md §1.3)."""

from __future__ import annotations

from spiders.base import GovPortalSpider


class HeyangSpider(GovPortalSpider):
    name = "heyang"
    portal_slug = "heyang"
