"""The metadata resolver on lines as real report pages print them (quoted from
tests/real/meta and the issue's examples), and its precedence over the list entry."""

from __future__ import annotations

from govcrawl.clean.boilerplate import line_meta
from govcrawl.model import CleanResult, Report
from govcrawl.parse import parse_report
from govcrawl.parse.metadata.script import printed_title
from govcrawl.parse.page import parse_cleaned

BODY = "一、总体情况\n(一)主动公开情况\n"


def text_report(text: str) -> Report:
    return parse_report(text, source="t.txt", html=False)


def kinds(report: Report, kind: str) -> list[str]:
    return [finding.where for finding in report.findings if finding.kind == kind]


def test_breadcrumb_naming_the_column_is_not_the_title() -> None:
    report = text_report(
        "当前位置: 首页\n> 政务公开 > 乡镇街道 > 下各镇 > 政府信息公开年报\n"
        "成文日期 2024-01-16 发布机构 下各镇\n组配分类 政府信息公开年报\n"
        "2023年下各镇政府信息公开工作年度报告\n发布日期: 2024-01-16 访问次数:\n" + BODY
    )
    assert report.title == "2023年下各镇政府信息公开工作年度报告"
    assert (report.agency, report.year, report.published) == (
        "下各镇人民政府",
        2023,
        "2024-01-16",
    )
    assert report.provenance == {
        "title": "header",
        "agency": "title",
        "year": "title",
        "published": "header",
    }


def test_chrome_line_above_an_organless_heading_is_not_glued_on() -> None:
    report = text_report("【字体: 】 打印\n2022年政府信息公开工作年度报告\n" + BODY)
    assert report.title == "2022年政府信息公开工作年度报告"
    assert report.agency is None
    assert "agency" in kinds(report, "metadata_missing")


def test_two_line_heading_is_joined_and_beats_the_organless_first_line() -> None:
    report = text_report(
        "2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n"
        "2022年政府信息公开工作年度报告\n" + BODY
    )
    assert report.title == "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告"
    assert report.agency == "桃江县松木塘镇人民政府"


def test_title_and_date_in_a_pipe_table() -> None:
    report = text_report(
        "| 标题 | 木场乡人民政府2023年度政府信息公开工作年度报告 |\n"
        "| 发布日期 | 2024-01-20 |\n" + BODY
    )
    assert report.title == "木场乡人民政府2023年度政府信息公开工作年度报告"
    assert (report.agency, report.published) == ("木场乡人民政府", "2024-01-20")


def test_date_label_on_its_own_line_and_effective_date_refused() -> None:
    report = text_report(
        "生效日期: 2023-03-21 废止日期:\n  • 发布日期\n  • 2023-03-10\n"
        "平顶山市人民政府2022年政府信息公开工作年度报告\n" + BODY
    )
    assert report.published == "2023-03-10"


def test_spam_brand_and_sentence_fragments_are_no_agency() -> None:
    report = text_report(
        "bet36体育投注_2024欧洲杯在哪投注#办公厅2020年政府信息公开工作年度报告\n"
        + BODY
        + "根据甘肃省人民政府有关要求,继续依托白城市人民政府门户网站公开信息。\n"
    )
    assert report.year == 2020
    assert report.agency is None
    assert "agency" in kinds(report, "metadata_missing")


def test_body_naming_its_own_report_is_a_flagged_guess() -> None:
    report = text_report(
        BODY + "现将乐山市金口河区文化广播电视体育和旅游局2024年政府信息公开工作"
        "年度报告如下:\n"
    )
    assert report.agency == "乐山市金口河区文化广播电视体育和旅游局"
    assert report.provenance["agency"] == "body (guess)"
    assert "agency" in kinds(report, "metadata_guess")


def cleaned(text: str) -> CleanResult:
    return CleanResult(text=text, html="")


def test_list_entry_fills_what_the_page_does_not_print() -> None:
    report = parse_cleaned(
        cleaned(BODY + "2021年全年公开信息32条。\n"),
        source="p",
        title="锡林郭勒盟审计局2022年政府信息公开工作年度报告",
        year=2022,
        published="2023-01-31",
    )
    assert (report.title, report.agency, report.year, report.published) == (
        "锡林郭勒盟审计局2022年政府信息公开工作年度报告",
        "锡林郭勒盟审计局",
        2022,
        "2023-01-31",
    )
    assert report.provenance["title"] == "list"
    assert report.provenance["published"] == "list"
    assert kinds(report, "metadata_guess") == []


