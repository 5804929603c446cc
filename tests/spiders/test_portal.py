"""The generic spider: from a homepage to the annual-report column by link text,
then the CMS adapter its fingerprint selects (several families)."""

from __future__ import annotations

import pytest

from govcrawl.demo.server import FixtureServer
from tests.spiders.harness import Crawl, assert_matches_seed, crawl

# End-to-end: real crawls of the fixture portals.
pytestmark = pytest.mark.e2e


def generic(server: FixtureServer, tmp: pytest.TempPathFactory, url: str) -> Crawl:
    return crawl(server, "portal", tmp.mktemp("portal") / "c.db", "-a", f"url={url}")


def test_heyang_homepage_shaanxi_and_vsb_lists(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = generic(portal_server, tmp_path_factory, "http://www.heyang.gov.cn/")
    report = (
        "http://www.heyang.gov.cn/zfxxgk/zfxxgknb/2020n/xsp/1628950158324563970.html"
    )
    assert set(result.reports()) == {report}
    assert_matches_seed(result, report, "002_c70ef5546fcf38db")
    assert (
        "annual-report column http://www.heyang.gov.cn/zfxxgk/zfxxgknb/1.html (shaanxi)"
        in result.log
    )
    assert "wbtreeid=1047 (vsb)" in result.log
    # The legacy VSB rows: a dead page and a report moved away to the homepage.
    assert result.blocked() == {
        "http://www.heyang.gov.cn/info/1047/5101.htm": "soft-404",
        "http://www.heyang.gov.cn/info/1047/5230.htm": "redirect:homepage",
        "http://www.heyang.gov.cn/zfxxgk/zfxxgknb/2021n/1488812345678901249.html": "challenge:ruishu",
    }
    assert "PAGENUM=2" in " ".join(hit.path for hit in result.hits)


def test_hetian_homepage_hexmon_list(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = generic(portal_server, tmp_path_factory, "http://www.htx.gov.cn/")
    report = "http://www.htx.gov.cn/htx/c114808/202401/dc57871a9e6543c88fc8cde007d59f8a.shtml"
    assert set(result.reports()) == {report}
    assert "list.shtml (hexmon)" in result.log


def test_yuanjiang_homepage_trs_list_with_organ_subcolumns(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = generic(portal_server, tmp_path_factory, "http://www.yuanjiang.gov.cn/")
    report = "http://www.yuanjiang.gov.cn/21502/21512/30459/42847/content_1190311.html"
    assert set(result.reports()) == {report}
    assert "30459/index.htm (trs)" in result.log


def test_panzhihua_homepage_reaches_both_report_columns(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = generic(portal_server, tmp_path_factory, "http://www.pzhsxq.gov.cn/")
    column = "http://www.pzhsxq.gov.cn/zfxxgk/zfxxgknb/xq/"
    assert set(result.reports()) == {
        f"{column}xqxxgkgzndbg/4372216.shtml",
        f"{column}xqjbmzfxxgkgzndbg/qzfb/4372230.shtml",
    }
    assert {row["portal"] for row in result.rows("select portal from reports")} == {
        "panzhihua"
    }


def test_hanweb_family_rows_from_datastore_and_dataproxy_post(
    portal_server: FixtureServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site = "http://www.hanweb-family.invalid"
    result = crawl(
        portal_server,
        "portal",
        tmp_path_factory.mktemp("hanweb") / "c.db",
        "-a",
        f"url={site}/",
        hosts={"www.hanweb-family.invalid": "hanweb"},
    )
    assert "col1229214366/index.html (hanweb)" in result.log
    (proxy,) = [hit for hit in result.hits if "dataproxy.jsp" in hit.path]
    assert proxy.method == "POST"
    assert proxy.path.endswith("dataproxy.jsp?startrecord=1&endrecord=17&perpage=15")
    # Row 2 comes from the embedded <datastore>, row 16 only from dataproxy.jsp.
    assert result.blocked() == {
        f"{site}/art/2022/1/28/art_1229214366_59001.html": "soft-404",
        f"{site}/art/2021/1/29/art_1229214366_58002.html": "challenge:ruishu",
    }
