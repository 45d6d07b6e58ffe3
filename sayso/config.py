"""The user's config file (TOML) and the little sayso remembers between sessions.

    # ~/.config/sayso/config.toml (`sayso config path` prints where; --config FILE or SAYSO_CONFIG choose another)
    data = "~/research/transcripts"     # the data folder (--data and SAYSO_DATA win)
    theme = "sayso-light"                # sayso-dark, sayso-light or any Textual theme (--theme wins)
    server = "postgresql://ana@db.example.org/newsroom"  # a shared archive (team mode; --server, then
                                         # SAYSO_SERVER win; --local ignores it); its password goes in ~/.pgpass

    [export]
    style = "chicago"                    # the default citation style: any CSL style id or .csl file (--style wins)
    locale = "en-GB"                     # the citations' locale (--locale wins; default: the style's own)
    cite = "pandoc"                      # how Markdown cites a quote: text or pandoc (--cite wins)

    [keys]                               # any key binding, by its id (`?` in the app lists them)
    "main.export" = "x"
    "search.open" = "enter,o"

A file that cannot be read or has a wrong value never stops sayso: each
problem is one line naming the file, the line and the key, and the defaults
are used for what it got wrong.  `server` is only ever shown without its
password (`to_json`).  The theme chosen in the app (ctrl+t or the
palette) is remembered in a small state file, not written into the config.
Both front ends read this module; it imports neither.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

#: Environment variable naming the config file.
CONFIG_ENV = "SAYSO_CONFIG"
#: Environment variable naming a shared archive (team mode): a PostgreSQL connection string.
SERVER_ENV = "SAYSO_SERVER"
_TOP = {"data", "theme", "server", "export", "keys"}
_EXPORT = {"style", "locale", "cite"}


@dataclass
class Config:
    """What the config file says (None: not set there), and each problem found in it."""

    path: Path
    exists: bool = False
    data: str | None = None
    theme: str | None = None
    #: the shared archive's connection string (team mode), as written: show it only through `shown_server`
    server: str | None = None
    style: str | None = None
    locale: str | None = None
    cite: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "exists": self.exists,
            "data": self.data,
            "theme": self.theme,
            "server": self.shown_server(),
            "export": {"style": self.style, "locale": self.locale, "cite": self.cite},
            "keys": dict(self.keys),
            "problems": list(self.problems),
        }

    def shown_server(self) -> str | None:
        """`server` fit to show: any password in it replaced by ***."""
        if self.server is None:
            return None
        from sayso.corpus.server.pg import redact

        return redact(self.server)


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--config FILE, else $SAYSO_CONFIG, else config.toml in the user's config folder."""
    chosen = explicit or os.environ.get(CONFIG_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_config_path("sayso") / "config.toml"


def chosen_server(option: str | None, config: Config | None, *, local: bool = False) -> str | None:
    """The archive to work on: `--server` (an empty one: none), else $SAYSO_SERVER (empty: none), else the
    config's `server`; None (the local library) with `local` or when none of them names one."""
    if local:
        return None
    for given in (option, os.environ.get(SERVER_ENV)):
        if given is not None:
            return given.strip() or None
    return config.server if config is not None else None


def _line_of(text: str, key: str) -> int | None:
    """The line where `key` is set (first match), for messages; None when not found."""
    pattern = re.compile(rf'^[ \t]*("?){re.escape(key)}\1[ \t]*=', re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def load_config(explicit: str | os.PathLike[str] | None = None) -> Config:
    """Read the config file; a missing default file is no problem, a missing --config/SAYSO_CONFIG one is."""
    path = config_path(explicit)
    config = Config(path)
    named = bool(explicit or os.environ.get(CONFIG_ENV))
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        if named:
            config.problems.append(f"{path}: no such config file; using the defaults")
        return config
    except PermissionError:
        if not named and not os.access(path.parent, os.X_OK):
            return config  # a config folder this user may not even look into holds no config of theirs
        config.problems.append(f"{path}: cannot be read (permission denied); using the defaults")
        return config
    except (OSError, UnicodeDecodeError) as exc:
        config.problems.append(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); using the defaults")
        return config
    config.exists = True
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = f" line {where.group(1)}:" if where else ""
        why = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        config.problems.append(f"{path}:{line} not valid TOML ({why}); using the defaults")
        return config

    def problem(key: str, message: str) -> None:
        line = _line_of(text, key.rpartition(".")[2])
        config.problems.append(f"{path}:{f' line {line}:' if line else ''} {key}: {message}")

    def text_value(key: str, value: Any) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        problem(key, "should be a non-empty string; ignored")
        return None

    for key, value in raw.items():
        if key not in _TOP:
            problem(key, f"unknown setting (known: {', '.join(sorted(_TOP))}); ignored")
        elif key in ("data", "theme", "server"):
            setattr(config, key, text_value(key, value))
        elif key == "export":
            if not isinstance(value, dict):
                problem(key, "should be a table ([export]); ignored")
                continue
            for name, item in value.items():
                if name in _EXPORT:
                    found = text_value(f"export.{name}", item)
                    setattr(config, name, _checked_export(name, found, lambda m, n=name: problem(f"export.{n}", m)))
                else:
                    problem(f"export.{name}", f"unknown setting (known: {', '.join(sorted(_EXPORT))}); ignored")
        elif key == "keys":
            if not isinstance(value, dict):
                problem(key, "should be a table ([keys]) of binding id = keys; ignored")
                continue
            for binding, keys in value.items():
                found = text_value(f"keys.{binding}", keys)
                if found is not None:
                    config.keys[str(binding)] = found
    return config


def _checked_export(name: str, value: str | None, problem: Any) -> str | None:
    """An [export] value the exports accept, else None after saying why (the closest names, in one line)."""
    if value is None:
        return None
    from sayso.corpus.errors import SaysoError
    from sayso.corpus.export.cite import locale_name, style_name
    from sayso.corpus.export.markdown import cite_form

    check = {"style": style_name, "locale": locale_name, "cite": cite_form}[name]
    try:
        check(value)
    except SaysoError as exc:
        problem(f"{exc}; ignored")
        return None
    return value


# -- what sayso remembers ---------------------------------------------------------------------------
def state_path() -> Path:
    return platformdirs.user_state_path("sayso") / "state.json"


def remembered(name: str) -> str | None:
    """A value sayso remembered (the theme chosen in the app); None when there is none or it is unreadable."""
    try:
        data = json.loads(state_path().read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def remember(name: str, value: str) -> None:
    """Remember a value for the next session (written whole, then renamed; a failure is ignored)."""
    path = state_path()
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[name] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # remembering a theme is a nicety: never an error
