"""Memory limits that hold (issue 15 item 5): a PDF whose content stream inflates
past every file-size and page limit (a 1 MB file, 1 GiB inflated, cost 2 GB of memory
in the reading process), and a DOCX whose member lies about its size (zipfile inflated
2 GiB at once before `Bad CRC-32`). Each is read by `govcrawl parse` in a fresh
process (tests/bombs.py), whose peak resident size is the kernel's, children included."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.bombs import (
    MIB,
    PEAK_LIMIT_KB,
    flushed_repeats,
    kinds,
    parse_measured,
    pdf_bomb,
)

# Real child processes with their peak memory measured: the end-to-end tier.
pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).parent / "fixtures" / "attachments"


def docx_liar(inflated_mib: int) -> bytes:
    """The real 攀枝花 DOCX with word/document.xml replaced by a deflate stream of
    `inflated_mib` MiB of blanks whose headers declare 40 kB of blanks (their CRC
    too): under every declared limit, and zipfile's CRC check passes."""
    real = zipfile.ZipFile(FIXTURES / "000_panzhihua_2022.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in real.infolist():
            data = real.read(info)
            if info.filename == "word/document.xml":
                data = b" " * 40_000
            archive.writestr(info.filename, data)
    body = out.getvalue()
    liar = flushed_repeats(b" " * MIB, inflated_mib, -zlib.MAX_WBITS)
    return _swap_member(body, "word/document.xml", liar)


def _swap_member(body: bytes, name: str, data: bytes) -> bytes:
    """The archive with `name`'s compressed bytes replaced, its declared sizes and
    CRC kept: the local header and the central directory go on saying 40 kB."""
    archive = zipfile.ZipFile(io.BytesIO(body))
    info = archive.getinfo(name)
    start = info.header_offset
    name_len, extra_len = struct.unpack("<HH", body[start + 26 : start + 30])
    data_start = start + 30 + name_len + extra_len
    end = data_start + info.compress_size
    shift = len(data) - info.compress_size
    rebuilt = bytearray(body[:data_start] + data + body[end:])
    struct.pack_into("<I", rebuilt, start + 18, len(data))
    central = rebuilt.rfind(b"PK\x05\x06")
    directory = struct.unpack("<I", rebuilt[central + 16 : central + 20])[0] + shift
    struct.pack_into("<I", rebuilt, central + 16, directory)
    position = directory
    while rebuilt[position : position + 4] == b"PK\x01\x02":
        entry_name_len, entry_extra, comment = struct.unpack(
            "<HHH", rebuilt[position + 28 : position + 34]
        )
        entry = rebuilt[position + 46 : position + 46 + entry_name_len].decode()
        offset = struct.unpack("<I", rebuilt[position + 42 : position + 46])[0]
        if entry == name:
            struct.pack_into("<I", rebuilt, position + 20, len(data))
        elif offset > start:
            struct.pack_into("<I", rebuilt, position + 42, offset + shift)
        position += 46 + entry_name_len + entry_extra + comment
    return bytes(rebuilt)


def test_the_bomb_builders_inflate_as_claimed() -> None:
    bomb = pdf_bomb(4)
    start = bomb.index(b"stream\n") + 7
    stream = bomb[start : bomb.index(b"\nendstream")]
    assert zlib.decompress(stream) == b" " * (4 * MIB)
    liar = zipfile.ZipFile(io.BytesIO(docx_liar(4)))
    assert liar.getinfo("word/document.xml").file_size == 40_000
    # zipfile believes it: the CRC matches the 40 kB it keeps of 4 MiB inflated.
    assert liar.read("word/document.xml") == b" " * 40_000


def test_a_pdf_decompression_bomb_stays_under_500_mb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_bomb(1024))
    assert path.stat().st_size < 2 * MIB
    report, peak_kb = parse_measured(path)
    assert peak_kb < PEAK_LIMIT_KB, f"peak RSS {peak_kb} KiB"
    assert "attachment_decompression_bomb" in kinds(report)
    assert report["template"] is None


def test_a_docx_member_lying_about_its_size_stays_under_500_mb(tmp_path: Path) -> None:
    path = tmp_path / "liar.docx"
    path.write_bytes(docx_liar(2048))
    report, peak_kb = parse_measured(path)
    assert peak_kb < PEAK_LIMIT_KB, f"peak RSS {peak_kb} KiB"
    (finding,) = [f for f in report["findings"] if f["kind"].startswith("attachment")]
    assert finding["kind"] == "attachment_unsafe_archive", finding
    assert "word/document.xml" in finding["message"]


def test_the_reader_child_comes_back_after_a_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_bomb(1024))
    real = FIXTURES / "003_hegang_2024.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "govcrawl.cli", "parse", str(bomb), str(real)],
        capture_output=True,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert "attachment_decompression_bomb" in kinds(first)
    assert second["title"] == "工农区人民政府2024年政府信息公开工作年度报告"
    assert second["template"] == "v2021"
