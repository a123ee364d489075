"""The `serve` and `user` commands, registered on the CLI by `register(app)`: thin edges over
`newsprism.web` and the store."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

__all__ = ["register"]

Db = Annotated[Optional[str], typer.Option("--db", help="SQLite file or postgresql:// URL (default: $NEWSPRISM_DB or the user data dir).")]


user_app = typer.Typer(help="Users of the web app (argon2-hashed passwords).", no_args_is_help=True)


def _open(db: str | None):
    from newsprism.store import open_store

    return open_store(db)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    role: Annotated[str, typer.Option("--role", help="reader, editor (adds articles and feeds) or admin.")] = "reader",
    db: Db = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")] = False,
) -> None:
    """Add a user, or set an existing user's password and role (their sessions end)."""
    from newsprism.store.shared import ROLES
    from newsprism.web.auth import hash_password
    from newsprism.web.worker import utc_now

    if role not in ROLES:
        typer.echo(f"error: unknown role {role!r}; choose from {', '.join(ROLES)}", err=True)
        raise typer.Exit(2)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        typer.echo("error: the password needs at least 8 characters", err=True)
        raise typer.Exit(2)
    with _open(db) as store:
        new = store.add_user(name, hash_password(password), role, utc_now())
        where = store.path
    typer.echo(f"{'added' if new else 'updated'} {name} ({role}) in {where}")


@user_app.command("list")
def user_list(db: Db = None) -> None:
    """The users and their roles."""
    with _open(db) as store:
        for user in store.users():
            typer.echo(f"{user['name']}\t{user['role']}\t{user['created_at']}")


@user_app.command("remove")
def user_remove(name: str, db: Db = None) -> None:
    """Remove a user (their sessions and API tokens end)."""
    with _open(db) as store:
        if not store.remove_user(name):
            typer.echo(f"error: no user {name!r}", err=True)
            raise typer.Exit(1)
    typer.echo(f"removed {name}")


@user_app.command("token")
def user_token(name: str, label: Annotated[str, typer.Option("--label")] = "", db: Db = None) -> None:
    """Print a new API token for a user (shown once; send it as `Authorization: Bearer TOKEN`)."""
    from newsprism.web.auth import new_token, token_hash
    from newsprism.web.worker import utc_now

    with _open(db) as store:
        if store.user(name) is None:
            typer.echo(f"error: no user {name!r}", err=True)
            raise typer.Exit(1)
        token = new_token()
        store.add_token(token_hash(token), name, label or None, utc_now())
    typer.echo(token)


def serve(
    db: Db = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs users.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let URLs and feeds on private or loopback addresses be fetched.")] = False,
    fetches_per_minute: Annotated[int, typer.Option("--fetches-per-minute", min=1, help="URLs and feeds one user may add a minute.")] = 30,
) -> None:
    """The web app and its JSON API (/api/..., OpenAPI at /openapi.json)."""
    from newsprism.web.app import ServeConfig, create_app, is_loopback

    with _open(db) as store:
        users = store.user_count()
        where = store.path
    if not is_loopback(host) and users == 0:
        typer.echo(f"error: refusing to listen on {host} without users: anyone who reaches it could read and add. "
                   f"Add one with `newsprism user add NAME --role admin` (same --db), or serve on 127.0.0.1",
                   err=True)
        raise typer.Exit(2)
    import uvicorn

    config = ServeConfig(db=db if db is not None else _default(), host=host, port=port, allow_private=allow_private,
                         fetches_per_minute=fetches_per_minute)
    login = "login required" if users else "no login (one person, loopback only)"
    typer.echo(f"newsprism serving {where} on http://{host}:{port}/ ({login})", err=True)
    uvicorn.run(create_app(config), host=host, port=port, proxy_headers=True, log_level="warning")


def _default() -> str:
    from newsprism.store import store_target

    return str(store_target(None))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(user_app, name="user")
