"""QuoteFeed: other members' quote changes on a shared archive, heard as they happen (LISTEN/NOTIFY).

A thread of its own blocks in `Server.listen` and collects each change it
hears; the first change after a quiet spell posts one `QuoteFeedNews` to the
screen, which waits a moment and then takes every change collected so far
(`take`) for one refresh.  A burst of 500 quotes so costs a handful of
refreshes, never 500.  It is a plain thread rather than a Textual worker so
that waiting for the app's workers (as tests do) never waits on a listener
that never ends; the screen stops it when it is unmounted, and it notices
within half a second.

Anyone who can connect to the archive can send a notification on the channel,
so a payload is read as untrusted: unknown operations and malformed payloads
are dropped, and ids and role names are cut short and made visible before
anyone sees them.  Nor is its name taken at its word: an added or changed
quote is told under the name the server recorded as its last changer, and a
change to a quote that is not there (or a removal of one that is) is dropped.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from sayso.corpus.anchoring import one_line
from sayso.corpus.safety import visible

if TYPE_CHECKING:
    from sayso.corpus.library import Library

LOG = logging.getLogger(__name__)

#: Operations a notification may name, and how a notice says them.
#: What the listener passes on after reconnecting (corpus.server.pg.RESYNC; written out here so that a local
#: app never imports the server module).
RESYNC = '{"op": "resync", "id": "", "by": ""}'
OPERATIONS = {"insert": "added", "update": "changed", "delete": "removed"}
#: Characters of a role name shown (PostgreSQL's own limit is 63 bytes).
NAME_CHARS = 40
#: Seconds between attempts to start listening while the archive cannot be reached.
RETRY_SECONDS = 5.0
#: Seconds `stop` waits for the thread to end (it looks every half second; it is a daemon beyond that).
STOP_WAIT = 1.0
#: Changes kept between two refreshes; beyond it (a flood) the refresh still comes, the count is cut.
HEARD_LIMIT = 10_000


@dataclass(frozen=True)
class QuoteChange:
    """One change to a quote on the archive: `op` (insert, update or delete), the quote's id, and who made it."""

    op: str
    quote_id: str
    by: str


def parse_change(payload: str) -> QuoteChange | None:
    """A notification's payload as a QuoteChange; None when it is not one sayso's archive sends."""
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    op, quote_id, by = data.get("op"), data.get("id"), data.get("by")
    if op not in OPERATIONS or not isinstance(quote_id, str) or not isinstance(by, str):
        return None
    return QuoteChange(op, quote_id[:64], by[:256])


def shown_name(name: str) -> str:
    """A role name fit for a notice: one line, control characters made visible, cut short."""
    return visible(one_line(name, NAME_CHARS), keep_newlines=False) or "someone"


def summarise(changes: Iterable[QuoteChange], me: str) -> str:
    """What other members did, in one line ("bob added 3 quotes · carol changed a quote"); "" for none.

    Changes made as `me` (this app, or the same role elsewhere) are left out.  Several changes to one quote
    by one person count once, as their last operation.
    """
    last: dict[tuple[str, str], str] = {}
    for change in changes:
        if change.by != me:
            last[(change.by, change.quote_id)] = change.op
    if not last:
        return ""
    counts: Counter[tuple[str, str]] = Counter((by, op) for (by, _), op in last.items())
    people: list[str] = []
    for (by, _), _op in last.items():
        if by not in people:
            people.append(by)
    parts = []
    for by in people:
        did = [
            f"{OPERATIONS[op]} {'a quote' if n == 1 else f'{n} quotes'}" for op in OPERATIONS if (n := counts[(by, op)])
        ]
        parts.append(f"{shown_name(by)} {' and '.join(did)}")
    shown = parts[:3]
    if len(parts) > 3:
        shown.append(f"and {len(parts) - 3} more")
    return " · ".join(shown)


class QuoteFeedNews(Message):
    """Changes to quotes were heard since the screen last took them (`QuoteFeed.take`)."""


class QuoteFeedTrouble(Message):
    """The feed cannot listen (the archive is unreachable): `error` says why; it keeps trying."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class QuoteFeed:
    """Listens to the archive of `library` for quote changes and tells `owner` (the main screen)."""

    def __init__(self, owner: MessagePump, library: Library) -> None:
        self.owner = owner
        self.library = library
        self._stop = threading.Event()
        self._guard = threading.Lock()
        self._heard: list[QuoteChange] = []
        #: news was posted and not yet taken: further changes only join the list
        self._told = False
        self._thread: threading.Thread | None = None
        #: the role this app works as, once known (its own changes are not news)
        self.me = ""
        #: the listener came back from an outage since last taken (see `take_resync`)
        self._resync = False

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start listening (nothing on a local library, which has no server to listen to)."""
        if self.library.server is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="sayso quote feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait (briefly) for the thread to end."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_WAIT)

    def take(self) -> list[QuoteChange]:
        """Every change heard since last taken (the next change posts news again)."""
        with self._guard:
            heard, self._heard = self._heard, []
            self._told = False
        return heard

    def take_resync(self) -> bool:
        """True once after the listener came back from an outage (the quotes are to be read again)."""
        with self._guard:
            resync, self._resync = self._resync, False
        return resync

    # -- the thread ---------------------------------------------------------------------------------
    def _run(self) -> None:
        from sayso.corpus.errors import ServerError
        from sayso.corpus.server.pg import QUOTES_CHANNEL

        server = self.library.server
        assert server is not None
        troubled = False
        while not self._stop.is_set():
            try:
                server.listen(QUOTES_CHANNEL, self._hear, self._stop)
            except ServerError as exc:
                if not troubled:  # said once; it keeps trying quietly
                    troubled = True
                    self._post(QuoteFeedTrouble(str(exc)))
                self._stop.wait(RETRY_SECONDS)
            except Exception:  # a bug must not end the app; the feed ends, the app goes on
                LOG.exception("the quote feed stopped")
                return

    def _hear(self, payload: str) -> None:
        if payload == RESYNC:
            # Back after the archive was away: changes may have been missed, so the screen reads quotes again.
            with self._guard:
                self._resync = True
                if self._told:
                    return
                self._told = True
            self._post(QuoteFeedNews())
            return
        change = parse_change(payload)
        if change is not None:
            change = self._verified(change)
        if change is None:
            return
        if not self.me:
            self._learn_who_i_am()
        with self._guard:
            if len(self._heard) < HEARD_LIMIT:
                self._heard.append(change)
            if self._told:
                return
            self._told = True
        self._post(QuoteFeedNews())

    def _verified(self, change: QuoteChange) -> QuoteChange | None:
        """`change` as the archive records it (see the module docstring); None if the archive says it did not
        happen.  The archive unreachable just now: told without a name."""
        from sayso.corpus.errors import SaysoError

        changed_by = getattr(self.library.quotes, "changed_by", None)
        if changed_by is None:
            return change
        try:
            who = changed_by(change.quote_id)
        except SaysoError:
            return QuoteChange(change.op, change.quote_id, "")
        if change.op == "delete":
            return change if who is None else None
        return QuoteChange(change.op, change.quote_id, who) if who is not None else None

    def _learn_who_i_am(self) -> None:
        """The role this app works as, asked once the archive has spoken (so a dead server never holds the
        listener up in the pool's wait); unknown, every change is told."""
        from sayso.corpus.errors import ServerError

        server = self.library.server
        if server is not None:
            try:
                self.me = server.user
            except ServerError:
                LOG.exception("who this member is stays unknown for now")

    def _post(self, message: Message) -> None:
        if not self._stop.is_set():
            self.owner.post_message(message)