def test_page_heading_beats_a_differing_list_entry_with_a_finding() -> None:
    report = parse_cleaned(
        cleaned("泰宁县卫生健康局2022年政府信息公开工作年度报告\n" + BODY),
        source="p",
        title="泰宁县卫生健康局2021年政府信息公开工作年度报告",
        year=2021,
    )
    assert (report.title, report.year) == (
        "泰宁县卫生健康局2022年政府信息公开工作年度报告",
        2022,
    )
    assert sorted(kinds(report, "metadata_conflict")) == ["title", "year"]


def test_list_title_cut_short_is_not_used() -> None:
    report = parse_cleaned(
        cleaned(BODY),
        source="p",
        title="平顶山市人民政府2022年政府信息公开工作年度…",
        year=2022,
    )
    assert report.title is None
    assert (report.year, report.provenance["year"]) == (2022, "list")


def test_byline_date_under_the_title_and_no_signature_before_the_end() -> None:
    report = text_report(
        "西藏自治区人民政府2009年政府信息公开年度报告\n"
        "中央政府门户网站 www.gov.cn   2010年04月06日   来源:西藏自治区人民政府网站\n"
        + BODY
        + "贺州市人民政府办公室\n二〇一〇年一月十九日\n"
    )
    assert report.published == "2010-04-06"
    # An unlabelled date: a publication date lifted off a removed header line beats it.
    assert report.provenance["published"] == "header (other date)"


def test_a_notice_signature_above_the_report_is_no_publication_date() -> None:
    report = text_report(
        "贺州市人民政府办公室\n二〇一〇年一月十九日\n"
        "贺州市2009年度政府信息公开工作年度报告\n" + BODY
    )
    assert report.published is None
    assert report.agency == "贺州市人民政府"


def test_the_office_compiling_a_government_report_stands_for_the_government() -> None:
    report = text_report(
        "本报告是根据《中华人民共和国政府信息公开条例》要求,由大河镇人民政府办公室"
        "汇总全镇政府信息公开工作情况编制而成。\n" + BODY
    )
    assert report.agency == "大河镇人民政府"
    assert "agency" in kinds(report, "metadata_guess")


def test_a_sentence_between_two_organs_is_no_agency() -> None:
    report = text_report(
        BODY + "2023年,水阳镇政府依托宣州区人民政府门户网站公开信息。\n"
    )
    assert report.agency is None
    assert "agency" in kinds(report, "metadata_missing")


def test_a_converted_page_keeps_its_title_in_its_own_script() -> None:
    """tests/real/meta/104: clean converts the page; the heading, printed over two
    lines, is found again in the page as printed (annotations already gone)."""
    printed = (
        "時間: 2024-03-31\n\n西藏自治區人民政府\n\n2023年政府信息公開工作年度報告\n"
    )
    assert (
        printed_title("西藏自治区人民政府2023年政府信息公开工作年度报告", printed)
        == "西藏自治區人民政府2023年政府信息公開工作年度報告"
    )
    assert printed_title("拉萨市人民政府2021年年报", printed) == (
        "拉萨市人民政府2021年年报"
    )


def test_header_dates_on_lines_clean_removes() -> None:
    """tests/real/meta 013, 210, 222, 256: the date line is chrome, its date kept."""
    assert line_meta("来源: 发布时间:2023-03-17 浏览次数: 【字体:")["PubDate"] == (
        "2023-03-17"
    )
    assert line_meta("时间:2020-01-23   来源:本网   【字体: 大 || 中 || 打印")[
        "PubDate"
    ] == ("2020-01-23")
    assert line_meta("来源:廊坊临空经济区 撰写时间:2023-01-19 15:54:20 字体: 分享")[
        "PubDate"
    ].startswith("2023-01-19")
    assert line_meta("来源:云南省人民政府办公厅   2020-03-31 17:13:25 【字体:")[
        "PubDate"
    ] == ("2020-03-31")
    assert "PubDate" not in line_meta("生效日期: 2023-03-21 废止日期:")
    assert "PubDate" not in line_meta("来源:某局 生效日期:2023-03-21")


def test_a_title_naming_no_place_is_completed_never_widened() -> None:
    """172: 工农区人民政府 stays as the title names it; 187: 县政府办 is the body's
    府谷县人民政府办公室; 153: a bare 办公厅 (a spam brand stood before it) is no one."""
    gongnong = text_report(
        "工农区人民政府2024年政府信息公开工作年度报告\n"
        "特向社会公布2024鹤岗市工农区人民政府信息公开工作情况报告。\n" + BODY
    )
    assert gongnong.agency == "工农区人民政府"
    fugu = text_report(
        "县政府办2022年度政府信息公开工作年度报告\n"
        + BODY
        + "2022年,府谷县人民政府办公室严格贯彻落实《条例》。\n"
    )
    assert fugu.agency == "府谷县人民政府办公室"
    office = text_report("办公厅2022年政府信息公开工作年度报告\n" + BODY)
    assert office.agency is None
    assert "agency" in kinds(office, "metadata_missing")
