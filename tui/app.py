"""The sayso Textual app: stylesheets, themes, global keys and the command palette.

Everything a user sees lives in `tui.screens.main.MainScreen`; this module only
sets the stage.  The first frame is painted before the library is read: the
screen loads documents, speakers and the search index in a worker.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual.app import App, CSSPathType
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.widget import Widget

from sayso.config import remember
from sayso.corpus.library import Library
from sayso.corpus.safety import visible
from sayso.tui.commands import SaysoCommands
from sayso.tui.themes import THEMES

LOG = logging.getLogger(__name__)


def stylesheet_paths() -> list[str | PurePath]:
    """The app's .tcss files, found beside the `styles` package (works from a wheel too)."""
    folder = files("sayso.styles")
    return [Path(str(folder.joinpath(name))) for name in ("sayso.tcss", "reader.tcss", "dialogs.tcss", "quotes.tcss")]


#: Colours for the sayso variables when a built-in Textual theme is chosen instead of ours.
_VARIABLE_FALLBACKS = {
    "speaker-0": "primary",
    "speaker-1": "accent",
    "speaker-2": "success",
    "speaker-3": "secondary",
    "speaker-4": "warning",
    "speaker-5": "error",
    "sentence-background": "surface-lighten-2",
    "muted-foreground": "foreground-darken-2",
    "dim-foreground": "panel-lighten-3",
    "hit-background": "warning-muted",
    "quote-background": "success-muted",
}


#: Notifications remembered in `SaysoApp.notices` (the oldest are forgotten first).
NOTICES_KEPT = 500


@dataclass(frozen=True)
class Notice:
    """A notification the app showed, as shown (control characters already made visible)."""

    message: str
    title: str
    severity: SeverityLevel


def known_binding_ids() -> set[str]:
    """The ids of every key binding of sayso's app, screens and widgets (what [keys] may remap)."""
    import sayso.tui.screens.citation_dialog
    import sayso.tui.screens.draft_dialog
    import sayso.tui.screens.export_dialog
    import sayso.tui.screens.help
    import sayso.tui.screens.import_dialog
    import sayso.tui.screens.main
    import sayso.tui.screens.note_editor
    import sayso.tui.screens.style_picker  # noqa: F401

    found: set[str] = set()
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("sayso.tui"):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id:
                    found.add(binding.id)
    return found


