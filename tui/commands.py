"""Command palette (ctrl+p): every action, every document and every speaker, by fuzzy name.

Document titles and speaker names are untrusted, so hits are built as plain
`Text` and highlighted by offsets; `Matcher.highlight` would parse markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.markup import escape

from sayso.corpus.safety import visible

if TYPE_CHECKING:
    from sayso.tui.screens.main import MainScreen

Command = tuple[str, Callable[[], Any], str]


def highlight(matcher: Matcher, candidate: str) -> Text:
    """`candidate` as plain text with the fuzzy-matched letters styled (never markup)."""
    text = Text(candidate, end="")
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    style = matcher.match_style.rich_style
    if score:
        for offset in offsets:
            if offset < len(candidate) and not candidate[offset].isspace():
                text.stylize(style, offset, offset + 1)
    return text


class SaysoCommands(Provider):
    """Actions of the main screen, then documents to open and speakers to focus on."""

    def _main(self) -> MainScreen | None:
        """The main screen, under any dialogs."""
        from sayso.tui.screens.main import MainScreen

        return next((s for s in reversed(self.app.screen_stack) if isinstance(s, MainScreen)), None)

    def _run(self, action: str) -> None:
        main = self._main()
        if main is not None:
            self.app.call_later(main.run_action, action)

    def actions(self) -> list[Command]:
        """The fixed actions, as (name, callback, help)."""
        run = self._run
        return [
            ("Search all documents", partial(run, "search"), "Focus the query box (/)"),
            (
                "Search by meaning",
                partial(run, "search_by_meaning"),
                "Blend in passages close in meaning to the query (ctrl+g in the search pane)",
            ),
            (
                "More like this",
                partial(run, "more_like_this"),
                "Passages closest in meaning to the reader's turn, the highlighted hit or quote, by anyone (L)",
            ),
            ("Show documents", partial(run, "show_pane('documents')"), "The documents pane (1)"),
            ("Show speakers", partial(run, "show_pane('speakers')"), "The speakers pane (2)"),
            ("Show search results", partial(run, "show_pane('search')"), "The search pane (3)"),
            ("Show reader", partial(run, "show_pane('reader')"), "The open document (4)"),
            ("Import files…", partial(run, "import"), "Add transcripts from a path (i)"),
            ("Export quotes…", partial(run, "export"), "Format, filter, destination, preview (e)"),
            (
                "Edit citation…",
                partial(run, "edit_citation"),
                "Title, kind, date, URL, publisher, host of the open or highlighted document (c in Documents)",
            ),
            ("Show quotes", partial(run, "show_pane('quotes')"), "Every quote: filter, jump, edit, delete (5)"),
            (
                "Filter quotes by person…",
                partial(run, "filter_by_person"),
                "Everyone's, mine, or one person's quotes (b in the Quotes pane; by: in its filter)",
            ),
            ("Undo quote action", partial(run, "undo_quote"), "Take back the latest quote change (u)"),
            ("Redo quote action", partial(run, "redo_quote"), "Do the undone quote change again (ctrl+r)"),
            ("Reopen unsaved notes", partial(run, "restore_drafts"), "Notes left open by a hangup (R)"),
            ("Statistics", partial(run, "stats"), "Who spoke how much: a talk-share chart and figures (S)"),
            ("Timeline: a tenth on", partial(run, "timeline_jump(1)"), "Jump along the open document's timeline (})"),
            ("Timeline: a tenth back", partial(run, "timeline_jump(-1)"), "Jump back along the timeline ({)"),
            ("Review quotes needing review", partial(run, "review_quotes"), "Quotes pane filtered to is:review"),
            (
                "Re-attach quote to suggestion",
                partial(run, "review_settle('accept')"),
                "The highlighted quote needing review (r)",
            ),
            (
                "Keep quote detached",
                partial(run, "review_settle('detach')"),
                "The highlighted quote needing review (D)",
            ),
            ("Clear speaker lens", partial(run, "clear_lens"), "Show every speaker again (x)"),
            ("Jump back", partial(run, "jump_back"), "Where the reader was before (ctrl+o)"),
            ("Jump forward", partial(run, "jump_forward"), "Undo a jump back (ctrl+n)"),
            ("Next search hit", partial(run, "next_hit(1)"), "Open the next result (n)"),
            ("Previous search hit", partial(run, "next_hit(-1)"), "Open the previous result (N)"),
            (
                "Toggle light/dark theme",
                partial(self.app.call_later, self.app.run_action, "toggle_theme"),
                "sayso-light ↔ sayso-dark (ctrl+t)",
            ),
            ("Theme: sayso-dark", partial(setattr, self.app, "theme", "sayso-dark"), "Dark theme"),
            ("Theme: sayso-light", partial(setattr, self.app, "theme", "sayso-light"), "Light theme"),
            ("Help: keys", partial(self.app.call_later, self.app.run_action, "help"), "Keys of the focused pane (?)"),
        ]

    def library_commands(self) -> list[Command]:
        """Open each document; focus on each speaker."""
        main = self._main()
        if main is None:
            return []
        commands: list[Command] = []
        for doc in main.documents:
            commands.append(
                (
                    f"Open document: {visible(doc.title, keep_newlines=False)}",
                    partial(main.open_document, doc.id),
                    doc.kind,
                )
            )
            commands.append(
                (
                    f"Edit citation: {visible(doc.title, keep_newlines=False)}",
                    partial(main.open_citation_dialog, doc.id),
                    doc.kind,
                )
            )
        for speaker in main.speakers:
            commands.append(
                (
                    f"Speaker lens: {visible(speaker.name, keep_newlines=False)}",
                    partial(main.set_lens, speaker.name),
                    f"{speaker.passages} passages",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self.actions():
            yield DiscoveryHit(Text(name, end=""), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in [*self.actions(), *self.library_commands()]:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, name),
                    callback,
                    text=name,
                    help=escape(visible(help_text, keep_newlines=False)),
                )
