"""Which kind of attachment a file is: by its magic bytes, then by its extension."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

KINDS = ("pdf", "docx", "doc", "wps", "ofd")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Acrobat accepts %PDF- anywhere in the first 1024 bytes; some portals prepend junk.
_PDF_SEARCH_BYTES = 1024


def extension_of(name: str) -> str:
    """The lower-case extension of a file name or URL path, without query or dot."""
    path = name.split("?", 1)[0].split("#", 1)[0]
    return PurePosixPath(path).suffix.lower().lstrip(".")


def attachment_kind(name: str, body: bytes) -> str | None:
    """'pdf', 'docx', 'doc', 'wps' or 'ofd', or None when the file is none of them
    (HTML included, whatever its name: the page path reads it).

    The bytes decide when they are recognisable, because portals serve PDFs named
    .doc and the other way round; the extension decides between formats that share a
    container (OLE for .doc and .wps) and for files too broken to tell."""
    extension = extension_of(name)
    if b"%PDF-" in body[:_PDF_SEARCH_BYTES]:
        return "pdf"
    if body.startswith(_OLE_MAGIC):
        return "wps" if extension == "wps" else "doc"
    if body.startswith(_ZIP_MAGIC):
        return _zip_kind(body) or (extension if extension in ("docx", "ofd") else None)
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        # Word's "save as web page" keeps the .doc name; it is HTML for the parser.
        return None
    return extension if extension in KINDS else None


def _zip_kind(body: bytes) -> str | None:
    # zipfile (with bz2, lzma and shutil) is a tenth of `govcrawl parse`'s start:
    # imported when a ZIP is seen, not for every HTML page and text file.
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(body)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return None
