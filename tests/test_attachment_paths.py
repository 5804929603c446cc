"""Hostile attachment names and archives write nothing outside their place.

Attachments are kept as bytes in the store; the only code that writes one to disk is
the LibreOffice conversion of .doc/.wps (govcrawl/attachments/office.py), in its own
temporary folder under a fixed name, so that is where hostile names are tried, with a
real LibreOffice. DOCX archives are read in memory, after a check of every member
name. Each test that writes runs with the temporary root, the working directory and
HOME inside pytest's tmp_path and compares that whole tree before and after."""

from __future__ import annotations

import io
import ntpath
import posixpath
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govcrawl.attachments import extract
from govcrawl.attachments.result import UNSAFE_ARCHIVE
from govcrawl.demo.server import FixtureServer
from govcrawl.items import ReportPage
from govcrawl.operate.children import run_group
from govcrawl.parse import parse_report
from govcrawl.store import open_db, store_page
from tests.seeds import expected

ATTACHMENTS = Path(__file__).parent / "fixtures" / "attachments"
PANZHIHUA_DOC = (ATTACHMENTS / "000_panzhihua_2022.doc").read_bytes()
PANZHIHUA_DOCX = (ATTACHMENTS / "000_panzhihua_2022.docx").read_bytes()
PANZHIHUA_SEED = "000_968440a473f92860"
HOSTILE_NAMES = [
    "../../etc/passwd.doc",
    "../../../../../../tmp/evil.wps",
    "/etc/cron.d/evil.doc",
    "..\\..\\windows\\x.doc",
    "C:\\Windows\\System32\\x.wps",
    "\\\\server\\share\\x.doc",
    "report\x00.pdf.doc",
    "a/" * 2_000 + "long.doc",
    "報告" * 3_000 + ".doc",
    "\u202egpj.doc",
    "．．／．．／x.doc",
    "%2e%2e%2f%2e%2e%2fx.doc",
    "http://host/../../x.doc?name=../../y.doc#../z",
]


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() if path.is_file() else b""
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """tmp_path as the whole world: temporary root three levels down (so '../..'
    from a temporary folder still lands inside), working directory and HOME."""
    temporary = tmp_path / "a" / "b" / "tmp"
    work = tmp_path / "work"
    home = tmp_path / "home"
    for folder in (temporary, work, home):
        folder.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    before = tree(tmp_path)
    yield tmp_path
    assert tree(tmp_path) == before
    assert not list(temporary.iterdir())


# Real LibreOffice runs, so each is slow: a path traversal, a Windows path to a .wps
# and a name with a NUL byte (which no file name can hold).
CONVERTED_NAMES = [
    "../../../etc/passwd.doc",
    "..\\..\\windows\\x.wps",
    "report\x00.pdf.doc",
]


