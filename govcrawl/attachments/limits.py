"""Size, page and archive limits for attachments, with the settings that override them.

GOVCRAWL_ATTACHMENT_MAX_BYTES and GOVCRAWL_PDF_MAX_PAGES are settings (govcrawl.config);
the DOCX archive limits are constants because a real report never comes near them."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govcrawl.config import ATTACHMENT_MAX_BYTES, PDF_MAX_PAGES

if TYPE_CHECKING:
    import zipfile

DOCX_MAX_MEMBERS = 1000
DOCX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Word XML packs 5-30x; a member packing far better than that is filler, not text.
DOCX_MAX_RATIO = 100
DOCX_RATIO_FLOOR_BYTES = 1024 * 1024
_READ_BYTES = 64 * 1024
SOFFICE_TIMEOUT_SECONDS = 120
# The address space of the process that reads a PDF or DOCX (govcrawl.attachments.
# sandbox): the real reports take under 70 MB; a stream that inflates past the
# limit ends that process, not the crawl.
EXTRACT_MAX_MEMORY = 448 * 1024 * 1024
EXTRACT_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Limits:
    max_bytes: int = ATTACHMENT_MAX_BYTES
    pdf_max_pages: int = PDF_MAX_PAGES
    docx_max_members: int = DOCX_MAX_MEMBERS
    docx_max_unpacked_bytes: int = DOCX_MAX_UNPACKED_BYTES
    docx_max_ratio: int = DOCX_MAX_RATIO
    timeout: float = EXTRACT_TIMEOUT_SECONDS


def archive_problem(
    archive: zipfile.ZipFile, limits: Limits, body: bytes
) -> str | None:
    """Why a DOCX archive must not be opened, checked on its central directory before
    any member is given to python-docx; None when it is safe. The declared sizes are
    checked first, then what each member really inflates to."""
    infos = archive.infolist()
    if len(infos) > limits.docx_max_members:
        return f"{len(infos)} archive members, more than {limits.docx_max_members}"
    for info in infos:
        problem = _member_problem(info, limits)
        if problem:
            return problem
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.docx_max_unpacked_bytes:
        return (
            f"members unpack to {unpacked} bytes, more than "
            f"{limits.docx_max_unpacked_bytes}"
        )
    return _inflate_problem(archive, infos, body)


def _inflate_problem(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], body: bytes
) -> str | None:
    """What each member really inflates to, in small steps: a member whose stream
    runs past its declared size (with a CRC that matches the part zipfile keeps) is
    refused here; zipfile's read() would inflate up to 2 GiB in one call first."""
    from zipfile import ZIP_DEFLATED  # imported with the archive (kinds._zip_kind)

    for info in infos:
        if info.compress_type != ZIP_DEFLATED:
            continue
        inflated = _inflated_size(_raw_member(body, info), info.file_size)
        if inflated > info.file_size:
            return (
                f"member {info.filename!r} inflates past its declared "
                f"{info.file_size} bytes: a lying archive (a decompression bomb)"
            )
    return None


def _raw_member(body: bytes, info: zipfile.ZipInfo) -> memoryview:
    start = info.header_offset
    name_length, extra_length = struct.unpack("<HH", body[start + 26 : start + 30])
    data = start + 30 + name_length + extra_length
    return memoryview(body)[data : data + info.compress_size]


def _inflated_size(raw: memoryview, cap: int) -> int:
    """Bytes the raw deflate stream inflates to, counted up to just past `cap`."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    for start in range(0, len(raw), _READ_BYTES):
        pending = bytes(raw[start : start + _READ_BYTES])
        while pending and total <= cap:
            total += len(inflater.decompress(pending, _READ_BYTES))
            pending = inflater.unconsumed_tail
        if total > cap or inflater.eof:
            break
    return total


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    parts = info.filename.replace("\\", "/").split("/")
    # An absolute path, a drive letter or a '..' part lands outside the unpack folder.
    if parts[0] == "" or ":" in parts[0] or ".." in parts:
        return f"member name {info.filename!r} escapes the archive"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > DOCX_RATIO_FLOOR_BYTES and ratio > limits.docx_max_ratio:
        return (
            f"member {info.filename!r} unpacks {ratio:.0f}x "
            f"({info.compress_size} -> {info.file_size} bytes), "
            f"more than {limits.docx_max_ratio}x: a decompression bomb"
        )
    return None
