"""鹤岗市 (www.hegang.gov.cn): list.shtml shells filled from the /common/search JSON
API, which needs the list page as Referer (spec/portals.md §1.4). The API is read
without a browser; with GOVCRAWL_RENDER_FIRST the first page is rendered in
Chromium and the API serves the rest."""

from __future__ import annotations

from spiders.base import GovPortalSpider


class HegangSpider(GovPortalSpider):
    name = "hegang"
    portal_slug = "hegang"
    adapter = "heilongjiang"
