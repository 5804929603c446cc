"""Word 97-2003 (.doc) and WPS (.wps) attachments, converted to DOCX by LibreOffice
headless when it is installed, then read like any DOCX (in the memory-capped child)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from govcrawl.attachments.limits import SOFFICE_TIMEOUT_SECONDS, Limits
from govcrawl.attachments.result import BROKEN, UNSUPPORTED, Extracted
from govcrawl.attachments.sandbox import extract_bounded
from govcrawl.operate.children import run_group


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def extract_office(body: bytes, name: str, kind: str, limits: Limits) -> Extracted:
    soffice = find_soffice()
    if soffice is None:
        result = Extracted(kind, name)
        result.find(
            UNSUPPORTED,
            f".{kind} needs LibreOffice to convert it to DOCX, and soffice is not "
            "installed (apt-get install libreoffice-writer-nogui)",
        )
        return result
    converted, problem = _convert(soffice, body, kind)
    if converted is None:
        result = Extracted(kind, name)
        result.find(BROKEN, f"LibreOffice could not convert the .{kind}: {problem}")
        return result
    # Converted here (soffice needs more memory than the reader's child allows), read
    # there.
    return extract_bounded(kind, converted, name, limits, reader="docx")


def _convert(soffice: str, body: bytes, kind: str) -> tuple[bytes | None, str]:
    # The remote name never becomes a path; a private profile lets conversions run in
    # parallel (LibreOffice refuses a second process on a shared profile). HOME and
    # XDG folders point inside too: GTK's dconf otherwise writes ~/.cache/dconf/user.
    with tempfile.TemporaryDirectory(prefix="govcrawl-soffice-") as folder:
        home = {"HOME": folder, "XDG_CACHE_HOME": folder, "XDG_CONFIG_HOME": folder}
        source = Path(folder, f"attachment.{kind}")
        source.write_bytes(body)
        command = [
            soffice,
            f"-env:UserInstallation={Path(folder, 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            # Its own process group, killed whole: soffice.bin outlived the launcher.
            done = run_group(
                command, env=dict(os.environ) | home, timeout=SOFFICE_TIMEOUT_SECONDS
            )
        except subprocess.TimeoutExpired:
            return None, f"no result after {SOFFICE_TIMEOUT_SECONDS} s"
        target = Path(folder, "attachment.docx")
        if not target.exists():
            output = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            return None, f"exit {done.returncode}: {output or 'no output file'}"
        return target.read_bytes(), ""
