"""Fetch a web page once, exactly as the server sends it, for ``marginalia import URL``.

The bytes are kept as received (they are saved under ``sources/``, so the import can be redone
and checked later without the network); the charset the server declares goes with them. A
failure says what happened: the HTTP status and its reason, or the network error.
"""

from __future__ import annotations

import email.message
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from .errors import ImportError_

USER_AGENT = "Marginalia-import/1 (fetching one article to annotate it)"
TIMEOUT = 30  # seconds
MAX_BYTES = 20 * 1024 * 1024  # a news page is well under 5 MB


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str  # e.g. "text/html"
    charset: str | None  # as the server declares it


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def fetch(url: str, timeout: float = TIMEOUT) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            headers: email.message.Message = response.headers
            final = response.geturl()
    except urllib.error.HTTPError as err:
        raise ImportError_(f"{url}: the server answered {err.code} {err.reason}; check the address in a "
                           "browser, or save the page from the browser and import the saved file") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, socket.gaierror):
            reason = "the host name could not be resolved (check the address, or the connection)"
        raise ImportError_(f"{url}: could not fetch the page: {reason}; save the page from the browser "
                           "and import the saved file instead") from None
    except (TimeoutError, socket.timeout):
        raise ImportError_(f"{url}: no answer within {timeout:g} seconds; try again, or save the page from "
                           "the browser and import the saved file") from None
    except (OSError, ValueError) as err:
        raise ImportError_(f"{url}: could not fetch the page: {err}") from None
    if len(body) > MAX_BYTES:
        raise ImportError_(f"{url}: the answer is larger than {MAX_BYTES // (1024 * 1024)} MB, which is not an "
                           "article page; save the page from the browser and import the saved file")
    content_type = headers.get_content_type()
    if content_type not in ("text/html", "application/xhtml+xml", "text/plain"):
        raise ImportError_(f"{url}: the address gives {content_type}, not a web page; import a web page, "
                           "a saved page (.html) or the article's text")
    return Fetched(final, body, content_type, headers.get_content_charset())
