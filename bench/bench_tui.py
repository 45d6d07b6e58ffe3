"""Benchmark of the app a user feels: first paint, opening the largest document, search keystroke latency.

    python bench/bench_tui.py                    # 100,000 passages (built once into --workdir)
    python bench/bench_tui.py --passages 20000 --largest 5000

Printed, not asserted.  Three measurements:

* start to first paint: `sayso --data DIR` in a real pseudo-terminal, from
  spawn to the first frame showing the pane bar; the baseline is a minimal
  Textual app (one Static) started the same way in the same run;
* time to open the largest document: in-process (headless Pilot), from the
  open call until the reader has painted its first screen;
* keystroke to screen in the search pane: each typed character until the
  results for the new query are painted (p50/p95), plus a burst of fast typing
  where stale queries are dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus_gen import generate_turn, speaker_names, write_corpus  # noqa: E402

QUERIES = [
    "open weights",
    "regulation",
    "compettion",
    "safety research",
    "the future of chips",
    "climate policy",
    "trainng data",
]


def build_library(folder: Path, passages: int, largest: int, seed: int = 1) -> Path:
    """A library of `passages` turns (one document of `largest` turns, the rest in panels), built once."""
    data = folder / f"lib-{passages}-{largest}"
    if (data / "library.json").exists():
        return data
    import random

    from sayso.corpus.library import Library

    sources = folder / f"src-{passages}-{largest}"
    write_corpus(sources, passages - largest, seed=seed)
    rng = random.Random(seed + 1)
    names = speaker_names(8, seed + 1)
    lines = ["The long hearing", "", "Transcript:", ""]
    for _ in range(largest):
        lines += [f"{rng.choice(names)}: {generate_turn(rng)}", ""]
    (sources / "zz-long-hearing.txt").write_text("\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    report = Library.open(data).import_paths([sources])
    print(
        f"built library: {len(report.documents)} documents, {report.passages:,} passages in {time.perf_counter() - started:.1f} s"
    )
    return data


# -- first paint in a real pseudo-terminal ------------------------------------------
MINIMAL_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("minimal-first-paint")

    Minimal().run()
    """
)


def time_to_marker(argv: list[str], marker: bytes, size: tuple[int, int] = (100, 30), timeout: float = 20.0) -> float:
    """Seconds from spawning `argv` in a pty until `marker` is written to the terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen = seen[-4096:] + chunk
            if marker in seen:
                elapsed = time.perf_counter() - started
                break
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        os.close(master)
    return elapsed


def first_paint(data: Path, runs: int) -> tuple[list[float], list[float]]:
    sayso = Path(sys.executable).parent / "sayso"
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(MINIMAL_APP)
        minimal = handle.name
    try:
        baseline = [time_to_marker([sys.executable, minimal], b"minimal-first-paint") for _ in range(runs)]
        app = [time_to_marker([str(sayso), "--data", str(data)], b"Documents") for _ in range(runs)]
    finally:
        os.unlink(minimal)
    return baseline, app


# -- in-process: open and search -----------------------------------------------------------
def type_key(app: object, char: str) -> None:
    """Post the key event a terminal would produce for `char`."""
    from textual import events

    app.post_message(events.Key("space" if char == " " else char, char))  # type: ignore[attr-defined]


async def until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")
        await asyncio.sleep(0.0002)


async def open_and_search(data: Path) -> dict[str, object]:
    from sayso.corpus.library import Library
    from sayso.tui.app import SaysoApp

    lib = Library.open(data)
    app = SaysoApp(lib)
    results: dict[str, object] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        largest = max(screen.documents, key=lambda d: d.passages)
        # Note each frame written to the (headless) terminal, to time "painted", not just "handled".
        frames: list[float] = []
        display = app._display

        def counting_display(*args: object) -> None:
            display(*args)  # type: ignore[arg-type]
            frames.append(time.perf_counter())

        app._display = counting_display  # type: ignore[method-assign]

        async def painted_after(moment: float, timeout: float = 5.0) -> float:
            deadline = time.perf_counter() + timeout
            while time.perf_counter() < deadline:
                if frames and frames[-1] >= moment:
                    return frames[-1]
                await asyncio.sleep(0.0002)
            return float("nan")

        started = time.perf_counter()
        screen.open_document(largest.id)
        await until(lambda: screen.reader.document is not None and screen.reader.document.id == largest.id)
        results["open_s"] = await painted_after(time.perf_counter()) - started
        results["largest"] = f"{largest.passages:,} turns, about {screen.reader.layout_.height:,} lines at this width"
        await pilot.pause()
        started = time.perf_counter()
        type_key(app, "G")
        await until(lambda: screen.reader.passage == len(screen.reader.passages) - 1)
        results["end_s"] = await painted_after(time.perf_counter()) - started
        await pilot.pause()

        await pilot.press("slash")
        search = screen.search_pane
        shown: list[float] = []
        show_hits = screen._show_hits

        def timed_show_hits(*args: object) -> None:
            show_hits(*args)  # type: ignore[arg-type]
            shown.append(time.perf_counter())

        screen._show_hits = timed_show_hits  # type: ignore[method-assign]

        latencies: list[float] = []
        for query in QUERIES:
            search.query_input.value = ""
            await pilot.pause()
            typed = ""
            for char in query:
                typed += char
                started = time.perf_counter()
                type_key(app, char)
                await until(lambda typed=typed: search.shown_query == typed)
                latencies.append(await painted_after(shown[-1]) - started)
                await asyncio.sleep(0.01)
        results["keystroke_ms"] = sorted(x * 1000 for x in latencies)

        # A burst: type a whole query without waiting (stale queries are dropped), time from the last key to its results.
        search.query_input.value = ""
        await pilot.pause()
        query = "regulation of open models"
        for char in query:
            type_key(app, char)
            await asyncio.sleep(0.004)
        started = time.perf_counter()
        await until(lambda: search.shown_query == query)
        results["burst_final_ms"] = (await painted_after(shown[-1]) - started) * 1000
        results["burst_searches"] = len([t for t in shown if t >= started - 0.2])
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--largest", type=int, default=25_000, help="turns in the largest document")
    parser.add_argument("--runs", type=int, default=5, help="first-paint runs of each app")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "sayso-bench-tui"))
    args = parser.parse_args()
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    data = build_library(workdir, args.passages, args.largest)

    baseline, app = first_paint(data, args.runs)
    print(
        f"first paint, minimal Textual app : median {statistics.median(baseline) * 1000:.0f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in baseline)})"
    )
    print(
        f"first paint, sayso {args.passages:,} passages: median {statistics.median(app) * 1000:.0f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in app)})"
    )

    results = asyncio.run(open_and_search(data))
    print(
        f"open largest document ({results['largest']}): {float(results['open_s']) * 1000:.0f} ms; jump to its end: {float(results['end_s']) * 1000:.0f} ms"
    )
    keys = results["keystroke_ms"]
    assert isinstance(keys, list)
    print(
        f"search keystroke to painted results: p50 {percentile(keys, 50):.1f} ms, p95 {percentile(keys, 95):.1f} ms, max {max(keys):.1f} ms over {len(keys)} keys"
    )
    print(
        f"burst of fast typing (25 keys, 4 ms apart), last key to its results painted: {float(results['burst_final_ms']):.1f} ms"
    )


if __name__ == "__main__":
    main()
