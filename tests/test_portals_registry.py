"""The portal registry as a file: the shipped entries (spec/portals.md §1), a user
file that adds and overrides by slug, rows that cannot be read named by file and
line, entries appended so they read back, every slug a spider, and the commands'
checks that come before any crawl."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.settings import Settings

from govcrawl.cli import main
from govcrawl.commands.portals import slug_for_host
from govcrawl.organs import organ_of
from govcrawl.portals import (
    COLUMNS,
    PORTALS,
    Portal,
    RegistryError,
    append_portal,
    portal_for_url,
    read_entries,
    shipped,
    use_registry,
)
from spiders.portal import RegistrySpiderLoader

HEADER = ",".join(COLUMNS) + "\n"
PINGTAN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
PINGTAN_ROW = f"pingtan,平潭综合实验区管理委员会,www.pingtan.gov.cn,{PINGTAN},trs_dynamic,福建省,,,0\n"


@pytest.fixture(autouse=True)
def no_user_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test in an empty working directory, no registry named."""
    monkeypatch.chdir(tmp_path)
    use_registry(None)
    yield
    use_registry(None)


def test_shipped_registry_holds_the_five_reference_portals() -> None:
    portals = shipped()
    assert list(portals) == ["panzhihua", "yuanjiang", "heyang", "hegang", "hetian"]
    # spec/portals.md §1.5: the portal answers on both host names.
    assert portals["hetian"].hosts == ("www.htx.gov.cn", "htx.gov.cn")
    assert portals["hegang"].start_urls == (
        "https://www.hegang.gov.cn/hegang/zxqgkndbg/list.shtml",
        "https://www.hegang.gov.cn/hegang/zszbmgkndbb/list.shtml",
    )
    assert portals["hegang"].needs_js
    assert portals["hegang"].region == ("黑龙江省", "鹤岗市", None)
    # §1.3: 2018–2020 pages may still be on 博达 VSB: each page by fingerprint.
    assert portals["heyang"].adapter == ""
    assert portals["panzhihua"].adapter == "static_index"


def test_a_user_file_in_the_working_directory_adds_and_overrides(
    tmp_path: Path,
) -> None:
    moved = "http://www.heyang.gov.cn/zfxxgk/zfxxgknb/2.html"
    (tmp_path / "portals.csv").write_text(
        HEADER
        + PINGTAN_ROW
        + f"heyang,合阳县人民政府,www.heyang.gov.cn,{moved},shaanxi,,,,\n",
        "utf-8",
    )
    assert list(PORTALS) == [*shipped(), "pingtan"]
    assert PORTALS["heyang"].start_urls == (moved,)
    assert PORTALS["heyang"].adapter == "shaanxi"
    assert portal_for_url(PINGTAN + "202603/t.htm") == PORTALS["pingtan"]
    # The organ of a user portal borrows its region, as a shipped one's does.
    organ = organ_of("平潭综合实验区管理委员会", "pingtan")
    assert organ is not None
    assert organ.region.province == "福建省"


def test_the_named_registry_wins_over_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "portals.csv").write_text(HEADER + PINGTAN_ROW, "utf-8")
    named = tmp_path / "organs.csv"
    named.write_text("slug,hosts,start_urls\nhtx2,htx.gov.cn,http://htx.gov.cn/\n")
    use_registry(named)
    assert list(PORTALS) == [*shipped(), "htx2"]
    named.unlink()
    with pytest.raises(RegistryError, match=r"organs\.csv: no such portal registry"):
        list(PORTALS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slug,hosts,start_urls,region\n", "f.csv:1: unknown column 'region'"),
        ("slug,name,hosts\n", "f.csv:1: the header has no 'start_urls' column"),
        (
            "slug,hosts,start_urls\nPingTan,a.cn,http://a.cn/\n",
            "f.csv:2: portal 'PingTan': a slug is lowercase letters",
        ),
        (
            "slug,hosts,start_urls\nportal,a.cn,http://a.cn/\n",
            "f.csv:2: portal 'portal': a slug is lowercase",
        ),
        (
            "# header next\nslug,hosts,start_urls\n\nx,a.cn,http://b.cn/\n",
            "f.csv:4: portal 'x': start URL http://b.cn/ is not http(s) on one of",
        ),
        (
            "slug,hosts,start_urls\nx,a.cn,ftp://a.cn/\n",
            "f.csv:2: portal 'x': start URL ftp://a.cn/",
        ),
        (
            "slug,hosts,start_urls\nx,a_b.cn,http://a_b.cn/\n",
            "f.csv:2: portal 'x': hosts must be host names",
        ),
        ("slug,hosts,start_urls\nx,a.cn,\n", "f.csv:2: portal 'x': no start_urls"),
        (
            "slug,hosts,start_urls,adapter\nx,a.cn,http://a.cn/,trz\n",
            "f.csv:2: portal 'x': unknown adapter 'trz' (known: heilongjiang,",
        ),
        (
            "slug,hosts,start_urls,needs_js\nx,a.cn,http://a.cn/,yes\n",
            "f.csv:2: portal 'x': needs_js must be 1 or 0, not 'yes'",
        ),
        (
            "slug,hosts,start_urls\nx,a.cn,http://a.cn/,extra\n",
            "f.csv:2: 4 fields, the header names 3",
        ),
        (
            "slug,hosts,start_urls\nx,a.cn,http://a.cn/\nx,b.cn,http://b.cn/\n",
            "f.csv:3: slug 'x' is already on line 2",
        ),
        (
            'slug,hosts,start_urls\nx,a.cn,"http://a.cn/\n',
            "f.csv:2: unexpected end of data",
        ),
    ],
)
def test_a_row_that_cannot_be_read_is_named_by_file_and_line(
    text: str, message: str
) -> None:
    with pytest.raises(RegistryError) as error:
        read_entries(text, "f.csv")
    assert str(error.value).startswith(message), str(error.value)


