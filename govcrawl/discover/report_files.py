"""Which attachments of a report page are the report itself, to be fetched.

Report pages link many files: the report as PDF or Word, but also 政策解读 images,
statistics spreadsheets, earlier years' reports. A file is followed only when it is
plausibly this report:

- its link text or file name is an annual-report title of the page's year
  (攀枝花市西区2022年政府信息公开工作年度报告.docx), or
- the page itself carries no report table and points to its attachment (详见附件,
  附件下载, 请下载附件: the report exists only as the file), in which case its first
  MAX_FILES document links are followed.

Only document kinds are followed (PDF, DOC, DOCX, WPS, OFD); spreadsheets and archives
are not reports (their URLs stay on the item's attachments list).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from govcrawl.attachments import KINDS
from govcrawl.attachments.kinds import extension_of
from govcrawl.discover.attachments import attachment_anchors
from govcrawl.discover.links import Link
from govcrawl.discover.selector import Page, as_selector
from govcrawl.discover.titles import report_year

MAX_FILES = 3
# Cells every template prints in its request table (v2019 and v2021).
_REPORT_TABLE_MARKERS = ("予以公开", "行政复议")
# What parsel's `body :not(script):not(style)::text` selects.
_BODY_TEXT = "//body//*[not(self::script or self::style)]/text()"
_POINTS_TO_FILE = re.compile(r"详见附件|见附件|附件下载|请下载|点击下载|附件[:：]")


def report_files(
    page: Page, base_url: str, year: int | None, links: list[Link] | None = None
) -> list[str]:
    """URLs of the attachments that are this report, in page order; `links` are the
    page's attachment_anchors when the caller has them already."""
    selector = as_selector(page)
    if links is None:
        links = attachment_anchors(selector, base_url)
    documents = [link for link in links if is_document(link.url)]
    named = [link.url for link in documents if names_report(link, year)]
    if named:
        return named
    if documents and is_attachment_only(selector):
        return [link.url for link in documents[:MAX_FILES]]
    return []


def file_name(url: str) -> str:
    """The file's own name: Hanweb's showname=/filename= or the URL's last segment."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    for key in ("showname", "filename", "file"):
        if query.get(key):
            return unquote(query[key][0]).rsplit("/", 1)[-1]
    return unquote(parts.path.rsplit("/", 1)[-1])


def is_document(url: str) -> bool:
    return extension_of(file_name(url)) in KINDS


def names_report(link: Link, year: int | None) -> bool:
    """The link text or file name, without its extension, is a report title of
    the page's year (any year when the page's is unknown)."""
    for text in (link.text, file_name(link.url)):
        stem = re.sub(r"\.(?:pdf|docx?|wps|ofd)\s*$", "", text.strip(), flags=re.I)
        stem = re.sub(r"^附件\s*\d*\s*[:：.、]?", "", stem)
        found = report_year(stem)
        if found is not None and (year is None or found == year):
            return True
    return False


def is_attachment_only(page: Page) -> bool:
    """No report table on the page, and its text sends the reader to the file."""
    root = as_selector(page).root
    # The lxml tree's own strings: parsel would wrap each text node in a Selector.
    for table in root.iter("table"):
        text = "".join(table.xpath(".//text()"))
        if all(marker in text for marker in _REPORT_TABLE_MARKERS):
            return False
    body = "".join(root.xpath(_BODY_TEXT))
    return bool(_POINTS_TO_FILE.search(body))
