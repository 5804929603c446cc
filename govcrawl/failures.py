"""Why a request got no response a spider could read: one short reason per download
failure (after retries), recorded with the failure's own message."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from govcrawl.offsite import OffsiteRequest

# Checked in order: the first matching class names the reason.
_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, TimeoutError), "timeout"),
    ((ResponseDataLossError,), "download:dataloss"),
    ((DownloadCancelledError,), "download:cancelled"),
    ((DownloadConnectionRefusedError, ConnectionRefusedError), "connection:refused"),
    ((CannotResolveHostError, DNSLookupError), "connection:dns"),
    (
        (
            DownloadFailedError,
            ConnectionDone,
            ConnectionLost,
            ResponseNeverReceived,
            ResponseFailed,
        ),
        "connection:lost",
    ),
)


def failure_reason(error: BaseException) -> str:
    """A short reason in the vocabulary of blocked_pages ("http:500", "timeout")."""
    if isinstance(error, HttpError):
        return f"http:{error.response.status}"
    if isinstance(error, OffsiteRequest):
        return "offsite"
    if isinstance(error, IgnoreRequest):
        text = str(error)
        return "redirect:loop" if "redirection" in text else "ignored"
    if isinstance(error, DownloadCancelledError) and "max size" in str(error):
        return "download:maxsize"
    for classes, reason in _REASONS:
        if isinstance(error, classes):
            return reason
    return f"error:{type(error).__name__}"


def failure_message(error: BaseException) -> str:
    """The failure as logged: its class and text (or the failures it wraps)."""
    cause = error.__cause__
    reasons = getattr(cause or error, "reasons", None)
    text = str(error) or (", ".join(str(r.value) for r in reasons) if reasons else "")
    text = text or str(cause or "")
    return f"{type(error).__name__}: {text}".rstrip(": ")
