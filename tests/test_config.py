"""The config file: where it is, what it sets, how a bad one is reported, and how the app uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tui_support import build_library

from sayso.cli import main
from sayso.config import config_path, load_config, remembered
from sayso.tui.app import SaysoApp, known_binding_ids
from sayso.tui.screens.export_dialog import ExportDialog
from sayso.tui.screens.main import MainScreen


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config and state folders of this test only (platformdirs reads the XDG variables)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.delenv("SAYSO_CONFIG", raising=False)
    monkeypatch.delenv("SAYSO_DATA", raising=False)


def test_the_config_file_is_found_by_option_then_environment_then_the_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_path() == tmp_path / "xdg-config" / "sayso" / "config.toml"
    assert load_config().problems == [] and not load_config().exists  # no file: the defaults, silently
    monkeypatch.setenv("SAYSO_CONFIG", str(tmp_path / "env.toml"))
    assert config_path() == tmp_path / "env.toml"
    assert config_path(tmp_path / "given.toml") == tmp_path / "given.toml"
    [problem] = load_config().problems  # a file named on purpose must exist
    assert "env.toml: no such config file" in problem


def test_settings_are_read_and_each_problem_is_one_line_naming_file_line_and_key(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('data = "~/lib"\ntheme = "sayso-light"\n[export]\nstyle = "chicago"\n[keys]\n"main.export" = "x"\n')
    config = load_config(good)
    assert (config.data, config.theme, config.style, config.keys) == (
        "~/lib",
        "sayso-light",
        "chicago",
        {"main.export": "x"},
    )
    assert config.problems == []
    broken = tmp_path / "broken.toml"
    broken.write_text('data = "~/lib"\ntheme = sayso-light\n')
    [problem] = load_config(broken).problems
    assert problem.startswith(f"{broken}: line 2: not valid TOML") and problem.endswith("using the defaults")
    assert "\n" not in problem and load_config(broken).data is None
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('theme = "sayso-light"\n\ndata = 3\ncolour = "red"\n[export]\nstyle = ""\n')
    config = load_config(wrong)
    assert config.theme == "sayso-light" and config.data is None  # what is right is kept
    assert config.problems == [
        f"{wrong}: line 3: data: should be a non-empty string; ignored",
        f"{wrong}: line 4: colour: unknown setting (known: data, export, keys, server, theme); ignored",
        f"{wrong}: line 6: export.style: should be a non-empty string; ignored",
    ]


def test_the_cli_takes_the_data_folder_and_citation_style_from_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lib_dir = tmp_path / "lib"
    lib = build_library(lib_dir)
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, exact=lib.passages(doc.id)[0].text.split(".")[0])
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{lib_dir}"\n[export]\nstyle = "chicago"\n')
    assert main(["--config", str(config), "where", "--json"]) == 0
    where = json.loads(capsys.readouterr().out)
    assert where["data"] == str(lib_dir) and where["config"] == str(config)
    assert main(["--config", str(config), "export", "--format", "markdown"]) == 0
    by_config = capsys.readouterr().out
    assert main(["--data", str(lib_dir), "export", "--format", "markdown", "--style", "chicago"]) == 0
    assert by_config == capsys.readouterr().out  # the config's style, as if --style chicago
    assert main(["--data", str(lib_dir), "export", "--format", "markdown"]) == 0
    assert by_config != capsys.readouterr().out  # without the config: the default style (apa)
    elsewhere = tmp_path / "other"
    assert main(["--config", str(config), "--data", str(elsewhere), "where", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data"] == str(elsewhere)  # --data wins
    monkeypatch.setenv("SAYSO_DATA", str(elsewhere))
    assert main(["--config", str(config), "where", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data"] == str(elsewhere)  # and so does SAYSO_DATA


def test_a_bad_config_warns_in_one_line_and_the_command_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keys\n")
    assert main(["--config", str(config), "--data", str(tmp_path / "d"), "config", "path"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(config)
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"sayso: warning: {config}: line 1: not valid TOML")


async def test_the_app_remaps_keys_by_binding_id_and_says_which_ids_it_does_not_know(tmp_path: Path) -> None:
    library = build_library(tmp_path / "lib")
    assert {"main.export", "search.open", "quotes.export"} <= known_binding_ids()
    app = SaysoApp(library, keys={"main.export": "x", "no.such.binding": "z"})
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("no.such.binding" in n.message for n in app.notices)
        await pilot.press("e")  # moved away from e
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("x")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ExportDialog)


async def test_the_theme_comes_from_the_option_and_the_one_chosen_in_the_app_is_remembered(tmp_path: Path) -> None:
    library = build_library(tmp_path / "lib")
    app = SaysoApp(library, theme="no-such-theme")
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "sayso-dark" and any("no theme 'no-such-theme'" in n.message for n in app.notices)
    app = SaysoApp(library, theme="textual-light", remember_theme=True)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        assert remembered("theme") is None  # starting with a theme is not choosing one
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert remembered("theme") == app.theme


def test_the_export_locale_and_citation_form_come_from_the_config_and_a_wrong_style_names_the_closest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[export]\nstyle = "ieee"\nlocale = "de"\ncite = "pandoc"\n')
    config = load_config(good)
    assert (config.style, config.locale, config.cite, config.problems) == ("ieee", "de", "pandoc", [])
    assert config.to_json()["export"] == {"style": "ieee", "locale": "de", "cite": "pandoc"}
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[export]\nstyle = "harvrd"\nlocale = "en-AU"\ncite = "latex"\n')
    config = load_config(wrong)
    assert (config.style, config.locale, config.cite) == (None, None, None)  # the defaults, each said in one line
    assert config.problems[0].startswith(f"{wrong}: line 2: export.style: unknown citation style 'harvrd'; closest: ")
    assert "harvard-cite-them-right" in config.problems[0]
    assert config.problems[1].startswith(f"{wrong}: line 3: export.locale: unknown locale 'en-AU'; closest: en-GB")
    assert config.problems[2] == (
        f"{wrong}: line 4: export.cite: unknown citation form 'latex'; choose one of: text, pandoc; ignored"
    )
    lib_dir = tmp_path / "lib"
    lib = build_library(lib_dir)
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, exact=lib.passages(doc.id)[0].text.split(".")[0])
    assert main(["--config", str(good), "--data", str(lib_dir), "export", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "- Citation: [@sayso-" in out  # cite = "pandoc"
    assert main(["--config", str(good), "--data", str(lib_dir), "export", "--cite", "text", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["style"], summary["locale"]) == ("ieee", "de-DE")
    assert "- Citation: [1] " in summary["content"]  # --cite wins over the config
