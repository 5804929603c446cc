"""Size, page and archive limits for attachments, with the settings that override them.

GOVCRAWL_ATTACHMENT_MAX_BYTES and GOVCRAWL_PDF_MAX_PAGES are settings (govcrawl.config);
the DOCX archive limits are constants because a real report never comes near them."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from govcrawl.config import ATTACHMENT_MAX_BYTES, PDF_MAX_PAGES

DOCX_MAX_MEMBERS = 1000
DOCX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Word XML packs 5-30x; a member packing far better than that is filler, not text.
DOCX_MAX_RATIO = 100
DOCX_RATIO_FLOOR_BYTES = 1024 * 1024
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


def archive_problem(archive: zipfile.ZipFile, limits: Limits) -> str | None:
    """Why a DOCX archive must not be opened, checked on its central directory before
    any member is inflated; None when it is safe. (zipfile inflates no more than a
    member's declared size, so the declared sizes bound the work.)"""
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
    return None


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
