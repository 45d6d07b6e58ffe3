"""The `sayso` command: no arguments opens the app; subcommands script everything else.

Each command group lives in its own module with a `register(subparsers)`
function; commands are thin layers over `corpus.Library`.  Errors a user can
cause print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sayso.config import CONFIG_ENV, SERVER_ENV, Config, chosen_server, load_config, remembered
from sayso.corpus.errors import (
    Ambiguous,
    ArchiveNotReady,
    DamagedFile,
    NotFound,
    NotReplaced,
    SaysoError,
    UnusableFile,
)
from sayso.corpus.library import Library, archive_folder, default_data_dir
from sayso.corpus.safety import safe_json, visible
from sayso.corpus.store import DEFAULT_LOCK_TIMEOUT
from sayso.diagnostics import LOG_ENV, start_logging
from sayso.memory import keep_large_blocks_mapped, reuse_blocks_for_reading

#: Modules under sayso.cli that add subcommands, in the order `sayso --help` lists them.
#: Which module registers each command: a command line naming one loads only that module (`build_parser`),
#: so `sayso docs` does not load the statistics' numpy or the exports.  tests/test_cli.py keeps it whole.
COMMANDS = {
    **dict.fromkeys(
        ("import", "docs", "show", "speakers", "speaker", "doc", "rm", "where", "restore", "demo"), "library_cmds"
    ),
    "search": "search_cmd",
    "stats": "stats_cmd",
    "quote": "quote_cmds",
    "quotes": "quote_cmds",
    "export": "export_cmd",
    "config": "config_cmd",
    "completion": "completion_cmd",
    "serve": "serve_cmd",
    "server": "server_cmd",
}
#: The command modules, in the order their commands are listed in `sayso --help`.
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))

Handler = Callable[[argparse.Namespace, Library], int | None]


class CliParser(argparse.ArgumentParser):
    """argparse whose usage errors are one line, and whose free-text values may begin with "-".

    argparse reads `--note -2+3` as an option without its value.  Here an option that takes a
    value always takes the next argument (as getopt does); with `free_words=True` (search) any
    argument that is not one of the command's options is a word of the query, so `-word` works.
    """

    def __init__(self, *args: Any, free_words: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.free_words = free_words
        #: The subcommands' parsers by name (the top-level parser only).
        self.commands: Mapping[str, argparse.ArgumentParser] = {}

    def error(self, message: str) -> NoReturn:
        message = hide_passwords(message)  # (`unrecognized arguments: postgresql://ana:secret@...`)
        self.exit(2, f"sayso: error: {visible(message, keep_newlines=False)} (see `{self.prog} --help`)\n")

    # typeshed overloads parse_known_args by namespace type; this override accepts both forms.
    def parse_known_args(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        if args is None:
            args = sys.argv[1:]
        return super().parse_known_args(self._values_attached(list(args)), namespace)

    def _values_attached(self, args: list[str]) -> list[str]:
        """`--note -2+3` as `--note=-2+3`; for `free_words`, the options first and the words after `--`."""
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                (words if self.free_words else options).extend(args[i + (1 if self.free_words else 0) :])
                break
            action = self._option_string_actions.get(arg.split("=", 1)[0] if arg.startswith("--") else arg)
            if action is None:
                # (a misspelt "--option" stays an option, so that it is reported)
                (words if self.free_words and not arg.startswith("--") else options).append(arg)
            elif action.nargs is None and "=" not in arg and i + 1 < len(args):
                i += 1  # the value, whatever it begins with
                options.append(f"{arg}={args[i]}" if arg.startswith("--") else arg + args[i])
            else:
                options.append(arg)
            i += 1
        return options + (["--", *words] if words else [])


def hide_passwords(text: str) -> str:
    """`text` with the password of any connection string in it replaced by ***."""
    if "://" not in text and "password" not in text.lower():
        return text
    from sayso.corpus.server.pg import redact

    return " ".join(redact(word) for word in text.split(" "))


def add_common(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """Options every command takes: the data folder, the shared archive, JSON output and the config file.

    Subcommands add them with `suppress=True` so that `sayso --data D docs` and
    `sayso docs --data D` both work without one overriding the other.
    """
    parser.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS if suppress else None,
        help="data folder (default: $SAYSO_DATA or the user data folder; `sayso where` prints it)",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        default=argparse.SUPPRESS if suppress else None,
        help=f"work on the shared archive at this PostgreSQL URL (default: ${SERVER_ENV} or the config's `server`; "
        '"" or --local: the local library); keep its password in ~/.pgpass, not here',
    )
    parser.add_argument(
        "--local",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=f"work on the local library even if ${SERVER_ENV} or the config names a shared archive",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="print JSON instead of text",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS if suppress else None,
        help=f"config file (default: ${CONFIG_ENV} or config.toml in the user config folder; `sayso config path`)",
    )


def common_options() -> argparse.ArgumentParser:
    """A parent parser carrying --data and --json, for `add_parser(..., parents=[common_options()])`."""
    parent = argparse.ArgumentParser(add_help=False)
    add_common(parent, suppress=True)
    return parent


def emit(args: argparse.Namespace, data: Any, text: str | Callable[[], str]) -> None:
    """Print `data` as JSON with --json, otherwise the readable `text` (controls made visible)."""
    if getattr(args, "json", False):
        print(safe_json(data, indent=2))
    else:
        out = text() if callable(text) else text
        if out:
            print(visible(out))


#: The listing that shows what a NotFound error could not find, by NotFound.what.
_LISTINGS = {"document": "docs", "speaker": "speakers", "quote": "quotes"}


def advice(exc: SaysoError) -> str:
    """What to run next, from the error's fields: the library's errors name no command, the CLI adds them."""
    if isinstance(exc, NotReplaced):
        return " (choose another file, or replace it with `sayso export --force`)"
    if isinstance(exc, ArchiveNotReady):
        return f" (`sayso server {exc.needs} URL`)"
    if isinstance(exc, UnusableFile):
        return " (choose another -o file)"
    if isinstance(exc, Ambiguous) and exc.narrow_by == "place":
        return " — pick one with --occurrence N, or add --prefix/--suffix with the words just before/after it"
    if isinstance(exc, Ambiguous) and exc.narrow_by == "document":
        return "; add --doc DOC"
    if isinstance(exc, NotFound) and exc.what in _LISTINGS:
        return f" (see `sayso {_LISTINGS[exc.what]}`)"
    if isinstance(exc, DamagedFile) and exc.path and Path(exc.path).stem in ("library", "quotes"):
        stem = Path(exc.path).stem
        if exc.recovery == "backup":
            return f" (restore it with `sayso restore {stem}`)"
        if exc.recovery == "empty":
            return f" (start empty with `sayso restore {stem} --empty`)"
    return ""


def print_error(message: str) -> None:
    """One line on stderr, `sayso: error: ...`, with any control character made visible."""
    print(f"sayso: error: {visible(hide_passwords(str(message)), keep_newlines=False)}", file=sys.stderr)


def print_warning(message: str) -> None:
    """One line on stderr, `sayso: warning: ...`, with any control character made visible."""
    print(f"sayso: warning: {visible(hide_passwords(str(message)), keep_newlines=False)}", file=sys.stderr)


def report_problems(library: Library | None) -> None:
    """Warn, one line each, about what went wrong without failing the command (an index not saved)
    and about quote rows the command could not read (left out or set aside)."""
    if library is None:
        return
    for line in [*library.problems(), *library.quotes.problems()]:
        print_warning(line)


def installed_version() -> str:
    """The installed distribution's version (the source tree's when run from a checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sayso")
    except PackageNotFoundError:
        from sayso import __version__

        return __version__


