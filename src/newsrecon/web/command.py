"""`newsrecon serve`: the web app over a store, served by uvicorn.

Exit codes: 4 the store cannot be opened (E301, E302, E304-E306); 6 the app cannot start: no store at the
path (E501), a non-local address without a token (E502), the port cannot be had (E503).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from newsrecon.errors import NewsreconError, ServerError, StoreError
from newsrecon.web.security import is_local, new_token

EXIT_STORE, EXIT_SERVER = 4, 6


def _fail(err: Console, exc: NewsreconError, code: int) -> None:
    err.print(f"[bold red]error:[/] {escape(exc.reason)} [{exc.code}]", highlight=False, soft_wrap=True)
    sys.exit(code)


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, made before uvicorn starts so that a port in use is a coded error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ServerError("E503", detail=f"{host}:{port} ({exc.strerror or exc})") from exc
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def prepare(db: Path, host: str, token: str | None) -> tuple[str, bool]:
    """Check what the server needs before it starts: a token where the address is not loopback,
    a store at `db` (migrated to this version by its writer). The token to use, and whether it was
    made here (it is then printed once, in a login link)."""
    if not is_local(host) and not token:
        raise ServerError("E502", detail=host)
    if not db.is_file():
        raise ServerError("E501", detail=db)
    from newsrecon.store import Store

    with Store(db):  # applies the migrations the app reads (search, story summaries)
        pass
    return (token, False) if token else (new_token(), True)


@click.command("serve")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite store to serve (made by analyze --db).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on."
)
@click.option(
    "--token",
    envvar="NEWSRECON_TOKEN",
    help="Token that adding articles needs (also NEWSRECON_TOKEN); required on a non-local address."
    " Without one, a local server makes one and prints a link that logs in with it.",
)
@click.option(
    "--cache-mb",
    default=64,
    show_default=True,
    type=click.IntRange(0, 1 << 20),
    help="Memory for rendered pages, answered again until the store changes (0: render every request).",
)
def serve_command(db_path: Path, host: str, port: int, token: str | None, cache_mb: int) -> None:
    """Serve the web app over a store: stories, articles, figures, sources, search, and adding articles."""
    err = Console(stderr=True)
    try:
        token, made = prepare(db_path, host, token)
        sock = _bind(host, port)
    except StoreError as exc:
        _fail(err, exc, EXIT_STORE)
    except ServerError as exc:
        _fail(err, exc, EXIT_SERVER)
    import uvicorn

    from newsrecon.web.app import create_app

    app = create_app(db_path, token, local=is_local(host), cache_bytes=cache_mb * 1024 * 1024)
    shown = f"[{host}]" if ":" in host else host
    where = f"http://{shown}:{sock.getsockname()[1]}"
    out = Console()
    out.print(f"newsrecon serving {db_path} at {where}/", highlight=False, markup=False, soft_wrap=True)
    if made:
        out.print(
            f"to add articles, open once: {where}/login?token={token}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    sys.stdout.flush()
    # Idle connections are kept longer than clients keep them (httpx 5 s, uvicorn's own default):
    # a server closing one just as a client reuses it fails that request.
    config = uvicorn.Config(
        app, log_level=os.environ.get("NEWSRECON_LOG", "warning"), access_log=False, timeout_keep_alive=65
    )
    uvicorn.Server(config).run(sockets=[sock])
