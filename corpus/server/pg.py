"""The one module that talks to PostgreSQL (psycopg 3): connections, transactions, locks, errors.

A `Server` holds a small connection pool for one archive.  Each thread that
writes takes a `ServerLock`: the thread gets a connection of its own, a
transaction begins, and a transaction-level advisory lock serialises the
writers of the same part of the archive (the library, or the quotes), as the
local library's file lock does.  The outermost `held()` block commits; an
exception rolls everything back.  Readers outside a lock use a pooled
connection in autocommit and see the last committed state.

Connection strings go to libpq as given (so `sslmode`, `.pgpass`, `PGPASSFILE`,
`PGHOST` and the rest work as in every libpq client) and are only ever shown
through `redact`, which drops any password.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import psycopg
import psycopg.errors
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from sayso.corpus.errors import LibraryBusy, NotAllowed, ServerError, ServerUnavailable

__all__ = ["NotAllowed", "ServerError", "ServerUnavailable"]

#: Advisory lock keys (one bigint space per database): the library (documents, speakers, passages), the quotes,
#: and a bulk import's (held by the session for as long as the import runs: see corpus.server.search).
LIBRARY_LOCK = 0x5A7502
QUOTES_LOCK = 0x5A7503
BULK_LOCK = 0x5A7504

#: Seconds to wait for a connection to the server before saying it is unreachable.
CONNECT_TIMEOUT = 10

#: Seconds a read or write waits for a pooled connection before making one of its own (the pool pauses between
#: reconnection attempts after an outage; a connection of its own says at once whether the server is back).
POOL_WAIT = 1.0

#: Seconds `durable_together` waits for the server to say its commits are on disk (its WAL writer does so within
#: a second when all is well).
DURABLE_WAIT = 60.0

#: Channel the archive notifies on when a quote or note changes (the app listens to it).
QUOTES_CHANNEL = "sayso_quotes"


def redact(url: str) -> str:
    """A connection string fit to show: any password (in the URL, or `password=` in either form) removed."""
    text = str(url)
    if "://" in text:
        text = re.sub(r"(://[^/@:?#]*):[^@/?#]*@", r"\1:***@", text)
        text = re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)
        return text
    return re.sub(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", text, flags=re.IGNORECASE)


def describe(url: str) -> str:
    """Where a connection string points, for messages: `user@host:port/db` (no password, no options)."""
    if "://" not in url:
        return redact(url)
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host") or "localhost"
    try:
        port: int | str | None = parts.port or query.get("port")
    except ValueError:  # (a port that is not a number: libpq will say so; here it is shown as written)
        port = parts.netloc.rpartition(":")[2] or None
    user = parts.username or query.get("user")
    where = f"{host}:{port}" if port else host
    return f"{user + '@' if user else ''}{where}{parts.path or '/'}"


def _reason(exc: BaseException) -> str:
    """libpq's first line, never the connection string."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return redact(text.strip().splitlines()[0] if text.strip() else type(exc).__name__)


def translate(exc: BaseException, url: str) -> ServerError:
    """A psycopg error as the one-line SaysoError a user sees."""
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return NotAllowed(f"the server refused this for your role: {_reason(exc)}")
    if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        return LibraryBusy("archive busy: another member is writing; try again in a moment")  # type: ignore[return-value]
    if isinstance(exc, psycopg.OperationalError | PoolTimeout | psycopg.errors.AdminShutdown):
        return ServerUnavailable(f"cannot reach the archive at {describe(url)}: {_reason(exc)}")
    return ServerError(f"the archive at {describe(url)} failed: {_reason(exc)}")


@dataclass
class _Held:
    """A thread's connection and open transaction while it holds one or more server locks."""

    conn: psycopg.Connection[Any]
    #: from the pool (else a connection of its own, closed after)
    pooled: bool = True
    depth: int = 0
    keys: set[int] = field(default_factory=set)
    #: callbacks run once the outermost block has committed
    after_commit: list[Callable[[], None]] = field(default_factory=list)


