"""Setting up an archive: `init` (the schema, idempotent), `migrate` (later versions), `grant` (roles).

Migrations are the plain SQL files in `migrations/`, `NNN_name.sql`, run in
order, each in the same transaction as the schema version it brings, so a
failed migration leaves the archive at the version before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from sayso.corpus.errors import ArchiveNotReady, SaysoError
from sayso.corpus.server.pg import LIBRARY_LOCK, QUOTES_LOCK, Server, execute_script, statement

ROLES = ("reader", "editor", "admin")

_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The schema versions this sayso knows, oldest first."""
    folder = resources.files("sayso.corpus.server") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = re.match(r"^(\d{3})_([a-z0-9_]+)\.sql$", entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return migrations()[-1].version


def schema_version(server: Server) -> int | None:
    """The archive's schema version (None: not initialised)."""
    with server.read() as cur:
        cur.execute("SELECT to_regclass('sayso.meta') IS NOT NULL AS ready")
        row = cur.fetchone()
        if not row or not row["ready"]:
            return None
        cur.execute("SELECT value FROM sayso.meta WHERE key = 'schema'")
        found = cur.fetchone()
    return int(found["value"]) if found else None


def check_version(server: Server) -> int:
    """The schema version, if this sayso can use it; else a one-line SaysoError saying what to run."""
    version = schema_version(server)
    if version is None:
        raise ArchiveNotReady("this database holds no sayso archive yet: an admin sets it up once", needs="init")
    if version > latest_version():
        raise SaysoError(
            f"the archive is at schema {version}, newer than this sayso knows ({latest_version()}): upgrade sayso"
        )
    if version < latest_version():
        raise ArchiveNotReady(
            f"the archive is at schema {version}; this sayso needs {latest_version()}: an admin migrates it",
            needs="migrate",
        )
    return version


def migrate(server: Server, *, initial: bool = False) -> list[Migration]:
    """Bring the archive to the latest schema; returns the migrations run (none: already current).

    `initial` (init) also creates it when the database is empty; migrate alone refuses an empty one.
    """
    with server.lock(LIBRARY_LOCK).held(), server.lock(QUOTES_LOCK).held(), server.write_cursor() as cur:
        current = schema_version(server)
        if current is None and not initial:
            raise ArchiveNotReady("this database holds no sayso archive yet: it is to be set up first", needs="init")
        current = current or 0
        if current > latest_version():
            raise SaysoError(f"the archive is at schema {current}, newer than this sayso knows: upgrade sayso")
        ran = []
        for step in migrations():
            if step.version <= current:
                continue
            execute_script(cur, step.sql, f"migration {step.version:03d}_{step.name}")
            cur.execute(
                "INSERT INTO sayso.meta (key, value) VALUES ('schema', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(step.version),),
            )
            ran.append(step)
    return ran


def grant(server: Server, user: str, role: str) -> str:
    """Give `user` (a PostgreSQL login role, created if missing) the archive role `role`; returns what was done.

    The user's other archive roles are revoked, so `grant` also demotes.  Passwords are set as in any
    PostgreSQL deployment (psql's `\\password`, or peer/certificate authentication): never by sayso, so
    none passes through its command line or its logs.
    """
    if role not in ROLES:
        raise SaysoError(f"unknown role {role!r}; one of: {', '.join(ROLES)}")
    if not _ROLE_NAME.match(user):
        raise SaysoError(f"{user!r} is not a usable role name (letters, digits, _ . @ -; up to 63)")
    check_version(server)
    with server.lock(LIBRARY_LOCK).held(), server.write_cursor() as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (user,))
        created = cur.fetchone() is None
        if created:
            cur.execute(statement("CREATE ROLE {} LOGIN", user))
        for other in ROLES:
            if other != role:
                cur.execute(statement("REVOKE {} FROM {}", f"sayso_{other}", user))
        cur.execute(statement("GRANT {} TO {}", f"sayso_{role}", user))
        # An admin grants others: every archive role with the admin option, and creating login roles.
        if role == "admin":
            for each in ROLES:
                cur.execute(statement("GRANT {} TO {} WITH ADMIN OPTION", f"sayso_{each}", user))
            cur.execute(statement("ALTER ROLE {} CREATEROLE", user))
        else:
            cur.execute(statement("ALTER ROLE {} NOCREATEROLE", user))
    return f"{'created login role ' + user + ' and ' if created else ''}granted {role} to {user}"


def members(server: Server) -> list[tuple[str, str]]:
    """Every role holding an archive role, with the highest one: [(user, role)]."""
    with server.read() as cur:
        cur.execute(
            """
            SELECT m.rolname AS member, g.rolname AS grp
            FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
            WHERE g.rolname IN ('sayso_reader', 'sayso_editor', 'sayso_admin')
              AND m.rolname NOT IN ('sayso_reader', 'sayso_editor', 'sayso_admin')
            """
        )
        rows = cur.fetchall()
    best: dict[str, str] = {}
    for row in rows:
        role = row["grp"].removeprefix("sayso_")
        if ROLES.index(role) > ROLES.index(best.get(row["member"], "reader")) or row["member"] not in best:
            best[row["member"]] = role
    return sorted(best.items())
