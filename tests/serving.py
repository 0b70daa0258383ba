"""``tui-interview serve`` in a child process, and what a browser gets from it: for the tests of serving.

The server runs as the user would run it (``python -m tui_interview serve --port N``) in a session of its own,
so that at the end the whole process group (the server, each app it started) can be checked gone.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_SECONDS = 30.0
"""The longest the server may take to answer its first request (it answers in about a second)."""
STOP_SECONDS = 15.0
ANSI_RE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\x1b\][^\x07]*\x07")


@dataclass(frozen=True)
class Served:
    url: str
    """``http://127.0.0.1:PORT``"""
    process: subprocess.Popen[bytes]

    @property
    def websocket_url(self) -> str:
        return "ws" + self.url.removeprefix("http") + "/ws"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(*app_args: str, log: Path) -> Iterator[Served]:
    """``tui-interview serve --port N APP_ARGS`` on a free loopback port; stopped, and checked gone, at the end."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui_interview", "serve", "--port", str(port), *app_args],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        wait_until_up(served, log)
        yield served
    finally:
        stop(process)


def wait_until_up(served: Served, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise AssertionError(f"the server ended with {served.process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(served.url + "/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"the server did not answer within {START_SECONDS:g} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl+C would (SIGINT, then SIGTERM), wait, and check no process of its group is left."""
    for ending in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        if process.poll() is None:
            process.send_signal(ending)
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                continue
    assert process.returncode is not None
    assert group_gone(process.pid), "a process the server started is still running"


def group_gone(group: int) -> bool:
    """Whether every process of process group ``group`` has ended (waiting briefly for the last to go)."""
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    os.killpg(group, signal.SIGKILL)
    return False


def terminal_text(data: bytes) -> str:
    """What terminal output writes on screen, roughly: escape sequences dropped, runs of spaces kept as one."""
    text = ANSI_RE.sub(b" ", data).decode("utf-8", "replace")
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------------------
# Screenshots
# ---------------------------------------------------------------------------------------------------------

Pixel = tuple[int, int, int]


def png_pixels(png: bytes) -> list[list[Pixel]]:
    """The RGB rows of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, data, width, height, channels = 8, b"", 0, 0, 0
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, body = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, f"{depth}-bit PNG"
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            data += body
    raw = zlib.decompress(data)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfiltered(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels)
        rows.append(row)
        previous = row
    return [[(row[x], row[x + 1], row[x + 2]) for x in range(0, stride, channels)] for row in rows]


def _unfiltered(kind: int, row: bytearray, previous: bytearray, step: int) -> bytearray:
    for i in range(len(row)):
        left = row[i - step] if i >= step else 0
        up = previous[i]
        upper_left = previous[i - step] if i >= step else 0
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - upper_left
            distances = (abs(guess - left), abs(guess - up), abs(guess - upper_left))
            nearest = left if distances[0] <= min(distances[1:]) else up if distances[1] <= distances[2] else upper_left
            row[i] = (row[i] + nearest) & 0xFF
    return row


def close_to(pixel: Pixel, colour: Pixel, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


# ---------------------------------------------------------------------------------------------------------
# A headless Chromium, driven over the DevTools protocol
# ---------------------------------------------------------------------------------------------------------

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--window-size=1024,640",
)


@contextmanager
def chromium(binary: str, profile: Path, log: Path) -> Iterator[str]:
    """A headless Chromium with a fresh profile; yields its DevTools websocket URL; stopped and checked gone after."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=output,
            start_new_session=True,
        )
    try:
        yield _devtools_url(process, profile / "DevToolsActivePort", log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        assert group_gone(process.pid), "a Chromium process is still running"


def _devtools_url(process: subprocess.Popen[bytes], port_file: Path, log: Path) -> str:
    """Chromium writes the port it chose, and the browser's path, in ``DevToolsActivePort``."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"Chromium ended with {process.returncode}:\n{log.read_text(errors='replace')}")
        lines = port_file.read_text().split() if port_file.is_file() else []
        if len(lines) == 2:
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.05)
    raise AssertionError(f"Chromium did not open its DevTools port:\n{log.read_text(errors='replace')}")