class Server:
    """A connection pool to one archive; `read()` for reading, `lock(key).held()` for writing."""

    def __init__(self, url: str, *, max_size: int = 4, application: str = "sayso") -> None:
        self.url = url
        self.application = application
        self._local = threading.local()
        self._closed = False
        try:
            # One direct attempt first: a refused connection or a wrong password is said at once, in libpq's
            # words, rather than after the pool's retries.
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT).close()
        except psycopg.Error as exc:
            raise translate(exc, url) from None
        try:
            self.pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max_size,
                kwargs={"autocommit": True, "application_name": application, "connect_timeout": CONNECT_TIMEOUT},
                open=False,
                timeout=POOL_WAIT,
                # A connection the server dropped (a restart) is noticed and replaced before it is used.
                check=ConnectionPool.check_connection,
                name="sayso",
            )
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except (psycopg.Error, PoolTimeout) as exc:
            raise self._unreachable(exc) from None

    def _unreachable(self, exc: BaseException) -> ServerError:
        """Why the pool could not connect, in libpq's words (the pool's own error hides them)."""
        try:
            psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT).close()
        except psycopg.Error as direct:
            return translate(direct, self.url)
        return translate(exc, self.url)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):
                self.pool.close()

    @property
    def user(self) -> str:
        """The role this connection works as (what `--by me` means)."""
        with self.read() as cur:
            cur.execute("SELECT current_user AS u")
            row = cur.fetchone()
        return str(row["u"]) if row else ""

    # -- reading and writing ---------------------------------------------------------------
    def _held(self) -> _Held | None:
        held: _Held | None = getattr(self._local, "held", None)
        return held

    def _getconn(self) -> tuple[psycopg.Connection[Any], bool]:
        """A connection from the pool, else (the pool still pausing after an outage, or all its connections
        busy) one of its own, at once; the server away: psycopg's error, said in a second or so."""
        try:
            return self.pool.getconn(timeout=POOL_WAIT), True
        except PoolTimeout:
            conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name=self.application
            )
            return conn, False

    def _putconn(self, conn: psycopg.Connection[Any], pooled: bool) -> None:
        if pooled:
            self.pool.putconn(conn)
        else:
            with contextlib.suppress(Exception):
                conn.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[psycopg.Cursor[dict[str, Any]]]:
        """A cursor returning dict rows: inside a lock, on the lock's transaction (it sees its own writes);
        else on a pooled autocommit connection (the last committed state)."""
        held = self._held()
        try:
            if held is not None:
                with held.conn.cursor(row_factory=dict_row) as cur:
                    yield cur
                return
            conn, pooled = self._getconn()
            try:
                with conn.cursor(row_factory=dict_row) as cur:
                    yield cur
            finally:
                self._putconn(conn, pooled)
        except psycopg.Error as exc:
            raise translate(exc, self.url) from None
        except PoolTimeout as exc:
            raise translate(exc, self.url) from None

    @contextlib.contextmanager
    def snapshot(self, settings: dict[str, str] | None = None) -> Iterator[psycopg.Cursor[dict[str, Any]]]:
        """`read()`, every statement seeing the same committed state (a read-only repeatable-read transaction)
        with `settings` for that transaction alone; inside a lock, the lock's transaction as it is."""
        if self._held() is not None:
            with self.read() as cur:
                yield cur
            return
        with self.read() as cur:
            try:
                with cur.connection.transaction():
                    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    for name, value in (settings or {}).items():
                        cur.execute("SELECT set_config(%s, %s, true)", (name, value))
                    yield cur
            except psycopg.Error as exc:
                raise translate(exc, self.url) from None

    def write_cursor(self) -> contextlib.AbstractContextManager[psycopg.Cursor[dict[str, Any]]]:
        """A cursor on this thread's locked transaction (RuntimeError outside `lock().held()`)."""
        if self._held() is None:
            raise RuntimeError("a write to the archive must be made inside lock().held()")
        return self.read()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once this thread's transaction has committed (at once outside one)."""
        held = self._held()
        if held is None:
            callback()
        else:
            held.after_commit.append(callback)

    @contextlib.contextmanager
    def session_lock(self, key: int) -> Iterator[Session | None]:
        """A connection of its own holding session advisory lock `key` for the block, or None if another session
        holds it (not waited for).  The lock goes with the connection: a killed process leaves none behind."""
        try:
            conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name=self.application
            )
        except psycopg.Error as exc:
            raise translate(exc, self.url) from None
        try:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            yield Session(conn, self.url) if row and row[0] else None
        except psycopg.Error as exc:
            raise translate(exc, self.url) from None
        finally:
            with contextlib.suppress(Exception):
                conn.close()

    def values_apart(self, calls: Sequence[tuple[str, tuple[Any, ...]]]) -> list[Any]:
        """The first value of each statement's first row, the statements run at once, each on a connection of its
        own outside any transaction: for work the server does on one core per statement (building the parts of a
        partitioned index).  Once all have ended, the first failure as a one-line ServerError."""
        results: list[Any] = [None] * len(calls)
        failures: list[ServerError] = []

        def run(i: int, sql: str, params: tuple[Any, ...]) -> None:
            try:
                with psycopg.connect(
                    self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name=self.application
                ) as conn:
                    row = conn.execute(sql.encode("utf-8"), params).fetchone()
                results[i] = row[0] if row else None
            except psycopg.Error as exc:
                failures.append(translate(exc, self.url))

        threads = [
            threading.Thread(target=run, args=(i, sql, params), name="sayso-apart", daemon=True)
            for i, (sql, params) in enumerate(calls)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]
        return results

    @contextlib.contextmanager
    def durable_together(self) -> Iterator[None]:
        """This thread's transactions in the block commit without each waiting for the disk; the block ends only
        once the server has made all of them durable (an error if it cannot), as a local import makes a batch of
        files durable with one fsync pass.

        Waiting for the disk at every commit cost about 10 ms per document imported.  A server that crashes
        meanwhile loses at most the last few commits whole (each stays all or nothing); the block then ends
        in an error, so nothing it wrote was reported as done."""
        outer = getattr(self._local, "together", False)
        self._local.together = True
        try:
            yield
        finally:
            self._local.together = outer
        if outer:
            return
        try:
            with self.read() as cur:
                cur.execute("SELECT pg_current_wal_insert_lsn()::text AS lsn")
                written = (cur.fetchone() or {})["lsn"]
                deadline = time.monotonic() + DURABLE_WAIT
                while True:
                    cur.execute("SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn AS done", (written,))
                    if (cur.fetchone() or {}).get("done"):
                        return
                    if time.monotonic() > deadline:
                        raise ServerError(
                            f"the archive did not confirm within {DURABLE_WAIT:.0f} s that what was just written is "
                            "on its disk: check the server, then import again"
                        )
                    time.sleep(0.01)
        except psycopg.Error as exc:
            raise translate(exc, self.url) from None

    def lock(self, key: int, timeout: float = 30.0) -> ServerLock:
        return ServerLock(self, key, timeout)

    @contextlib.contextmanager
    def transaction(self, key: int, timeout: float | None) -> Iterator[None]:
        held = self._held()
        outermost = held is None
        try:
            if held is None:
                conn, pooled = self._getconn()
                held = _Held(conn, pooled=pooled)
                try:
                    conn.execute("BEGIN")
                    if getattr(self._local, "together", False):
                        conn.execute("SET LOCAL synchronous_commit = off")
                except BaseException:
                    self._putconn(conn, pooled)
                    raise
                self._local.held = held
            if key not in held.keys:
                if timeout is not None:
                    held.conn.execute(f"SET LOCAL lock_timeout = '{max(1, int(timeout * 1000))}ms'")
                held.conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
                if timeout is not None:
                    held.conn.execute("SET LOCAL lock_timeout = 0")
                held.keys.add(key)
        except (psycopg.Error, PoolTimeout) as exc:
            if outermost:
                self._finish(rollback=True)
            raise translate(exc, self.url) from None
        held.depth += 1
        try:
            yield
        except BaseException:
            held.depth -= 1
            if outermost:
                self._finish(rollback=True)
            raise
        held.depth -= 1
        if outermost:
            self._finish(rollback=False)

    def _finish(self, rollback: bool) -> None:
        held = self._held()
        if held is None:
            return
        self._local.held = None
        conn = held.conn
        try:
            if rollback:
                with contextlib.suppress(psycopg.Error):
                    conn.execute("ROLLBACK")
            else:
                try:
                    conn.execute("COMMIT")
                except psycopg.Error as exc:
                    raise translate(exc, self.url) from None
        finally:
            if conn.closed or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                with contextlib.suppress(Exception):
                    conn.close()
            self._putconn(conn, held.pooled)
        if not rollback:
            for callback in held.after_commit:
                callback()

    # -- listening ----------------------------------------------------------------------
    def listen(self, channel: str, on_message: Callable[[str], None], stop: threading.Event) -> None:
        """Call `on_message(payload)` for each notification on `channel` until `stop` is set (blocking: run it in
        a thread).  Reconnects after the server restarts; raises ServerUnavailable only if it cannot at first."""
        first = True
        while not stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
                    conn.execute(f"LISTEN {channel}")
                    if not first:
                        # Back after the server was away: what was said meanwhile was missed, so read again.
                        on_message(RESYNC)
                    first = False
                    while not stop.is_set():
                        for note in conn.notifies(timeout=0.5, stop_after=50):
                            on_message(note.payload)
            except psycopg.Error as exc:
                if first:
                    raise translate(exc, self.url) from None
                stop.wait(1.0)


