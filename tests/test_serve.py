"""``tui-interview serve``: the app in a browser through textual-serve, on loopback, shut down cleanly."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import sys
import time
from itertools import count
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest

from tests.helpers import run_cli
from tests.serving import Served, chromium, close_to, png_pixels, serving, terminal_text
from tui_interview.cli.parser import build_parser
from tui_interview.cli.serve import exposed_warning, forwarded_options, is_loopback, served_command

HOME_TEXT = "Full loop every stage in order, then a report"
"""A row of the home screen's menu, as the terminal shows it."""
HOME_HIGHLIGHTS = ((0x01, 0x78, 0xD4), (0x15, 0x38, 0x54))
"""The background of the home menu's highlighted row in the default theme: focused (see the home snapshot), and
as a headless tab shows it, the page not having the focus."""
WAIT_SECONDS = 30.0
"""The longest a test waits for the app's screen to arrive (about a second here)."""


async def first_screen(served: Served, *, origin: str | None = None) -> str:
    """Open the app's websocket as the page does and return the terminal text once the home screen arrived."""
    headers = {"Origin": origin} if origin else {}
    received = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(served.websocket_url + "?width=100&height=30", headers=headers) as socket,
    ):
        deadline = time.monotonic() + WAIT_SECONDS
        while HOME_TEXT not in terminal_text(received):
            assert time.monotonic() < deadline, f"no home screen; got: {terminal_text(received)[-500:]}"
            message = await socket.receive(timeout=WAIT_SECONDS)
            if message.type == aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the websocket closed ({message.type}): {terminal_text(received)[-500:]}")
    return terminal_text(received)


def test_the_page_loads_and_the_home_screen_arrives_over_its_websocket(tmp_path: Path) -> None:
    with serving(log=tmp_path / "server.log") as served:
        page = httpx.get(served.url + "/", timeout=10)
        assert page.status_code == 200
        assert f'data-session-websocket-url="{served.websocket_url}"' in page.text
        assert httpx.get(served.url + "/static/js/textual.js", timeout=10).status_code == 200
        text = asyncio.run(first_screen(served, origin=served.url))
    assert "Rehearse an interview loop alone, offline, at the keyboard." in text


def test_a_page_of_another_origin_or_host_is_refused(tmp_path: Path) -> None:
    with serving(log=tmp_path / "server.log") as served:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            asyncio.run(first_screen(served, origin="http://evil.example"))
        assert refused.value.status == 403
        rebound = httpx.get(served.url + "/", headers={"Host": f"evil.example:{served.url.rsplit(':', 1)[1]}"})
        assert rebound.status_code == 403


def test_a_served_command_runs_instead_of_the_home_screen(tmp_path: Path) -> None:
    log = tmp_path / "server.log"

    async def connect(served: Served) -> None:
        """Open the websocket, so the server runs ``follow latest``, which ends with its one-line error."""
        async with aiohttp.ClientSession() as session, session.ws_connect(served.websocket_url):
            deadline = time.monotonic() + WAIT_SECONDS
            while "no session in progress" not in log.read_text():
                assert time.monotonic() < deadline, log.read_text()
                await asyncio.sleep(0.05)

    with serving("follow", "latest", log=log) as served:
        asyncio.run(connect(served))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no Chromium binary (Debian: apt-get install chromium)")
def test_a_headless_chromium_renders_the_home_screen(tmp_path: Path) -> None:
    binary = shutil.which("chromium")
    assert binary is not None
    with (
        serving(log=tmp_path / "server.log") as served,
        chromium(binary, tmp_path / "profile", tmp_path / "chromium.log") as devtools,
    ):
        text, png = asyncio.run(render_in_browser(devtools, served.url + "/"))
    assert HOME_TEXT in text  # what the page received over its websocket
    pixels = [pixel for row in png_pixels(png) for pixel in row]
    highlighted = sum(1 for pixel in pixels if any(close_to(pixel, colour) for colour in HOME_HIGHLIGHTS))
    assert highlighted > 1_000, "the home menu's highlighted row is not on the screenshot"
    assert len(set(pixels)) > 20, "the screenshot is blank"


