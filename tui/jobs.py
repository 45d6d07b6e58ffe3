"""JobQueue: work for the library run off the UI thread, one job at a time, results posted as messages.

A job is a function that runs in a thread and returns the Message that
carries its result (or None).  The queue starts one Textual thread worker
when work arrives and that worker drains it, so jobs never overlap and no
thread waits on a lock for its turn.  Two disciplines:

* in order (quotes): every job runs, in the order submitted, so an undo
  never overtakes the save it undoes;
* latest only (search): a job submitted while another waits replaces it, so
  typing never queues stale work.

A job that raises becomes a `JobFailed` message; nothing a job does can take
the app down.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from textual.message import Message
from textual.message_pump import MessagePump

from sayso.corpus.errors import SaysoError

LOG = logging.getLogger(__name__)


class JobFailed(Message):
    """A job raised: `what` was being done (e.g. "Cannot keep the quote") and `error` says why, on one line."""

    def __init__(self, what: str, error: str) -> None:
        super().__init__()
        self.what = what
        self.error = error


#: A job: runs in the worker thread and returns the message to post (None posts nothing).
JobFunction = Callable[[], Message | None]


@dataclass(frozen=True)
class Job:
    """`run` to call off the UI thread; `what` names it in a JobFailed; its message goes to `reply_to`."""

    what: str
    run: JobFunction
    reply_to: MessagePump | None = None


class JobOwner(Protocol):
    """What runs the queue's worker and receives its messages: a widget or screen (DOMNode) in the app."""

    def run_worker(
        self,
        work: Callable[[], None],
        name: str | None = ...,
        group: str = ...,
        description: str = ...,
        exit_on_error: bool = ...,
        start: bool = ...,
        exclusive: bool = ...,
        thread: bool = ...,
    ) -> Any: ...

    def post_message(self, message: Message) -> bool: ...


def describe_error(exc: BaseException) -> str:
    """A library error's own words; anything else with its type, so a bug is recognisable."""
    return str(exc) if isinstance(exc, SaysoError) else f"{type(exc).__name__}: {exc}"


class JobQueue:
    """Jobs for `owner` (the screen, which runs the worker and receives the messages)."""

    def __init__(
        self,
        owner: JobOwner,
        group: str,
        *,
        latest_only: bool = False,
        describe: Callable[[BaseException], str] = describe_error,
    ) -> None:
        """`describe` words a job's failure for its JobFailed (the library's own words by default)."""
        self.owner = owner
        self.group = group
        self.latest_only = latest_only
        self.describe = describe
        self._lock = threading.Lock()
        self._waiting: deque[Job] = deque()
        self._draining = False

    def submit(self, what: str, run: JobFunction, *, reply_to: MessagePump | None = None) -> None:
        """Run `run` after the jobs before it (latest only: instead of any still waiting)."""
        with self._lock:
            if self.latest_only:
                self._waiting.clear()
            self._waiting.append(Job(what, run, reply_to))
            if self._draining:
                return
            self._draining = True
        self.owner.run_worker(
            self._drain, name=f"{self.group} jobs", group=self.group, thread=True, exit_on_error=False
        )

    def clear(self) -> None:
        """Drop the jobs still waiting (the one running finishes)."""
        with self._lock:
            self._waiting.clear()

    @property
    def waiting(self) -> bool:
        """Whether a job is waiting behind the one running (a latest-only job's result is then stale)."""
        with self._lock:
            return bool(self._waiting)

    def _next(self) -> Job | None:
        with self._lock:
            if not self._waiting:
                self._draining = False  # decided under the lock: a job submitted now starts a new drain
                return None
            return self._waiting.popleft()

    def _drain(self) -> None:
        drained = False
        try:
            while (job := self._next()) is not None:
                try:
                    message = job.run()
                except Exception as exc:  # never let a job take the app down
                    LOG.exception("shown to the user as one line")
                    message = JobFailed(job.what, self.describe(exc))
                if message is not None:
                    (job.reply_to or self.owner).post_message(message)
            drained = True
        finally:
            if not drained:  # left early (the worker was cancelled): the next submit starts a drain again
                with self._lock:
                    self._draining = False
