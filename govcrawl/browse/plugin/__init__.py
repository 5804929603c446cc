"""govcrawl's Datasette plugin (entry point "govcrawl"): the report page, the raw page
as served, links from every report id and organ to them, and table views that fit a
screen (long columns out of the default view, readable column labels)."""

from __future__ import annotations

import json
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup, escape

from govcrawl.browse.plugin.limits import prepare_connection
from govcrawl.browse.report_view import report_view
from govcrawl.store.write import page_body

REPORT_COLUMNS = frozenset({"report_id", "other_report_id"})


def report_url(database: str, report_id: object) -> str:
    return f"/-/govcrawl/{database}/report/{report_id}"


def page_url(database: str, page_id: object) -> str:
    return f"/-/govcrawl/{database}/page/{page_id}"


async def _database(datasette: Any, request: Request) -> Any:
    name = request.url_vars["database"]
    await datasette.ensure_permissions(
        request.actor, [("view-database", name), "view-instance"]
    )
    try:
        return datasette.get_database(name)
    except KeyError as error:
        raise NotFound(f"no database {name}") from error


async def report_page(datasette: Any, request: Request) -> Response:
    database = await _database(datasette, request)
    report_id = int(request.url_vars["report_id"])
    view = await database.execute_fn(lambda conn: report_view(conn, report_id))
    if view is None:
        raise NotFound(f"no report {report_id}")
    context = {
        **view,
        "database": database.name,
        "page_url": page_url(database.name, view["report"]["page_id"]),
        "report_url": lambda rid: report_url(database.name, rid),
    }
    html = await datasette.render_template("govcrawl_report.html", context, request)
    return Response.html(html)


async def raw_page(datasette: Any, request: Request) -> Response:
    """The page exactly as served. Sandboxed: a government page (or a hacked one)
    runs no script and reaches nothing from this origin."""
    database = await _database(datasette, request)
    page_id = int(request.url_vars["page_id"])

    def read(conn: Any) -> tuple[bytes, str] | None:
        from sqlite_utils import Database

        db = Database(conn)
        rows = list(db.query("select headers from pages where id = ?", [page_id]))
        if not rows:
            return None
        headers = json.loads(rows[0]["headers"] or "{}")
        kind = next(
            (v for k, v in headers.items() if k.lower() == "content-type"),
            "application/octet-stream",
        )
        return page_body(db, page_id), kind

    found = await database.execute_fn(read)
    if found is None:
        raise NotFound(f"no page {page_id}")
    body, content_type = found
    headers = {
        "Content-Security-Policy": "sandbox",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(body, headers=headers, content_type=content_type)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/govcrawl/(?P<database>[^/]+)/report/(?P<report_id>\d+)$", report_page),
        (r"^/-/govcrawl/(?P<database>[^/]+)/page/(?P<page_id>\d+)$", raw_page),
    ]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str) -> Any:
    """Every report id links to its report page; organ keys link to their panel."""
    if isinstance(value, dict):  # a foreign key Datasette expanded to its label
        value = value.get("value")
    if value is None or value == "":
        return None
    if column in REPORT_COLUMNS or (table == "reports" and column == "id"):
        return Markup(f'<a href="{report_url(database, int(value))}">{int(value)}</a>')
    if column == "report_ids":
        ids = [int(part) for part in str(value).split(",") if part.strip().isdigit()]
        links = (f'<a href="{report_url(database, i)}">{i}</a>' for i in ids)
        return Markup(" ".join(links))
    if table == "organ_years" and column in ("province", "city"):
        href = f"/-/dashboards/organ?{column}={escape(value)}"
        return Markup(f'<a href="{href}" title="charts">{escape(value)}</a>')
    if column == "organ_key" and table != "organ_years":
        href = f"/{database}/organ_years?organ_key={escape(value)}"
        return Markup(f'<a href="{href}">{escape(value)}</a>')
    if column == "organ_key":
        href = f"/-/dashboards/organ?organ_key={escape(value)}"
        return Markup(f'<a href="{href}" title="charts">{escape(value)}</a>')
    return None


@hookimpl
def extra_css_urls() -> list[str]:
    return ["/-/static-plugins/govcrawl/govcrawl.css"]


@hookimpl
def extra_template_vars(
    template: str, database: str | None, table: str | None, request: Request | None
) -> dict[str, Any]:
    """_table.html leaves long columns out unless ?_col= asks for them, and labels
    every column with its short name from the metadata's plugin section."""
    if template != "table.html" or request is None:
        return {}
    wanted = set(request.args.getlist("_col"))
    hidden = set(HIDDEN_COLUMNS.get(table or "", ())) - wanted
    context = {"govcrawl_hidden": hidden, "govcrawl_labels": COLUMN_LABELS}
    if table == "reports" and database:
        # The primary key cell links to the row page; a second link opens the report.
        prefix = report_url(database, "")
        context["govcrawl_report_page"] = {"column": "id", "prefix": prefix}
    return context


# Long text stays searchable (reports_fts) and in JSON/CSV, out of the HTML table;
# so do the bookkeeping columns (?_col=url shows one again).
HIDDEN_COLUMNS = {
    "reports": (
        "url", "page_id", "latest", "script", "encoding", "removed", "source",
        "content_hash", "first_seen", "last_seen", "text", "finding_count", "mirror",
    ),
    "pages": ("body", "headers", "sha256", "compression"),
}  # fmt: skip
COLUMN_LABELS = {
    "portal": "门户",
    "agency": "发布机构",
    "organ_key": "机构",
    "year": "年度",
    "title": "标题",
    "published": "发布日期",
    "template": "模板",
    "status": "状态",
    "failing_checks": "未通过",
    "tampered": "篡改",
    "mirror": "镜像",
    "version": "版本",
    "province": "省",
    "city": "市",
    "county": "县/区",
    "new_requests": "新收申请",
    "granted": "予以公开",
    "partially_granted": "部分公开",
    "refused": "不予公开",
    "not_held": "不掌握",
    "processed": "办理总计",
    "carried_over": "上年结转",
    "carried_forward": "结转下年",
    "reviews": "行政复议",
    "suits": "行政诉讼",
    "grant_rate_pct": "公开率%",
    "refusal_rate_pct": "不予公开率%",
    "not_held_rate_pct": "不掌握率%",
}


__all__ = ["prepare_connection"]  # a hook of this plugin (value-size cap)
