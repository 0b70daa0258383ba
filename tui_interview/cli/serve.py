"""``tui-interview serve``: the app in a web browser, through textual-serve.

textual-serve runs a command for each browser connection and relays its terminal over a websocket; the command
here is this Python running ``-m tui_interview`` with the arguments given after ``serve`` (the home screen when
none are given), so a served ``follow`` is a remote candidate view.

Whoever reaches the server runs the app as this user, with this user's data folder. So it listens on loopback
unless told otherwise (and then says loudly what that means), and it refuses the websocket to pages of another
origin (any web page the user opens could otherwise drive it) and, on loopback, to host names that are not this
machine's (a rebound DNS name pointing at 127.0.0.1).
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui_interview.cli.commands import CommandError, UsageError

if TYPE_CHECKING:
    from aiohttp import web
    from textual_serve.server import Server

INSTALL_HINT = "pip install 'tui-interview[serve]'"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def serve_command(args: argparse.Namespace) -> int:
    """Serve ``tui-interview`` with ``args.app_args`` on ``args.host``:``args.port`` until interrupted."""
    app_args: list[str] = list(args.app_args)
    if app_args and app_args[0] == "serve":
        raise UsageError("serve serves the app, not itself: give the command to serve, e.g. follow latest")
    try:
        server_class = guarded_server_class(loopback=is_loopback(args.host))
    except ImportError:
        raise UsageError(f"serve needs textual-serve, which is not installed: {INSTALL_HINT}") from None
    if not is_loopback(args.host):
        print(exposed_warning(args.host, args.port), file=sys.stderr)
    command = served_command([*forwarded_options(args), *app_args])
    server = server_class(command, host=args.host, port=args.port, title="tui-interview")
    try:
        server.serve()
    except OSError as error:
        raise CommandError(f"cannot serve on {args.host}:{args.port}: {error.strerror or error}") from None
    return 0


def served_command(app_args: Sequence[str]) -> str:
    """The shell command textual-serve runs for each browser connection."""
    return shlex.join([sys.executable, "-m", "tui_interview", *app_args])


def forwarded_options(args: argparse.Namespace) -> list[str]:
    """The draw options given before ``serve`` (``tui-interview --pack P serve``), for the command served."""
    options: list[str] = []
    for name in ("seed", "pack", "stages", "target"):
        value = getattr(args, name, None)
        if value is not None:
            options += [f"--{name}", str(value)]
    if getattr(args, "no_history", False):
        options.append("--no-history")
    return options


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is only reachable from this machine."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def exposed_warning(host: str, port: int) -> str:
    return (
        f"WARNING: serving on {host}:{port}, which other machines may reach. Anyone who can open "
        f"http://{host}:{port}/ can use tui-interview as you, with your data folder: your sessions, stories and "
        "settings. Serve on 127.0.0.1 (the default) unless every machine that can reach this one is trusted."
    )


def guarded_server_class(*, loopback: bool) -> type[Server]:
    """textual-serve's ``Server``, refusing connections that do not come from its own page.

    Raise ``ImportError`` when textual-serve is not installed.
    """
    from aiohttp import web
    from textual_serve.server import Server

    class GuardedServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            _check_host(request, loopback=loopback)
            # The page connects back to the address it was loaded from, so its websocket is of the same origin
            # (textual-serve would give it the bound address, which a browser elsewhere cannot use).
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            _check_host(request, loopback=loopback)
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
                raise web.HTTPForbidden(text="a page of another origin may not open this app")
            return await super().handle_websocket(request)

    return GuardedServer


def _check_host(request: web.Request, *, loopback: bool) -> None:
    from aiohttp import web

    hostname = urlsplit(f"//{request.host}").hostname or ""
    if loopback and not is_loopback(hostname):
        raise web.HTTPForbidden(text=f"this server answers only for this machine, not for {hostname!r}")
