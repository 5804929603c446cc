"""The seeds loaded with `govcrawl load`, and a `govcrawl browse` server process
waited for: shared by the Datasette tests (in-process, served, read-only)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from govcrawl.cli import main
from tests.stored_seeds import SEEDS

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
SEED_FILES = sorted(SEEDS.glob("*.txt"))
QUERIES = (
    "identity_failures",
    "cross_report_failures",
    "grant_refusal_rates",
    "tampered_pages",
    "changed_reports",
    "missing_years",
    "requests_by_year",
)


def load_seeds(db_path: Path, *paths: Path) -> None:
    assert main(["load", "--db", str(db_path), *map(str, paths or SEED_FILES)]) == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        body: bytes = response.read()
        return body


def fetch_json(url: str) -> Any:
    return json.loads(fetch(url))


def wait_until_serving(url: str, server: subprocess.Popen[bytes]) -> None:
    """Poll until Datasette answers; fail with its output if it exits first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            _, errors = server.communicate()
            pytest.fail(f"govcrawl browse exited: {errors.decode()}")
        try:
            fetch(f"{url}/-/versions.json")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("govcrawl browse did not answer within 60 s")


def serve(db_path: Path) -> Iterator[str]:
    """`govcrawl browse` on the file, on a free port, until the caller is done."""
    port = free_port()
    command = [sys.executable, "-m", "govcrawl.cli", "browse"]
    command += ["--db", str(db_path), "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, server)
        yield url
    finally:
        server.terminate()
        server.communicate(timeout=30)


def send_body(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    content_type: str = "text/html; charset=UTF-8",
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> None:
    """One whole answer from a test server's handler, with its length."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def counting_host(body: bytes) -> type[BaseHTTPRequestHandler]:
    """Another host for the offsite tests: `body` to anyone who asks, each path
    asked for kept in the class's own `hits`."""

    class Elsewhere(BaseHTTPRequestHandler):
        hits: ClassVar[list[str]] = []

        def do_GET(self) -> None:
            self.hits.append(self.path)
            send_body(self, body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Elsewhere


@contextmanager
def http_server(
    handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1"
) -> Iterator[str]:
    """A threading HTTP server on a free port of host, its base URL while open."""
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
