"""Shared pieces of the fixture-portal trees: reference-report bodies and the
challenge and soft-error pages the portals' WAFs answer with (spec/portals.md §2 G)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.spiders.portal_chrome import Chrome

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "fixtures" / "reports"
ATTACHMENTS = ROOT / "tests" / "fixtures" / "attachments"
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"
RUISHU = (
    '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    'charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="Wd1HqV6HkcPn" r=\'m\'>'
    "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
    '$_ts.nsd=82131;$_ts.cd="qhbcrrAlDGlkcsAl";</script><script type="text/javascript" '
    'charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r=\'m\'></script>'
    "</head><body></body></html>"
)
RUISHU_HEADERS = {"Set-Cookie": "FSSBBIl1UgzbN7NS=60c1x8XzVf; Path=/; HttpOnly"}
JIASULE = (
    "<script>document.cookie=('_')+('_')+('jsl_clearance_s')+('=')+('1706')+"
    "(';Max-age=3600; path = /');location.href=location.pathname+location.search"
    "</script>"
)
JIASULE_HEADERS = {"X-Via-JSL": "b5a4b1f,-", "Set-Cookie": "__jsluid_s=6a1b7c; path=/"}
COOKIE_RELOAD = (
    '<html><head><script>document.cookie="waf_token=3f9a0c; path=/";'
    "location.reload();</script></head><body></body></html>"
)
SOFT_404 = (
    "<html><head><title>提示</title></head><body><h2>非法请求 404！</h2></body></html>"
)


def attachment_bytes(name: str) -> bytes:
    """A report attachment built from the reference numbers (helper E's fixtures)."""
    return (ATTACHMENTS / name).read_bytes()


def report_body(slug_year: str) -> tuple[str, str]:
    """Title and <body> content of a reference-report page, and its charset."""
    raw = (REPORTS / f"{slug_year}.html").read_bytes()
    charset = re.search(rb'charset="([\w-]+)"', raw)
    encoding = charset.group(1).decode() if charset else "utf-8"
    # Pages declared gb2312 routinely carry GBK/GB18030-only characters.
    text = raw.decode("gb18030" if encoding.lower().startswith("gb") else encoding)
    inner = re.search(r"<body>\n?(.*)</body>", text, re.S)
    if inner is None:
        raise SystemExit(f"{slug_year}.html has no <body>")
    return inner.group(1), encoding


# path -> page text, or bytes for files served as they are (report attachments).
Tree = dict[str, str | bytes]


# A portal: its chrome, its pages (path -> text) and its server rules (_site.json).
Site = tuple[Chrome, Tree, dict[str, object]]