def test_a_header_only_and_comment_lines_read_as_no_entries() -> None:
    assert read_entries("# nothing yet\n" + HEADER + "\n# later\n", "f.csv") == []


def test_an_appended_entry_reads_back_at_the_line_returned(tmp_path: Path) -> None:
    path = tmp_path / "new" / "portals.csv"
    path.parent.mkdir()
    entry = Portal(
        slug="pingtan",
        name="平潭, 综合实验区",  # a comma: the writer quotes it
        hosts=("www.pingtan.gov.cn",),
        start_urls=(PINGTAN, PINGTAN + "index_1.html"),
        adapter="trs_dynamic",
        region=("福建省", None, None),
    )
    assert append_portal(path, entry) == 2
    assert path.read_text("utf-8").splitlines()[0] == HEADER.strip()
    second = Portal("htx2", "", ("htx.gov.cn",), ("http://htx.gov.cn/",))
    assert append_portal(path, second) == 3
    assert read_entries(path.read_text("utf-8"), str(path)) == [(2, entry), (3, second)]


def test_appending_to_a_file_without_a_column_the_entry_needs_fails(
    tmp_path: Path,
) -> None:
    path = tmp_path / "portals.csv"
    path.write_text("slug,hosts,start_urls\n# ours\nx,a.cn,http://a.cn/", "utf-8")
    plain = Portal("y", "", ("b.cn",), ("http://b.cn/",))
    assert append_portal(path, plain) == 4  # after a last line with no newline
    named = Portal("z", "某县人民政府", ("c.cn",), ("http://c.cn/",))
    with pytest.raises(RegistryError, match="the header has no 'name' column"):
        append_portal(path, named)
    assert [p.slug for _, p in read_entries(path.read_text("utf-8"), "f")] == ["x", "y"]


def test_a_duplicate_slug_is_not_appended(tmp_path: Path) -> None:
    path = tmp_path / "portals.csv"
    path.write_text(HEADER + PINGTAN_ROW, "utf-8")
    with pytest.raises(RegistryError, match="slug 'pingtan' is already on line 2"):
        append_portal(path, Portal("pingtan", "", ("a.cn",), ("http://a.cn/",)))
    assert path.read_text("utf-8") == HEADER + PINGTAN_ROW


@pytest.mark.parametrize(
    ("host", "slug"),
    [
        ("www.pingtan.gov.cn", "pingtan"),
        ("htx.gov.cn", "htx"),
        ("xxgk.fuzhou.gov.cn", "xxgk-fuzhou"),
        ("www.example.com", "example"),
    ],
)
def test_a_slug_from_the_host(host: str, slug: str) -> None:
    assert slug_for_host(host) == slug


def test_every_registry_slug_is_a_spider(tmp_path: Path) -> None:
    registry = tmp_path / "organs.csv"
    registry.write_text(HEADER + PINGTAN_ROW, "utf-8")
    settings = Settings()
    settings.setmodule("govcrawl.settings")
    settings.set("GOVCRAWL_PORTALS", str(registry))
    loader = RegistrySpiderLoader.from_settings(settings)
    assert sorted(loader.list()) == sorted([*shipped(), "portal", "pingtan"])
    spider = loader.load("pingtan")
    assert (spider.name, spider.portal_slug, spider.adapter) == (  # type: ignore[attr-defined]
        "pingtan",
        "pingtan",
        "trs_dynamic",
    )
    # The shipped portals keep their thin modules.
    assert loader.load("panzhihua").__module__ == "spiders.panzhihua"


def test_crawl_all_stops_at_a_malformed_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "portals.csv").write_text(HEADER + "pingtan,,www.pingtan.gov.cn,,\n")
    assert main(["crawl-all"]) == 2
    assert capsys.readouterr().err == (
        f"crawl-all: {tmp_path / 'portals.csv'}:2: portal 'pingtan': no start_urls\n"
    )


def test_crawl_all_names_a_portal_no_registry_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["crawl-all", "pingtan"]) == 2
    assert "unknown portal(s): pingtan" in capsys.readouterr().err


def test_portals_list_shows_where_each_entry_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "portals.csv").write_text(HEADER + PINGTAN_ROW, "utf-8")
    assert main(["portals", "list"]) == 0
    out = capsys.readouterr().out
    assert "user:    portals.csv\n" in out
    assert (
        "pingtan [portals.csv:2] 平潭综合实验区管理委员会: adapter trs_dynamic; "
        f"hosts www.pingtan.gov.cn\n    {PINGTAN}\n"
    ) in out
    assert (
        "heyang [shipped] 合阳县人民政府: adapter by fingerprint; "
        "hosts www.heyang.gov.cn\n"
    ) in out


def test_portals_add_refuses_a_taken_slug_before_crawling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portals", "add", "http://www.htx.gov.cn/", "--slug", "hetian"]) == 2
    assert capsys.readouterr().err == (
        "portals add: slug 'hetian' is already in the shipped registry; "
        "choose another with --slug\n"
    )
    assert not (tmp_path / "portals.csv").exists()
