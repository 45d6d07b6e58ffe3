"""JobQueue (tui.jobs) without running the app: an owner that runs its worker at once and keeps what is posted."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from sayso.corpus.errors import SaysoError
from sayso.tui.jobs import JobFailed, JobQueue


class Done(Message):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n


class Owner:
    """Stands in for the screen: runs the drain worker in place and records the messages it receives."""

    def __init__(self) -> None:
        self.posted: list[Message] = []
        self.workers = 0

    def run_worker(
        self,
        work: Any,
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ) -> None:
        self.workers += 1
        work()

    def post_message(self, message: Message) -> bool:
        self.posted.append(message)
        return True


def test_jobs_run_in_order_and_a_raising_job_becomes_job_failed() -> None:
    owner = Owner()
    jobs = JobQueue(owner, "quotes")

    def first() -> Done:
        jobs.submit("Cannot two", lambda: Done(2))  # asked while a job runs: queued behind it, no second worker
        jobs.submit("Cannot three", lambda: (_ for _ in ()).throw(SaysoError("the library is busy")))
        jobs.submit("Cannot four", lambda: None)  # a job with nothing to say posts nothing
        return Done(1)

    jobs.submit("Cannot one", first)
    assert [type(m) for m in owner.posted] == [Done, Done, JobFailed]
    assert [m.n for m in owner.posted if isinstance(m, Done)] == [1, 2]
    failed = owner.posted[2]
    assert isinstance(failed, JobFailed) and (failed.what, failed.error) == ("Cannot three", "the library is busy")
    assert owner.workers == 1
    jobs.submit("Cannot five", lambda: Done(5))  # the queue drained: the next job starts a worker again
    assert owner.workers == 2 and isinstance(owner.posted[-1], Done)


def test_latest_only_keeps_just_the_newest_waiting_job() -> None:
    owner = Owner()
    jobs = JobQueue(owner, "search", latest_only=True)

    def first() -> Done:
        for n in (2, 3, 4):  # typed while the first search runs
            jobs.submit("search", lambda n=n: Done(n))  # type: ignore[misc]
        assert jobs.waiting
        return Done(1)

    jobs.submit("search", first)
    assert [m.n for m in owner.posted if isinstance(m, Done)] == [1, 4]
    assert not jobs.waiting


def test_a_bug_in_a_job_names_its_type() -> None:
    owner = Owner()
    jobs = JobQueue(owner, "quotes")
    jobs.submit("Cannot undo", lambda: 1 / 0)  # type: ignore[arg-type,return-value]
    [failed] = owner.posted
    assert isinstance(failed, JobFailed) and failed.error == "ZeroDivisionError: division by zero"