class SaysoApp(App[None]):
    """A keyboard-driven reader for transcripts; `SaysoApp(library).run()`."""

    TITLE = "sayso"
    CSS_PATH: ClassVar[CSSPathType | None] = stylesheet_paths()
    COMMANDS = App.COMMANDS | {SaysoCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, id="app.toggle_theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        Binding("q", "quit", "Quit", show=False, id="app.quit_q"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        theme: str | None = None,
        keys: dict[str, str] | None = None,
        remember_theme: bool = False,
        log_file: Path | None = None,
        export_style: str | None = None,
        export_locale: str | None = None,
        export_cite: str | None = None,
        **kwargs: Any,
    ) -> None:
        """`library` is the open corpus; `theme` one of sayso-dark, sayso-light or a Textual theme; `keys`
        remaps key bindings by id (the config file's [keys]); with `remember_theme` a theme chosen in the
        app is remembered for the next session."""
        super().__init__(**kwargs)
        self.library = library
        #: Every notification shown, newest last: what tests read instead of Textual's live toasts.
        self.notices: deque[Notice] = deque(maxlen=NOTICES_KEPT)
        for sayso_theme in THEMES:
            self.register_theme(sayso_theme)
        #: problems with the theme or keys asked for, told once the screen is up
        self._setup_problems: list[str] = []
        #: where errors shown as one line keep their tracebacks (--debug, SAYSO_LOG), told at start
        self.log_file = log_file
        if theme and theme not in self.available_themes:
            self._setup_problems.append(f"no theme {theme!r}; using sayso-dark (themes: ctrl+p, 'theme')")
            theme = None
        self.theme = theme or "sayso-dark"
        self._remember_theme = remember_theme
        #: the config's default citation style, locale and Markdown citation form, and whether choices
        #: (theme, last export) are remembered
        self.export_style = export_style
        self.export_locale = export_locale
        self.export_cite = export_cite
        self.remember_choices = remember_theme
        if keys:
            known = known_binding_ids()
            unknown = sorted(k for k in keys if k not in known)
            if unknown:
                self._setup_problems.append(
                    f"config [keys]: no binding {', '.join(repr(k) for k in unknown)}; those keys are unchanged"
                )
            self.set_keymap({k: v for k, v in keys.items() if k in known})
        #: the open notes could not be kept as drafts and the user was told: the next quit leaves anyway
        self._quit_without_drafts = False
        #: screens on the stack when it last changed (see `_screen_changed`)
        self._screen_depth = 0

    def get_theme_variable_defaults(self) -> dict[str, str]:
        defaults = dict(super().get_theme_variable_defaults())
        generated = self.current_theme.to_color_system().generate()
        for name, source in _VARIABLE_FALLBACKS.items():
            defaults.setdefault(name, generated[source])
        return defaults

    def on_mount(self) -> None:
        from sayso.tui.drafts import install_signal_handlers
        from sayso.tui.screens.main import MainScreen

        # A hangup (closed SSH session) or SIGTERM saves the note being typed as a draft first.
        install_signal_handlers(self)
        self.push_screen(MainScreen(self.library))
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
        self._screen_depth = len(self.screen_stack)
        self.screen_change_signal.subscribe(self, self._screen_changed)
        for line in self._setup_problems:
            self.notify(line, severity="warning", timeout=10)
        if self.log_file is not None:
            self.notify(f"Debug log: {self.log_file}", timeout=6)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text with its control characters made visible, whoever sends it.

        Messages carry file names, titles and errors from outside; `markup` is accepted for Textual's
        signature and ignored, so a `[link=…]` or `[@click=…]` in them is shown, never obeyed.
        """
        notice = Notice(visible(message), visible(title, keep_newlines=False), severity)
        self.notices.append(notice)
        super().notify(notice.message, title=notice.title, severity=severity, timeout=timeout, markup=False)

    def exit(self, result: None = None, return_code: int = 0, message: Any | None = None) -> None:
        """Every way out (ctrl+q, q, the palette's quit, a hangup) first keeps an open note editor's text as a draft.

        When the draft cannot be written (disk full, library busy) the app stays open and says so: the
        note is still on screen to copy, and quitting again leaves without it.
        """
        from sayso.tui.drafts import save_open_drafts

        if not self._quit_without_drafts:
            try:
                save_open_drafts(self, changed_only=True)
            except Exception as exc:
                LOG.exception("shown to the user as one line")
                self._quit_without_drafts = True
                self.notify(
                    f"The open note could not be kept as a draft ({exc}); copy it, or quit again to leave without it",
                    title="Not quitting",
                    severity="error",
                )
                return
        super().exit(result, return_code, message)

    def _screen_changed(self, screen: Any) -> None:
        """A dialog opening takes away the notices about what came before it ("Quote saved"), when they are all
        only information: at 80x24 a dialog fills the screen, and they covered its title and fields.  A
        warning or an error stays until it times out; what the dialog itself reports shows as usual."""
        from textual.screen import ModalScreen

        depth, self._screen_depth = self._screen_depth, len(self.screen_stack)
        if not isinstance(screen, ModalScreen) or len(self.screen_stack) <= depth:
            return  # (not a dialog opening: one closing reveals the screen under it)
        showing = list(self._notifications)
        if showing and all(n.severity == "information" for n in showing):
            self.clear_notifications()

    # -- global actions ------------------------------------------------------------
    def action_help(self) -> None:
        """Open help listing the keys of the focused pane, taken from the live bindings."""
        from sayso.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        focused: Widget | None = self.focused
        self.push_screen(HelpScreen(self.screen.active_bindings, focused))

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark sayso theme."""
        self.theme = "sayso-light" if self.current_theme.dark else "sayso-dark"

    def _theme_chosen(self, theme: Any) -> None:
        """Remember the theme chosen in the app (ctrl+t or the palette) for the next session."""
        if self._remember_theme:
            remember("theme", self.theme)
