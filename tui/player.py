"""Playing a document's recording from a moment, or handing the user a link to it (`p` in the app).

The player (mpv) runs detached from sayso's terminal, in a session of its own, one at a time:
a new `p` stops the recording playing, and so does quitting sayso, so no player is left behind.
Where nothing would reach the user (over SSH, without a display, without mpv) the front end
copies a link to the moment instead (see corpus.media.moment_link) and says why.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sayso.corpus.media import is_url, moment_link, player_command, plays_here

LOG = logging.getLogger(__name__)

#: The players sayso knows how to start at a moment, in order of preference.
PLAYERS = ("mpv",)


@dataclass(frozen=True)
class Outcome:
    """What `p` did: `played` with the player's argv, or `link` to copy, with `reason` why not played."""

    played: bool
    link: str
    reason: str = ""
    argv: tuple[str, ...] = ()


class Player:
    """The recording sayso is playing, if any."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        self._env = env if env is not None else os.environ
        self._which = which
        self._process: subprocess.Popen[bytes] | None = None

    def find_player(self) -> str | None:
        for name in PLAYERS:
            found = self._which(name)
            if found:
                return found
        return None

    def play(self, media: str, seconds: float) -> Outcome:
        """Play `media` from `seconds` where that reaches the user; else the link to copy, and why."""
        link = moment_link(media, seconds)
        if not plays_here(self._env):
            over_ssh = any(self._env.get(k) for k in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"))
            return Outcome(False, link, "over SSH a player would play on this machine" if over_ssh else "no display")
        player = self.find_player()
        if player is None:
            return Outcome(False, link, "mpv is not installed")
        if not is_url(media) and not os.path.isfile(media):
            return Outcome(False, link, "the recording's file is not there")
        argv = player_command(player, media, seconds)
        self.stop()
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl+C in sayso's terminal is not the player's
            )
        except OSError as exc:
            LOG.info("player failed to start", exc_info=True)
            return Outcome(False, link, f"{os.path.basename(player)} could not start ({exc.strerror or exc})")
        return Outcome(True, link, argv=tuple(argv))

    def stop(self) -> None:
        """Stop the recording playing (sayso is quitting, or another is asked for)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=2)