def positive_int(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


#: Two or three examples for each command's --help (those with subcommands: for each of them).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "sayso": ("sayso", "sayso demo", "sayso --data ~/hearings search senator housing"),
    "import": (
        "sayso import ~/transcripts",
        "sayso import hearing.txt --labels '{speaker}: {text}'",
        "sayso import old.txt --encoding cp1252",
    ),
    "docs": ("sayso docs", "sayso docs --json | jq '.[].title'"),
    "show": ("sayso show davos", "sayso show davos --dropped", "sayso show 3f2a --json"),
    "speakers": ("sayso speakers", "sayso speakers --json"),
    "speaker": ('sayso speaker edit "Speaker 1" --name "Bryan Cantrill"', "sayso speaker edit lecun --alias Yann"),
    "doc": ('sayso doc edit davos --date 2024-01-18 --publisher "World Economic Forum"',),
    "rm": ("sayso rm davos",),
    "where": ("sayso where", "sayso where --json"),
    "restore": ("sayso restore quotes --list", "sayso restore library"),
    "demo": ("sayso demo", "sayso demo --no-app"),
    "search": (
        "sayso search open wieghts",
        'sayso search "exact words" speaker:lecun',
        "sayso search housing --json --limit 50",
    ),
    "stats": ("sayso stats", "sayso stats davos", 'sayso stats --speaker "Kai-Fu Lee" --json'),
    "quote": ('sayso quote add davos --exact "open source" --note "his main claim"', "sayso quote rm 3f2a"),
    "quotes": ("sayso quotes", "sayso quotes --tag housing", "sayso quotes --verify"),
    "export": (
        "sayso export -o quotes.md",
        "sayso export --format csl-json -o refs.json",
        "sayso export --style chicago",
    ),
    "config": ("sayso config path", "sayso config show", "sayso config example"),
    "server": (
        "sayso server init postgresql://admin@db.example.org/newsroom",
        "sayso --server postgresql://admin@db.example.org/newsroom server grant ana --role editor",
        "sayso server status postgresql://ana@db.example.org/newsroom",
    ),
    "serve": ("sayso serve", "sayso serve --port 8080", "sayso --data ~/hearings serve --host 0.0.0.0"),
    "completion": (
        "sayso completion bash > ~/.local/share/bash-completion/completions/sayso",
        "sayso completion zsh > ~/.zfunc/_sayso",
        "sayso completion fish > ~/.config/fish/completions/sayso.fish",
    ),
}
#: What every command reads from the environment (--help ends with it).
ENVIRONMENT = (
    "environment: SAYSO_DATA (the data folder), SAYSO_CONFIG (the config file), "
    f"{SERVER_ENV} (a shared archive's PostgreSQL URL; libpq's PGPASSFILE, PGSSLMODE... apply), "
    "SAYSO_LOCK_TIMEOUT (seconds to wait for another sayso writing), SAYSO_LOG (a debug log file)"
)


