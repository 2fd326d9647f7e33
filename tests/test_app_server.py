"""The dashboard server's own layers, without a server: the token gate refuses every request
without the token and moves a token from the address into a cookie; the page is compressed once
and the kept bytes sent to every learner; Solara's page is adapted (zoom allowed, language,
connection-lost watch first)."""

from __future__ import annotations

import asyncio
import gzip

from pannet_edu.app import server

TOKEN = "t" * 24


def _call(app, scope: dict) -> tuple[dict, bytes]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app({"type": "http", "method": "GET", "path": "/", "query_string": b"",
                     "headers": [], "root_path": "", **scope}, receive, send))
    start = next(m for m in sent if m["type"] in ("http.response.start", "websocket.close"))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start, body


def _inner(calls: list):
    async def app(scope, receive, send):
        calls.append(scope)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"<html>" + b"x" * 5000})
    return app


def test_the_gate_refuses_every_request_without_the_token():
    calls: list = []
    gate = server.TokenGate(_inner(calls), TOKEN)
    for scope in ({}, {"path": "/static/assets/custom.css"},
                  {"query_string": f"token={TOKEN[:-1]}x".encode()},
                  {"headers": [(b"cookie", f"{server.cookie_name(TOKEN)}=wrong".encode())]}):
        start, _ = _call(gate, scope)
        assert start["status"] == 403, scope
    start, _ = _call(gate, {"type": "websocket", "path": "/jupyter/api/kernels/x/channels"})
    assert start == {"type": "websocket.close", "code": 1008}
    assert not calls


def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address():
    calls: list = []
    gate = server.TokenGate(_inner(calls), TOKEN)
    start, _ = _call(gate, {"query_string": f"token={TOKEN}&x=1".encode()})
    headers = dict(start["headers"])
    assert start["status"] == 303 and headers[b"location"] == b"/?x=1"
    cookie = headers[b"set-cookie"].decode()
    assert cookie.startswith(f"{server.cookie_name(TOKEN)}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    start, body = _call(gate, {"headers": [(b"cookie", cookie.split(";")[0].encode())]})
    assert start["status"] == 200 and body.startswith(b"<html>") and len(calls) == 1


def test_the_page_is_compressed_once_and_the_kept_bytes_sent_again():
    calls: list = []
    pages = server.CompressedPages(_inner(calls))
    gzip_asked = {"headers": [(b"accept-encoding", b"gzip, br")]}
    first_start, first = _call(pages, gzip_asked)
    _, second = _call(pages, gzip_asked)
    assert dict(first_start["headers"])[b"content-encoding"] == b"gzip"
    assert first == second and len(pages._compressed) == 1  # compressed once, kept
    assert gzip.decompress(first) == b"<html>" + b"x" * 5000
    assert all(b"accept-encoding" not in dict(scope["headers"]) for scope in calls)
    start, plain = _call(pages, {})
    assert plain.startswith(b"<html>") and b"content-encoding" not in dict(start["headers"])
    assert dict(start["headers"])[b"content-length"] == str(len(plain)).encode()
