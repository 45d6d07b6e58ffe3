"""`sayso server init|migrate|grant|members|status`: set up and look after a shared archive (team mode).

The archive is the one every command works on (--server URL, $SAYSO_SERVER, the config's `server`);
init, migrate, members and status also take its URL after the action.  An address is only ever shown
without its password (`describe`), and psycopg is imported only when one of these runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sayso.cli import common_options, emit, readable_url
from sayso.corpus.errors import SaysoError
from sayso.corpus.library import Library

if TYPE_CHECKING:
    from sayso.corpus.server.pg import Server

#: The archive's roles, weakest first (corpus.server.admin.ROLES; named here so `--help` imports no driver).
ROLES = ("reader", "editor", "admin")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = common_options()
    p = sub.add_parser(
        "server",
        parents=[common],
        help="set up a shared archive on PostgreSQL and give people roles in it (team mode)",
        description="Set up and look after a shared archive on PostgreSQL. The archive is the one --server, "
        "SAYSO_SERVER or the config's `server` names, or the URL given after init, migrate, members or status.",
    )
    actions = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def url_argument(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "url",
            nargs="?",
            metavar="URL",
            help="the database, e.g. postgresql://admin@db.example.org/newsroom (default: the --server one)",
        )

    i = actions.add_parser(
        "init", parents=[common], help="create the archive's tables and roles in an existing database (safe to rerun)"
    )
    url_argument(i)
    i.set_defaults(handler=cmd_init, open_library=False)

    m = actions.add_parser("migrate", parents=[common], help="bring an archive to the schema this sayso uses")
    url_argument(m)
    m.set_defaults(handler=cmd_migrate, open_library=False)

    g = actions.add_parser(
        "grant",
        parents=[common],
        help="give a person (a PostgreSQL login role, created if missing) a role: reader, editor or admin",
    )
    g.add_argument("user", metavar="USER", help="their PostgreSQL user name")
    g.add_argument(
        "--role",
        required=True,
        choices=ROLES,
        help="reader (reads everything), editor (also imports, edits and quotes) or admin (also grants)",
    )
    g.set_defaults(handler=cmd_grant, open_library=False)

    w = actions.add_parser("members", parents=[common], help="list who holds which role in the archive")
    url_argument(w)
    w.set_defaults(handler=cmd_members, open_library=False)

    s = actions.add_parser(
        "status", parents=[common], help="the archive's address, schema, your role and what it holds"
    )
    url_argument(s)
    s.set_defaults(handler=cmd_status, open_library=False)


def _url(args: argparse.Namespace) -> str:
    url = getattr(args, "url", None) or getattr(args, "server_url", None)
    if not url:
        raise SaysoError(
            "no archive named: give its URL, --server URL, the SAYSO_SERVER variable or `server` in the config file"
        )
    return readable_url(str(url))


@contextmanager
def _connected(args: argparse.Namespace) -> Iterator[tuple[Server, str]]:
    """The archive's server and its address fit to show."""
    from sayso.corpus.server.pg import Server, describe

    url = _url(args)
    server = Server(url, max_size=1)
    try:
        yield server, describe(url)
    finally:
        server.close()


def cmd_init(args: argparse.Namespace, lib: Library) -> None:
    from sayso.corpus.server.admin import migrate, schema_version

    with _connected(args) as (server, where):
        before = schema_version(server)
        ran = migrate(server, initial=True)
        version = schema_version(server)
    steps = [f"{m.version:03d}_{m.name}" for m in ran]
    if ran and before is None:
        text = f"created a sayso archive at {where} (schema {version}); next: sayso server grant USER --role editor"
    elif ran:
        text = f"brought the archive at {where} from schema {before} to {version} ({', '.join(steps)})"
    else:
        text = f"the archive at {where} is already set up (schema {version}): nothing to do"
    emit(args, {"server": where, "schema": version, "ran": steps, "created": bool(ran) and before is None}, text)