def _with_examples(parser: argparse.ArgumentParser, name: str) -> None:
    """End `parser`'s --help with its examples and the environment variables sayso reads."""
    examples = EXAMPLES.get(name, ())
    lines = ["examples:", *(f"  {e}" for e in examples)] if examples else []
    parser.epilog = "\n".join([*lines, "", ENVIRONMENT] if lines else [ENVIRONMENT])
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


class VersionAction(argparse.Action):
    """`--version`, looking the installed version up only when asked (importlib.metadata takes ~10 ms to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"sayso {installed_version()}")
        parser.exit()


def command_named(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The command `argv` names (its first argument that is not one of `parser`'s options or their values);
    None when it names none, or when an argument is not one of those options exactly (an abbreviation, a
    misspelling: the full parser reads and reports it)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("-") or arg == "-":
            return arg
        action = parser._option_string_actions.get(arg.split("=", 1)[0] if arg.startswith("--") else arg)
        if action is None or arg == "--":
            return None
        if action.nargs is None and "=" not in arg:
            i += 1  # its value (CliParser: whatever it begins with)
        i += 1
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """sayso's argument parser; given the command line `argv`, with only the commands it may need: the one it
    names (every command when it names none, or one sayso lacks, so that help and errors list them all)."""
    parser = CliParser(
        prog="sayso",
        description="A keyboard-driven terminal reader for transcripts. With no command, opens the app.",
    )
    add_common(parser)
    parser.add_argument("--version", action=VersionAction, help="show the version and exit")
    parser.add_argument("--theme", metavar="NAME", help="the app's theme: sayso-dark, sayso-light or any Textual theme")
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"log errors with their tracebacks to sayso.log in the user log folder (or ${LOG_ENV}=FILE)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)
    parser.commands = sub.choices
    named = command_named(parser, argv) if argv is not None else None
    modules = [COMMANDS[named]] if named in COMMANDS else COMMAND_MODULES
    for name in modules:
        try:
            module = importlib.import_module(f"sayso.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"sayso.cli.{name}":
                raise
            continue
        module.register(sub)
    _with_examples(parser, "sayso")
    for name, command in sub.choices.items():
        _with_examples(command, name)
        for action in command._actions:  # sub-subcommands (quote add, speaker edit...) get their parent's
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    _with_examples(child, name)
    return parser


def server_of(args: argparse.Namespace) -> str | None:
    """The shared archive this command works on (--server, $SAYSO_SERVER, the config's `server`), or None.

    A URL that cannot even be read (`postgresql://host:port-that-is-no-number/db`) is a one-line SaysoError.
    """
    config: Config | None = getattr(args, "loaded_config", None)
    url = chosen_server(getattr(args, "server", None), config, local=bool(getattr(args, "local", False)))
    return readable_url(url) if url else None


def readable_url(url: str) -> str:
    """`url`, if its parts can be read (a port that is a number...); else a one-line SaysoError."""
    from sayso.corpus.server.pg import describe, redact

    try:
        describe(url)
    except ValueError as exc:
        raise SaysoError(f"cannot read the archive's address {redact(url)}: {exc}") from None
    return url


def archive_dir(data_dir: Path, url: str) -> Path:
    """This member's own folder for the archive at `url` (drafts) inside the data folder: named by a hash of
    the archive's address, never by the URL (which may hold a password)."""
    return data_dir / "archives" / archive_folder(url)


def _open_library(args: argparse.Namespace) -> Library:
    """The library in --data (or $SAYSO_DATA, or the default folder), or the shared archive `args.server_url`.

    Commands that must work on a damaged library (`where`, `restore`) set
    `open_library=False` and get an unopened local Library: same paths, nothing read (no connection made).
    On an archive the data folder holds this member's own folder for it (drafts), `archives/` inside it.
    """
    config: Config | None = getattr(args, "loaded_config", None)
    if args.data:
        data_dir = Path(args.data).expanduser()
    elif not os.environ.get("SAYSO_DATA") and config is not None and config.data:
        data_dir = Path(config.data).expanduser()
    else:
        data_dir = default_data_dir()
    try:
        lock_timeout = float(os.environ.get("SAYSO_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        lock_timeout = DEFAULT_LOCK_TIMEOUT
    if not getattr(args, "open_library", True):
        return Library(data_dir, lock_timeout=lock_timeout)
    url = getattr(args, "server_url", None)
    if url:
        library = Library.connect(url, archive_dir(data_dir, url), lock_timeout=lock_timeout)
    else:
        library = Library.open(data_dir, lock_timeout=lock_timeout)
    if not getattr(args, "json", False) and getattr(args, "handler", None) is not None:
        from sayso.cli.library_cmds import ImportProgress

        # A search index rebuilt (missing, damaged, of an older sayso) shows its progress like an import.
        library.index_progress = ImportProgress(
            quiet=bool(getattr(args, "quiet", False)), verb="indexing", unit="documents"
        )
    return library


def app_options(args: argparse.Namespace) -> dict[str, Any]:
    """The app's theme (--theme, else the one last chosen in the app, else the config's) and key remaps."""
    config: Config | None = getattr(args, "loaded_config", None)
    theme = getattr(args, "theme", None) or remembered("theme") or (config.theme if config else None)
    return {
        "theme": theme,
        "keys": dict(config.keys) if config else {},
        "remember_theme": True,
        "log_file": getattr(args, "log_file", None),
        "export_style": config.style if config else None,
        "export_locale": config.locale if config else None,
        "export_cite": config.cite if config else None,
    }


def run_app(library: Library, **options: Any) -> int:
    """Open the Textual app, refusing politely where there is no usable terminal.

    Under `sayso serve` (textual-serve chooses Textual's web driver) there is no terminal, and none is needed.
    """
    served = os.environ.get("TEXTUAL_DRIVER", "").endswith(":WebDriver")
    if not served and (not sys.stdout.isatty() or not sys.stdin.isatty()):
        print(
            "sayso: error: the app needs a terminal; use a subcommand (see `sayso --help`) to script it",
            file=sys.stderr,
        )
        return 2
    if not served and os.environ.get("TERM", "") in ("dumb", ""):
        print(
            "sayso: error: TERM is 'dumb' or unset; the app needs a terminal with cursor control (try TERM=xterm-256color)",
            file=sys.stderr,
        )
        return 2
    from sayso.tui.app import SaysoApp

    app = SaysoApp(library, **options)
    app.run()
    return app.return_code or 0


#: commands whose memory is set for searching, as the app's is; the others' for importing (sayso.memory)
READING_COMMANDS = frozenset({"search", "demo"})


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sayso` console script."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args, extras = parser.parse_known_args(argv)
    if getattr(args, "handler", None) is None or getattr(args, "command", None) in READING_COMMANDS:
        reuse_blocks_for_reading()  # the app and search: each keystroke's working arrays (sayso.memory)
    else:
        keep_large_blocks_mapped()
    if extras:
        # Say it where it was typed: `sayso docs --bogus` points at `sayso docs --help`.
        command = str(getattr(args, "command", None) or "")
        commands = parser.commands if isinstance(parser, CliParser) else {}
        commands.get(command, parser).error(f"unrecognized arguments: {' '.join(extras)}")
    library: Library | None = None
    config = args.loaded_config = load_config(args.config)
    quiet_driver_logs()
    try:
        args.log_file = start_logging(bool(getattr(args, "debug", False)))
    except OSError as exc:
        args.log_file = None
        print(f"sayso: warning: no debug log: {visible(str(exc))}", file=sys.stderr)
    for line in config.problems:  # one line each; sayso goes on with the defaults
        print(f"sayso: warning: {visible(line)}", file=sys.stderr)
    try:
        args.server_url = server_of(args)
        local_only = getattr(args, "local_only", None)
        if args.server_url and local_only:
            raise SaysoError(f"{local_only} (add --local for the local library)")
        library = _open_library(args)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            return run_app(library, **app_options(args))
        code = handler(args, library) or 0
        report_problems(library)
        return code
    except SaysoError as exc:
        logging.getLogger("sayso.cli").info("error shown as one line", exc_info=True)
        report_problems(library)
        print_error(str(exc) + advice(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`sayso docs | head`): not an error.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return 0
    except OSError as exc:
        # A file or folder the user named that the OS refused: one line, no traceback.
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print_error(f"{where}{exc.strerror or exc}")
        return 1
    finally:
        if library is not None:
            library.close()


def quiet_driver_logs() -> None:
    """Keep the PostgreSQL driver's own log lines (a pool retrying a lost server) off stderr and out of any log:
    a failure reaches the user as sayso's one line, and a connection string is never written anywhere."""
    driver = logging.getLogger("psycopg")
    driver.addHandler(logging.NullHandler())
    driver.propagate = False


if __name__ == "__main__":
    sys.exit(main())
