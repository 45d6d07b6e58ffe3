"""`sayso completion SHELL`: scripts made from the real parser, that the shells accept and complete with."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sayso.cli import main


def script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def test_bash_completes_commands_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sayso.bash"
    path.write_text(script("bash", capsys))
    if not shutil.which("bash"):
        pytest.skip("bash is not installed")

    def complete(*words: str) -> list[str]:
        line = " ".join(("sayso", *words))
        code = (
            f"source {path}; COMP_WORDS=(sayso {' '.join(words)}); COMP_CWORD={len(words)}; "
            f'COMP_LINE="{line}"; COMP_POINT={len(line)}; _shtab_sayso; printf "%s\\n" "${{COMPREPLY[@]}}"'
        )
        return subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=True).stdout.split()

    assert complete("imp") == ["import"]
    assert {"path", "show", "example"} <= set(complete("config", ""))
    assert "--style" in complete("export", "--st")


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_accept_their_scripts(shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = script(shell, capsys)
    assert "import" in text and "completion" in text and "--data" in text
    if not shutil.which(shell):
        pytest.skip(f"{shell} is not installed (.ci/run installs it from Debian)")
    path = tmp_path / f"sayso.{shell}"
    path.write_text(text)
    subprocess.run([shell, "-n", str(path)], check=True)
    if shell == "fish":
        done = subprocess.run(
            ["fish", "-c", f"source {path}; complete -C 'sayso imp'"], capture_output=True, text=True, check=True
        )
        assert done.stdout.split("\t")[0] == "import"


def test_an_unknown_shell_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["completion", "powershell"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