async def render_in_browser(devtools: str, url: str) -> tuple[str, bytes]:
    """Open ``url`` in a new tab; once the terminal shows the home screen, return what it received and a screenshot."""
    async with aiohttp.ClientSession() as session, session.ws_connect(devtools, max_msg_size=0) as socket:
        browser = DevTools(socket)
        target = await browser.call("Target.createTarget", url="about:blank")
        attached = await browser.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        page = attached["sessionId"]
        await browser.call("Network.enable", session=page)
        await browser.call("Page.enable", session=page)
        await browser.call("Page.navigate", session=page, url=url)
        deadline = time.monotonic() + WAIT_SECONDS
        while HOME_TEXT not in terminal_text(browser.frames) or not await browser.shows_terminal(page):
            shown = terminal_text(browser.frames)[-500:]
            assert time.monotonic() < deadline, f"the page showed no home screen: {shown}"
            await browser.wait_for_events(0.1)
        await asyncio.sleep(0.5)  # the terminal fades in over 0.3 s (textual-serve's page)
        shot = await browser.call("Page.captureScreenshot", session=page, format="png")
        await browser.call("Browser.close")
    return terminal_text(browser.frames), base64.b64decode(shot["data"])


class DevTools:
    """The DevTools protocol over one websocket: commands answered by id, and the page's websocket frames kept."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = count(1)
        self.frames = b""
        """The binary frames the page received on its own websocket: the app's terminal output."""

    async def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        await self.socket.send_str(json.dumps(message))
        while True:
            reply = await self._receive(WAIT_SECONDS)
            if reply is None:
                if method == "Browser.close":
                    return {}
                raise AssertionError(f"no answer to {method}")
            if reply.get("id") == number:
                assert "error" not in reply, reply["error"]
                result: dict[str, Any] = reply.get("result", {})
                return result

    async def shows_terminal(self, page: str) -> bool:
        """Whether textual-serve's page has had the app's first bytes (it then shows the terminal)."""
        result = await self.call(
            "Runtime.evaluate", session=page, expression="document.body.classList.contains('-first-byte')"
        )
        return bool(result["result"].get("value"))

    async def wait_for_events(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await self._receive(seconds)

    async def _receive(self, seconds: float) -> dict[str, Any] | None:
        message = await self.socket.receive(timeout=seconds)
        if message.type != aiohttp.WSMsgType.TEXT:
            return None
        data: dict[str, Any] = json.loads(message.data)
        if data.get("method") == "Network.webSocketFrameReceived":
            response = data["params"]["response"]
            if response["opcode"] == 2:
                self.frames += base64.b64decode(response["payloadData"])
        return data


def test_serve_builds_the_command_from_this_python() -> None:
    args = build_parser().parse_args(["--pack", "p", "--no-history", "serve", "--port", "9000", "follow", "latest"])
    assert args.app_args == ["follow", "latest"]
    assert forwarded_options(args) == ["--pack", "p", "--no-history"]
    assert served_command(["follow", "it's"]) == f"{sys.executable} -m tui_interview follow 'it'\"'\"'s'"


def test_loopback_is_recognised_and_any_other_address_warned_about() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.4", "example.org"]))
    warning = exposed_warning("0.0.0.0", 8000)
    assert "WARNING" in warning
    assert "Anyone who can open http://0.0.0.0:8000/ can use tui-interview as you, with your data folder" in warning


def test_serving_on_another_address_prints_the_warning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual_serve.server import Server

    served: list[str] = []
    monkeypatch.setattr(Server, "serve", lambda self, **_: served.append(self.command))
    code, _, err = run_cli(capsys, "serve", "--host", "0.0.0.0", "--port", "8123", "follow")
    assert code == 0
    assert err.startswith("WARNING: serving on 0.0.0.0:8123")
    assert served == [f"{sys.executable} -m tui_interview follow"]
    code, _, err = run_cli(capsys, "serve", "--port", "8123")
    assert (code, err) == (0, "")  # loopback: no warning


def test_serve_without_textual_serve_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if not installed
    code, out, err = run_cli(capsys, "serve")
    assert code == 2
    assert err.strip() == (
        "tui-interview serve: error: serve needs textual-serve, which is not installed: "
        "pip install 'tui-interview[serve]'"
    )
    assert out == ""