@pytest.mark.e2e
@pytest.mark.parametrize("name", CONVERTED_NAMES)
def test_libreoffice_conversion_of_a_hostile_name_stays_in_its_folder(
    name: str, sandbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report comes out, LibreOffice is given only paths of the conversion's
    own folder under a fixed name, and nothing is left anywhere (the sandbox)."""
    commands: list[list[str]] = []

    def spy(command: list[str], **options: Any) -> subprocess.CompletedProcess[Any]:
        commands.append(command)
        return run_group(command, **options)

    monkeypatch.setattr("govcrawl.attachments.office.run_group", spy)
    extracted = extract(PANZHIHUA_DOC, name=name)
    assert (extracted.name, extracted.findings) == (name, [])
    report = parse_report(extracted.html, html=True)
    assert report.requests == expected(PANZHIHUA_SEED)["requests"]
    (command,) = commands
    folder = Path(command[command.index("--outdir") + 1])
    assert folder.parent == Path(tempfile.gettempdir())
    assert command[1:] == [
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "docx",
        "--outdir",
        str(folder),
        str(folder / f"attachment.{extracted.kind}"),
    ]


def test_store_keeps_hostile_names_inside_the_database(sandbox: Path) -> None:
    db_path = sandbox / "store" / "govcrawl.db"
    db_path.parent.mkdir()
    db = open_db(db_path)
    for number, name in enumerate(HOSTILE_NAMES):
        page = ReportPage(
            url=f"http://www.example.gov.cn/{name}",
            portal="../../portal",
            title=name,
            year=None,
            published=None,
            body=PANZHIHUA_DOC + bytes([number]),
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
            status=200,
            fetched_at="2026-01-01T00:00:00Z",
            kind="doc",
        )
        store_page(db, page)
    stored = [row["url"] for row in db.query("select url from pages order by id")]
    assert stored == [f"http://www.example.gov.cn/{name}" for name in HOSTILE_NAMES]
    db.close()
    written = {path.name for path in db_path.parent.iterdir()}
    assert written <= {
        "govcrawl.db",
        "govcrawl.db-wal",
        "govcrawl.db-shm",
        "govcrawl.db.lock",
    }
    for path in db_path.parent.iterdir():
        path.unlink()
    db_path.parent.rmdir()


# DOCX members: every name that resolves outside the unpack folder is refused.


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def escapes(member: str) -> bool:
    """Whether unpacking `member` under a folder would write outside it, on POSIX or
    Windows (an independent oracle: normalised paths, drives and UNC roots)."""
    posix = posixpath.normpath(posixpath.join("/unpack/here", member))
    windows = ntpath.normpath(ntpath.join("C:\\unpack\\here", member)).lower()
    return not (
        posix in ("/unpack/here", "/unpack/here/") or posix.startswith("/unpack/here/")
    ) or not (windows == "c:\\unpack\\here" or windows.startswith("c:\\unpack\\here\\"))


@pytest.mark.parametrize(
    "member",
    [
        "../evil.xml",
        "word/../../evil.xml",
        "./../evil.xml",
        "..",
        "/abs/evil.xml",
        "\\abs\\evil.xml",
        "D:evil.xml",
        "D:\\evil.xml",
        "\\\\server\\share\\evil.xml",
        "word\\..\\..\\evil.xml",
        "word/./../../evil.xml",
    ],
)
def test_escaping_members_are_refused(member: str) -> None:
    assert escapes(member)
    body = zipped({"word/document.xml": b"<x/>", member: b"evil"})
    extracted = extract(body, name="report.docx")
    assert [finding.kind for finding in extracted.findings] == [UNSAFE_ARCHIVE]
    assert "escapes the archive" in extracted.findings[0].message


def test_nul_in_a_member_name_is_cut_before_the_check() -> None:
    """zipfile ends a name at NUL, so 'x.xml\\0/../../e' is 'x.xml' when read."""
    body = zipped({"word/document.xml": b"<x/>", "ok.xml\x00/../../../evil": b"e"})
    assert zipfile.ZipFile(io.BytesIO(body)).namelist()[1] == "ok.xml"
    extracted = extract(body, name="report.docx")
    assert UNSAFE_ARCHIVE not in [finding.kind for finding in extracted.findings]


SEGMENTS = st.sampled_from(
    ["..", ".", "", "word", "C:", "c:", "\\", "/", "..\\", "media", "x.xml", "．．"]
)


@pytest.mark.e2e
@settings(max_examples=300, deadline=None)
@given(st.lists(SEGMENTS, min_size=1, max_size=6).map("/".join).filter(bool))
def test_any_escaping_member_name_is_refused(member: str) -> None:
    body = zipped({"word/document.xml": b"<x/>", member: b"evil"})
    name = zipfile.ZipFile(io.BytesIO(body)).namelist()[1]
    if escapes(name):
        extracted = extract(body, name="report.docx")
        assert [finding.kind for finding in extracted.findings] == [UNSAFE_ARCHIVE]


# The fixture portal server (govcrawl demo) reads files: no path leaves its tree.


@pytest.mark.parametrize(
    "path",
    [
        "/panzhihua/../../../../etc/passwd",
        "/panzhihua/..%2f..%2f..%2fetc%2fpasswd",
        "/panzhihua/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/panzhihua//etc/passwd",
        "/../../etc/passwd",
        "/panzhihua/../hegang/_site.json/../../../__init__.py",
        "/panzhihua/../../server.py",
        "/panzhihua/../hegang/robots.txt",
    ],
)
def test_fixture_server_serves_nothing_outside_its_portals(path: str) -> None:
    server = FixtureServer()
    try:
        assert server.route("/panzhihua/robots.txt", {}).status == 200
        assert server.route(path, {}).status == 404
    finally:
        server.httpd.server_close()