def cmd_migrate(args: argparse.Namespace, lib: Library) -> None:
    from sayso.corpus.server.admin import migrate, schema_version

    with _connected(args) as (server, where):
        before = schema_version(server)
        ran = migrate(server)
        version = schema_version(server)
    steps = [f"{m.version:03d}_{m.name}" for m in ran]
    if ran:
        text = f"migrated the archive at {where} from schema {before} to {version} ({', '.join(steps)})"
    else:
        text = f"the archive at {where} is at schema {version}, the one this sayso uses: nothing to do"
    emit(args, {"server": where, "from": before, "schema": version, "ran": steps}, text)


def cmd_grant(args: argparse.Namespace, lib: Library) -> None:
    from sayso.corpus.server.admin import grant

    with _connected(args) as (server, where):
        done = grant(server, args.user, args.role)
    created = done.startswith("created")
    text = f"{done} on the archive at {where}"
    if created:
        text += f" (no password yet: set one with psql's \\password {args.user}, or use your site's usual sign-in)"
    emit(args, {"server": where, "user": args.user, "role": args.role, "created": created}, text)


def cmd_members(args: argparse.Namespace, lib: Library) -> None:
    from sayso.corpus.server.admin import check_version, members

    with _connected(args) as (server, where):
        check_version(server)
        found = members(server)

    def text() -> str:
        if not found:
            return f"no members of the archive at {where} yet: sayso server grant USER --role reader|editor|admin"
        width = max(len(user) for user, _ in found)
        return "\n".join(f"{user:<{width}}  {role}" for user, role in found)

    emit(args, [{"user": user, "role": role} for user, role in found], text)


def _your_role(server: Server) -> tuple[str, str | None, bool]:
    """(who you are on the server, your highest archive role or None, whether you are a superuser)."""
    with server.read() as cur:
        cur.execute(
            "SELECT current_user AS me, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super, "
            + ", ".join(f"pg_has_role(current_user, 'sayso_{role}', 'MEMBER') AS {role}" for role in ROLES)
        )
        row: dict[str, Any] = cur.fetchone() or {}
    role = next((r for r in reversed(ROLES) if row.get(r)), None)
    return str(row.get("me", "")), role, bool(row.get("super"))


def _counts(server: Server) -> dict[str, int]:
    with server.read() as cur:
        cur.execute(
            "SELECT (SELECT count(*) FROM sayso.documents) AS documents, "
            "(SELECT coalesce(sum((doc->>'passages')::bigint), 0) FROM sayso.documents) AS passages, "
            "(SELECT count(*) FROM sayso.quotes) AS quotes"
        )
        row: dict[str, Any] = cur.fetchone() or {}
    return {key: int(row.get(key) or 0) for key in ("documents", "passages", "quotes")}


def _many(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def cmd_status(args: argparse.Namespace, lib: Library) -> int:
    from sayso.corpus.server.admin import latest_version, schema_version

    with _connected(args) as (server, where):
        version = schema_version(server)
        if version is None:
            raise SaysoError(f"{where} holds no sayso archive yet: an admin runs `sayso server init URL` once")
        user, role, superuser = _your_role(server)
        if role is None:
            raise SaysoError(
                f"you ({user}) hold no role in the archive at {where}: an admin runs "
                f"`sayso server grant {user} --role reader` (or editor)"
            )
        counts = _counts(server)
    behind = version < latest_version()
    shown_role = f"{role}, superuser" if superuser else role
    schema = f"schema {version}" + (f" (this sayso needs {latest_version()}: sayso server migrate)" if behind else "")
    text = (
        f"{where}: {schema}; you are {user} ({shown_role}); {_many(counts['documents'], 'document')}, "
        f"{_many(counts['passages'], 'passage')}, {_many(counts['quotes'], 'quote')}"
    )
    data = {"server": where, "schema": version, "user": user, "role": role, "superuser": superuser, **counts}
    emit(args, data, text)
    return 0
