"""ValidatePipeline: balance identities on every parsed report (govcrawl.validate).

Reports that break an identity are kept and stored with their failing checks."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from govcrawl.items import ParsedPage, ValidatedPage
from govcrawl.validate import validate


class ValidatePipeline:
    def __init__(self, strict: bool = False) -> None:
        self.strict = strict

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(strict=crawler.settings.getbool("GOVCRAWL_STRICT_BLANKS"))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ParsedPage):
            return item
        validate(item.report, strict=self.strict, text=item.cleaned.text)
        return ValidatedPage(page=item.page, cleaned=item.cleaned, report=item.report)