#: What `listen` passes on after reconnecting: changes may have been missed, so everything is read again.
RESYNC = '{"op": "resync", "id": "", "by": ""}'


class Session:
    """One connection of `Server.session_lock`'s, outside any transaction."""

    def __init__(self, conn: psycopg.Connection[Any], url: str) -> None:
        self._conn = conn
        self._url = url

    def value(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first column of the first row `sql` returns (ServerError, in one line, if it fails)."""
        try:
            row = self._conn.execute(sql.encode("utf-8"), params).fetchone()
        except psycopg.Error as exc:
            raise translate(exc, self._url) from None
        return row[0] if row else None


class ServerLock:
    """The `WriteLock` protocol over a server: a transaction holding advisory lock `key`."""

    def __init__(self, server: Server, key: int, timeout: float = 30.0) -> None:
        self.server = server
        self.key = key
        self.timeout = timeout

    def held(self, timeout: float | None = None) -> contextlib.AbstractContextManager[None]:
        return self.server.transaction(self.key, self.timeout if timeout is None else timeout)

    @property
    def is_held(self) -> bool:
        held = self.server._held()
        return held is not None and self.key in held.keys


def copy_rows(cur: psycopg.Cursor[Any], statement: str, rows: Iterator[tuple[Any, ...]]) -> None:
    """COPY `rows` in (the fast path of an import)."""
    with cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def json_value(value: Any) -> Any:
    """A value for a jsonb parameter."""
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def execute_script(cur: psycopg.Cursor[Any], sql: str, what: str) -> None:
    """Run a migration file (several statements) on this cursor's transaction; ServerError saying which failed."""
    try:
        cur.execute(sql.encode("utf-8"))
    except psycopg.Error as exc:
        raise ServerError(f"{what} failed: {_reason(exc)}") from None


def statement(template: str, *names: str) -> Any:
    """`template` with each `{}` replaced by a quoted SQL identifier (role names in grants)."""
    from psycopg import sql

    return sql.SQL(template).format(*(sql.Identifier(n) for n in names))
