"""Tables inside a word processor's document (Word, RTF), as lines of the document's text.

A transcript laid out as a table is common in Word: a transcription service's "Time | Speaker | Text", an
interview's "Interviewer | Question" rows.  Each of its rows becomes a label and its words, which the text
reader then reads as it would a typed transcript.  Every other table (a vote, a rota, a list of who attended)
keeps each cell in its place, between bars as in a Markdown table's row, so that nothing in it reads as
someone speaking.
"""

from __future__ import annotations

import re
from collections import Counter

from sayso.corpus.importers.grammar import talks
from sayso.corpus.importers.names import Label
from sayso.corpus.importers.table import a_schedule, columns_of

#: A time in a table's first cell: "00:00:04", "12:31", "[1:02:03.5]".
_TIME = re.compile(r"\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?")

#: Longest a speaker's cell may be: a name, a role, perhaps both.
_WHO_CHARS = 60


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows (each its cells' text, a cell's paragraphs as lines) as lines of the document.

    A transcript is read two ways.  A header row naming a speaker and a text column (as a CSV's would:
    "Speaker | Text", "Zeit | Sprecher | Text") says which cell is which.  Without one, rows of two cells,
    or three with a time first, are read as "speaker: words" where someone speaks in two rows or more and the
    words talk (a rota's "Tom Becker | Set up the tent" is a task, however often he has one).
    """
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    if a_schedule([r[0] for r in rows if r], [r[-1] for r in rows if r]):
        return [_row(cells) for cells in rows]  # (a programme's times of day, an item every half hour: no one talks)
    said = _by_header(rows)
    if said is not None:
        return said
    if _tasks_header(rows[0]):
        return [_row(cells) for cells in rows]  # (an action list: "Owner | Action", its tasks saying "I'll ...")
    width, body, timed = len(rows[-1]), rows, False
    if width == 3:
        # (a header row of its own may lead, in words sayso does not know)
        lead = rows[1:] if len(rows) > 2 and not _TIME.fullmatch(rows[0][0]) else rows
        if all(len(r) == 3 and _TIME.fullmatch(r[0]) for r in lead):
            body, timed = lead, True
    who = [r[1 if timed else 0] for r in body]
    spoken = (
        (width == 2 or timed)
        and all(len(r) == width and all(r) for r in body)
        and all(_a_name_cell(w) for w in who)
        and max(Counter(who).values()) >= 2
        and talks([Label(w, r[-1], "plain") for w, r in zip(who, body, strict=True)])
    )
    turns = {id(r) for r in body} if spoken else set()
    lines = []
    for cells in rows:
        if id(cells) in turns:
            words = f"{cells[-2].rstrip(':： ')}: {cells[-1]}"
            lines.append(f"{cells[0]} {words}" if timed else words)
        else:
            lines.append(_row(cells))
    return lines


#: A header's words for a list of tasks, decisions or a schedule, in the languages minutes are kept in: its rows
#: are no one's words, however much its tasks say "I'll" ("Owner | Action", "Verantwortlich | Aufgabe").
_TASK_COLUMNS = {
    "owner", "action", "actions", "actionitem", "task", "tasks", "responsible", "responsibility", "assignee",
    "assignedto", "due", "duedate", "deadline", "status", "decision", "nextsteps", "todo", "lead", "by", "when",
    "verantwortlich", "aufgabe", "massnahme", "maßnahme", "termin", "frist", "zuständig", "responsable", "acción",
    "accion", "tarea", "plazo", "estado", "tâche", "echéance", "échéance", "statut", "responsabile", "azione",
    "compito", "scadenza", "stato", "eigenaar", "actie", "taak", "ansvarig", "åtgärd", "uppgift",
    "ansvarlig", "handling", "oppgave", "vastuuhenkilö", "tehtävä", "määräaika", "odpowiedzialny",
    "zadanie", "responsável", "ação", "tarefa", "prazo", "ответственный", "задача", "срок", "担当",
    "担当者", "期限", "タスク", "负责人", "任务", "截止日期", "담당자", "업무", "기한", "sorumlu", "görev",
}  # fmt: skip


def _tasks_header(cells: list[str]) -> bool:
    folded = [re.sub(r"[\s_\-()./:]+", "", c.casefold()) for c in cells if c.strip()]
    return len(folded) >= 2 and sum(1 for c in folded if c in _TASK_COLUMNS) >= max(1, len(folded) - 1)


def _row(cells: list[str]) -> str:
    """A row that is no turn, its cells between bars as a Markdown table's row: "| For | | Against |" (a row
    without its outer bars, "Tom Becker | Set up the tent", would read as a label and its words)."""
    return "| " + " | ".join(" ".join(c.split()) for c in cells) + " |"


def _a_name_cell(cell: str) -> bool:
    return "\n" not in cell and len(cell) <= _WHO_CHARS


def _by_header(rows: list[list[str]]) -> list[str] | None:
    """The lines of a table whose first row names its speaker and text columns (its rows as cells where they are
    no one talking); None for any other table.

    A row without a speaker goes on the turn before it (a cell merged down, or a speaker's second row left
    blank); one whose speaker's cell is no name, or that is too short for its columns, keeps its cells."""
    found = columns_of(rows[0]) if len(rows) > 2 else None
    if found is None:
        return None
    speaker, text, start = found["speaker"], found["text"], found.get("start")
    body = rows[1:]
    said = [r for r in body if len(r) > max(speaker, text) and r[speaker] and r[text]]
    if len(said) < 0.6 * len(body):
        return None
    if max(Counter(r[speaker] for r in said).values()) < 2 or not talks(
        [Label(r[speaker], r[text], "plain") for r in said]
    ):
        # (a programme's "Time | Speaker | Content": titles of talks, no one talking; its rows stay cells, whatever
        # a reading without its header would make of them)
        return [_row(cells) for cells in rows]
    lines = []
    for cells in body:
        if len(cells) <= max(speaker, text) or not _a_name_cell(cells[speaker]):
            lines.append(_row(cells))
            continue
        who, words = cells[speaker].rstrip(":： "), cells[text]
        if not words:
            continue
        time = cells[start] if start is not None and start < len(cells) and _TIME.fullmatch(cells[start]) else ""
        line = f"{who}: {words}" if who else words
        lines.append(f"{time} {line}" if time and who else line)
    return lines
