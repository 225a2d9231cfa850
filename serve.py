"""RNN Explorer's server: `streamlit run serve.py` serves app.py, and tells Streamlit's frontend
where the server is, so that a page opened at its own URL logs no 404.

Opened at /gradient_decay, Streamlit's frontend does not know whether the server lives at
/gradient_decay/ or at /: it first asks /gradient_decay/_stcore/health and /host-config (two 404s
in every student's console), then /. The frontend skips that probe when the page defines
`window.__streamlit.BACKEND_BASE_URL`; `BaseUrl` writes it into the app's HTML page, only for the
URL of one of our pages (its parent is the server; any other path is left to Streamlit's probe,
which also finds a server behind a proxy under a path). `streamlit run app.py` works too. What the
rewriting costs and buys, measured (nothing else breaks without it): docs/performance.md, "Why
serve.py writes into the page's HTML".

At its start the server warms itself up (ui/warm.py): it opens every page at its defaults, in the
background, so the first students of a class find the shared figures and the default models ready
(`RNNX_WARM=0`: a cold server; `/_rnnx/warm` says how far it got). `streamlit run app.py` warms
up too, from the first visit on (it runs no code before a tab connects), without `/_rnnx/warm`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from ui import warm
from ui.views import available

PAGES = [view.key for view in available()]  # the views' URL paths (home is the root: ui/frame.py)
_SCRIPT = """<script>(() => {
  const parts = location.pathname.replace(/\\/+$/, "").split("/");
  if (parts.length < 2 || !PAGES.includes(parts[parts.length - 1])) return;
  parts.pop();  // /<prefix>/<page> is served by /<prefix>/
  window.__streamlit = {BACKEND_BASE_URL: location.origin + parts.join("/") + "/"};
})();</script>"""


class BaseUrl:
    """ASGI middleware: the app's HTML page with the server's URL in it (see the docstring)."""

    def __init__(self, app) -> None:
        self.app = app
        self.script = _SCRIPT.replace("PAGES", json.dumps(PAGES)).encode()

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or "/_stcore/" in path
            or "." in path
        ):
            await self.app(scope, receive, send)  # the websocket, the API, files with a suffix
            return
        plain = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": plain}  # an uncompressed page, to write into
        start: dict = {}
        chunks: list[bytes] = []

        async def write(message) -> None:
            if message["type"] == "http.response.start":
                html = any(
                    k.lower() == b"content-type" and v.startswith(b"text/html")
                    for k, v in message.get("headers", [])
                )
                if not html:
                    await send(message)
                    return
                start.update(message)
                return
            if not start or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks).replace(b"<head>", b"<head>" + self.script, 1)
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", b"%d" % len(body))]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, write)


@contextlib.asynccontextmanager
async def lifespan(app):
    """At the server's start: the warm-up visits every page in the background (ui/warm.py)."""
    warm.start()
    yield None


async def warm_status(request) -> JSONResponse:
    """How far the warm-up got: {"state": "ready", "done": {page: seconds}, ...}; with
    `?wait=<page or ready>`, once that is done (at most a minute)."""
    page = request.query_params.get("wait", "")[:40]
    if not page:
        return JSONResponse(warm.status())
    return JSONResponse(await asyncio.to_thread(warm.wait_for, page, 60.0))


app = st.App(
    "app.py",
    middleware=[Middleware(BaseUrl)],
    lifespan=lifespan,
    routes=[Route("/_rnnx/warm", warm_status)],
)
