"""A document's recording: finding it beside the transcript, and a link to a moment in it.

    find_media(Path("talk.vtt"))           # talk.mp3 (or .m4a, .mp4, ...) beside it, if there is one
    moment_link("https://youtu.be/abc", 83.4)   # "https://youtu.be/abc?t=83"
    moment_link("/srv/talk.mp3", 83.4)          # "file:///srv/talk.mp3#t=83"
    player_command("mpv", "/srv/talk.mp3", 83.4)  # the argv that plays it from that moment

Nothing here starts a program: the front ends decide whether to play (a local
session with a player) or to hand the user the link (over SSH, or without
one), and say which they did.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sayso.corpus.errors import SaysoError

#: Endings of the audio and video files a transcript's recording may have.
MEDIA_SUFFIXES = (
    ".mp3",
    ".m4a",
    ".aac",
    ".wav",
    ".flac",
    ".ogg",
    ".oga",
    ".opus",
    ".mp4",
    ".m4v",
    ".mkv",
    ".webm",
    ".mov",
    ".avi",
)

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class BadMedia(SaysoError):
    """A recording that cannot be named: not a URL of the web, nor a file path."""


def find_media(transcript: Path, listings: dict[Path, dict[str, str]] | None = None) -> Path | None:
    """The recording beside `transcript`: a media file with the same name and a media ending, if one exists.

    The folder is read once (not a stat per ending); `listings` keeps what was read for the next
    transcript of the same folder (a folder import).
    """
    folder, stem = transcript.parent, transcript.stem.casefold()
    listing = listings.get(folder) if listings is not None else None
    if listing is None:
        listing = {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    with contextlib.suppress(OSError):
                        if Path(entry.name).suffix.casefold() in MEDIA_SUFFIXES and entry.is_file():
                            listing[entry.name.casefold()] = entry.name
        except OSError:
            pass  # (an unreadable folder has no recording sayso can find; `doc edit --media` names one)
        if listings is not None:
            listings[folder] = listing
    for suffix in MEDIA_SUFFIXES:
        name = listing.get(stem + suffix)
        if name is not None:
            return folder / name
    return None


def normalise_media(value: str, *, base: Path | None = None) -> str:
    """What `sayso doc edit --media` stores: an http(s) URL as given, or a file's absolute path.

    A relative path is taken from `base` (the current folder by default).  BadMedia for anything
    else (another URL scheme, control characters, an empty value).
    """
    text = value.strip()
    if not text or _CONTROL.search(text):
        raise BadMedia(f"not a recording's file or URL: {value!r}")
    scheme = urlsplit(text).scheme.casefold()
    if scheme in {"http", "https"}:
        if not urlsplit(text).netloc:
            raise BadMedia(f"not a complete URL: {value!r}")
        return text
    if scheme == "file":
        text = urlsplit(text).path
    elif scheme and len(scheme) > 1:  # (a Windows drive letter is not a scheme)
        raise BadMedia(f"sayso plays files and http(s) URLs, not {scheme}: {value!r}")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (base or Path.cwd()) / path
    return str(Path(os.path.normpath(path)))


def is_url(media: str) -> bool:
    return urlsplit(media).scheme.casefold() in {"http", "https"}


def moment_link(media: str, seconds: float) -> str:
    """A link to `seconds` into `media`, in the form its site understands.

    YouTube: a `t` parameter (whole seconds); Vimeo: a `#t=` fragment; any other web
    address and a local file (as a file:// URI): a W3C media fragment `#t=`, which
    browsers and players honour for media files.
    """
    at = max(0, int(seconds))
    if is_url(media):
        parts = urlsplit(media)
        host = parts.netloc.casefold().rsplit("@", 1)[-1].split(":", 1)[0]
        if host in _YOUTUBE_HOSTS:
            query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in {"t", "start"}]
            query.append(("t", str(at)))
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
        if host in _VIMEO_HOSTS:
            return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={at}s"))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, f"t={at}"))
    return f"{Path(media).as_uri()}#t={at}"


def player_command(player: str, media: str, seconds: float) -> list[str]:
    """The argv that plays `media` from `seconds` with `player` (mpv), in a window of its own.

    The player must never read the terminal sayso runs in: no terminal output or input,
    and a window even for audio so that it can be paused and closed.
    """
    return [player, f"--start={max(0.0, seconds):.2f}", "--no-terminal", "--force-window=immediate", "--", media]


def plays_here(env: Mapping[str, str]) -> bool:
    """Whether a player started here would reach the user: a local session with a display.

    Over SSH (SSH_CONNECTION or SSH_TTY set) a player would play on the remote machine, and
    without DISPLAY or WAYLAND_DISPLAY (on Linux and the BSDs) it has no window to open.
    """
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"):
        return False
    if sys.platform == "darwin":
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
