"""The export dialog: format, style, filter, destination, a plain-text preview, an atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from tui_support import HOSTILE_ID, INTERVIEW_ID, PANEL_ID, build_library, private_copy
from tui_support import settle as settle_app

from sayso.corpus.export import export_quotes
from sayso.corpus.library import Library
from sayso.tui.app import SaysoApp
from sayso.tui.screens.export_dialog import ExportDialog
from sayso.tui.screens.main import MainScreen


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-lib")
    lib = build_library(folder)
    lib.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="key claim", tags=["open"])
    lib.quotes.add(INTERVIEW_ID, exact="Go ahead and do it.", note="advice [b]bold?[/b]", tags=["advice"])
    lib.quotes.add(HOSTILE_ID, exact="A calm reply.", tags=["open"])
    return folder


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    return private_copy(library_dir, tmp_path)


async def settle(app: SaysoApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle_app(app, pilot, 0.05)


async def open_dialog(app: SaysoApp, pilot) -> ExportDialog:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    assert isinstance(app.screen, MainScreen)
    await pilot.press("e")
    await pilot.pause(0.4)  # the preview waits for a quiet moment
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def test_export_dialog_writes_what_export_quotes_makes(library: Library, tmp_path: Path) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        # Markdown preview of every quote, shown as plain text (the note's brackets are not markup).
        assert dialog.preview_text == export_quotes("markdown", library.quotes.list(), library)
        preview = str(dialog.query_one("#export-preview", Static).render())
        # Shown literally: the brackets Markdown leaves as they are stay (Rich markup would eat "[b]").
        assert "Closed models hide their failures." in preview and "[b]bold?[/b]" in preview
        assert "3 quotes as markdown, apa citations" in str(dialog.query_one("#export-status", Static).render())
        # CSV, Chicago, only the quotes tagged "open", into a file of our choosing.
        dialog.query_one("#export-format", Select).value = "csv"
        dialog.query_one("#export-style", Select).value = "chicago"
        dialog.query_one("#export-filter", Input).value = "tag:open"
        await pilot.pause(0.4)
        await settle(app, pilot)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith("sayso-quotes.csv")  # the ending follows the format
        target = tmp_path / "out" / "quotes.csv"
        target.parent.mkdir()
        path_input.value = str(target)
        expected = export_quotes("csv", library.quotes.list(tag="open"), library, style="chicago")
        assert dialog.preview_text == expected
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert target.read_bytes().decode("utf-8") == expected  # byte for byte (CSV keeps its CRLF)
        assert not isinstance(app.screen, ExportDialog)
        assert any(f"Exported 2 quotes as csv to {target}" in str(n.message) for n in app.notices)
        assert not list(target.parent.glob("*.tmp*"))  # written atomically, nothing left behind


async def test_export_dialog_errors_stay_in_the_dialog(library: Library, tmp_path: Path) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        dialog.query_one("#export-path", Input).value = str(tmp_path / "missing-folder" / "q.md")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is dialog
        status = str(dialog.query_one("#export-status", Static).render())
        assert "does not exist" in status
        dialog.query_one("#export-filter", Input).value = "tag:nothing-has-this"
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert "no quotes match" in str(dialog.query_one("#export-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_export_dialog_never_writes_into_the_data_folder_nor_over_a_foreign_file(
    library: Library, tmp_path: Path
) -> None:
    """Issue 11 item 5: the dialog writes through the same checks as `sayso export -o`."""
    quotes_file = Path(library.data_dir) / "quotes.json"
    before = quotes_file.read_bytes()
    foreign = tmp_path / "mine.csv"
    foreign.write_text("my,own\n", encoding="utf-8")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        dialog.query_one("#export-format", Select).value = "csl-json"
        await pilot.pause(0.4)  # let the preview finish, so its status line does not replace the error
        await settle(app, pilot)
        for target, refusal in ((quotes_file, "data folder"), (foreign, "not a sayso export"), (tmp_path, "a folder")):
            dialog.query_one("#export-path", Input).value = str(target)
            await pilot.pause(0.4)  # mine.csv chooses CSV: its preview first, as a user would see it
            await settle(app, pilot)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is dialog
            status = str(dialog.query_one("#export-status", Static).render())
            assert refusal in status and " -o" not in status and "--force" not in status  # no CLI advice in the app
    assert quotes_file.read_bytes() == before
    assert foreign.read_text(encoding="utf-8") == "my,own\n"


async def test_export_markdown_updates_an_existing_file(library: Library, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("# My article\n\nMy own words stay.\n", encoding="utf-8")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        for _ in range(2):  # exporting twice updates the quotes in place
            dialog = await open_dialog(app, pilot)
            dialog.query_one("#export-path", Input).value = str(target)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# My article\n\nMy own words stay.\n")
    assert text.count("Closed models hide their failures.") == 1


async def test_export_from_the_quotes_pane_is_capital_e_since_e_edits_there(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        app.screen.action_show_pane("quotes")
        await settle(app, pilot)
        await pilot.press("E")
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert isinstance(app.screen, ExportDialog)


async def test_the_dialog_follows_the_file_ending_edits_the_path_and_remembers_the_last_export(
    library: Library, tmp_path: Path
) -> None:
    app = SaysoApp(library, export_style="chicago")
    app.remember_choices = True
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert dialog.style == "chicago"  # the config's default style
        path_input = dialog.query_one("#export-path", Input)
        before = path_input.value
        await pilot.press("x")  # typing edits the path: it was not selected
        assert path_input.value == before + "x"
        folder = tmp_path / "exports"
        folder.mkdir()
        path_input.value = str(folder / "refs.json")
        await pilot.pause()
        assert dialog.fmt == "csl-json", "the file ending chose the format"
        dialog.query_one("#export-style", Select).value = "chicago-notes"
        await pilot.pause(0.4)
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert (folder / "refs.json").exists() and not isinstance(app.screen, ExportDialog)
        dialog = await open_dialog(app, pilot)  # the next export starts from the last one's choices
        assert (dialog.fmt, dialog.style) == ("csl-json", "chicago-notes")
        assert Path(dialog.query_one("#export-path", Input).value).parent == folder.resolve()


async def test_the_dialog_offers_neither_another_library_s_last_folder_nor_a_data_folder(
    library: Library, tmp_path: Path
) -> None:
    """A user trial: the first export of a library offered the folder the last export of another library went
    to, which was that library's data folder."""
    from sayso.config import remember

    elsewhere = tmp_path / "other exports"
    elsewhere.mkdir()
    remember("export_folder /some/other/library", str(elsewhere))
    remember("export_folder", str(elsewhere))  # (as sayso remembered it before, for every library at once)
    app = SaysoApp(library)
    app.remember_choices = True
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        offered = Path(dialog.query_one("#export-path", Input).value).parent
        assert offered != elsewhere.resolve() and offered != elsewhere
    remember(f"export_folder {Path(library.data_dir).resolve()}", str(library.data_dir))
    app = SaysoApp(library)
    app.remember_choices = True
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        offered = Path(dialog.query_one("#export-path", Input).value).parent
        assert offered.resolve() != Path(library.data_dir).resolve()


async def test_a_notification_over_the_dialog_does_not_cover_its_key_hints(library: Library) -> None:
    from textual.widgets._toast import Toast

    app = SaysoApp(library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        dialog = await open_dialog(app, pilot)
        app.notify("Something happened elsewhere, said at some length so the toast is tall", timeout=30)
        await pilot.pause(0.3)
        hint = dialog.query_one("#export-hint").region
        toasts = [t.region for t in dialog.query(Toast)]
        assert toasts and hint.height
        assert not any(t.overlaps(hint) for t in toasts), (toasts, hint)


async def test_the_style_picker_finds_any_style_previews_the_quote_under_the_cursor_and_chooses_it(
    library: Library,
) -> None:
    from textual.widgets import OptionList

    from sayso.tui.screens.export_dialog import MORE_STYLES
    from sayso.tui.screens.style_picker import StylePicker

    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(app, pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.action_show_pane("quotes")
        await settle(app, pilot)
        quote = main.quotes_pane.quote_list.highlighted_quote
        assert quote is not None
        await pilot.press("E")
        await pilot.pause(0.4)
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.sample == quote
        # ctrl+y: every style, the current one and the popular ones first, the quote under the cursor previewed.
        await pilot.press("ctrl+y")
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.1)
        picker = app.screen
        assert isinstance(picker, StylePicker)
        options = picker.query_one("#style-options", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(4)]
        assert shown[0].startswith("apa  APA Style 7th edition") and shown[1].startswith("chicago-author-date")
        assert picker.previewed == "apa" and quote.exact[:20] in str(picker.query_one("#style-preview").border_title)
        speaker = quote.speaker or ""
        family = speaker.split()[-1]
        assert f"Reference: {family}," in picker.preview_text and "In text: (" in picker.preview_text
        # Typing searches ids, titles and initials, a typo away; up/down move, the preview follows.
        await pilot.press(*"harvrd")
        await pilot.pause(0.5)
        await settle_app(app, pilot, 0.1)
        assert picker.highlighted == "harvard-cite-them-right"
        assert "Cite Them Right" in picker.preview_text and f"Reference: {family}," in picker.preview_text
        await pilot.press("down")
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.1)
        second = picker.highlighted
        assert second != "harvard-cite-them-right" and picker.previewed == second
        await pilot.press("up", "enter")
        await pilot.pause(0.5)
        await settle(app, pilot)
        # Chosen: the export dialog's style list shows it and the export cites in it.
        assert app.screen is dialog and dialog.style == "harvard-cite-them-right"
        assert dialog.query_one("#export-style", Select).value == "harvard-cite-them-right"
        assert dialog.preview_text == export_quotes(
            "markdown", library.quotes.list(), library, style="harvard-cite-them-right"
        )
        # The list's last entry opens the picker too; escape keeps the style.
        dialog.query_one("#export-style", Select).value = MORE_STYLES
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert isinstance(app.screen, StylePicker)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is dialog and dialog.style == "harvard-cite-them-right"
        assert dialog.query_one("#export-style", Select).value == "harvard-cite-them-right"
        # Locale and citation form: German terms; a pandoc key per quote instead of the formatted citation.
        dialog.query_one("#export-locale", Select).value = "de-DE"
        dialog.query_one("#export-cite", Select).value = "pandoc"
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert dialog.preview_text == export_quotes(
            "markdown", library.quotes.list(), library, style="harvard-cite-them-right", locale="de-DE", cite="pandoc"
        )
        assert "- Citation: [@sayso-" in dialog.preview_text
        dialog.query_one("#export-cite", Select).value = "text"
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert "ohne Datum" in dialog.preview_text or "Verfügbar" in dialog.preview_text


async def test_export_dialog_writes_a_vault_as_the_command_line_does(library: Library, tmp_path: Path) -> None:
    """The format list offers a note vault (a note per document or per quote): the destination becomes a folder,
    the preview lists the notes, and ctrl+s writes exactly the notes `sayso export --vault` writes."""
    from sayso.cli import main

    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith("sayso-quotes.md")
        dialog.query_one("#export-format", Select).value = "vault:quote"
        await pilot.pause(0.4)
        await settle(app, pilot)
        assert path_input.value.endswith("sayso-quotes")  # a folder now, not a file
        assert dialog.preview_text.startswith("6 notes:")  # 3 quotes, and a note for each of their 3 documents
        assert "as a vault, apa citations: Markdown notes, one per quote" in str(
            dialog.query_one("#export-status", Static).render()
        )
        folder = tmp_path / "vault"
        path_input.value = str(folder)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        assert any(f"into the vault {folder}: 6 notes written" in str(n.message) for n in app.notices)
    written = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.md")}
    assert main(["--data", str(library.data_dir), "export", "--vault", str(tmp_path / "cli"), "--per", "quote"]) == 0
    by_cli = {p.relative_to(tmp_path / "cli"): p.read_bytes() for p in (tmp_path / "cli").rglob("*.md")}
    assert written == by_cli and len(written) == 6


async def test_a_vault_note_sayso_did_not_write_is_left_alone_and_the_rest_written(
    library: Library, tmp_path: Path
) -> None:
    """A note of the user's own where sayso would write one is left as it is, and said so; every other note is
    written all the same (the dialog closes, as after any export)."""
    folder = tmp_path / "vault"
    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        dialog = await open_dialog(app, pilot)
        dialog.query_one("#export-format", Select).value = "vault:document"
        await pilot.pause(0.4)
        await settle(app, pilot)
        first = dialog.preview_text.splitlines()[1].strip()  # the first note the preview lists
        (folder / first).parent.mkdir(parents=True, exist_ok=True)
        (folder / first).write_text("My own note, not sayso's.\n", "utf-8")
        dialog.query_one("#export-path", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        (notice,) = [n for n in app.notices if "into the vault" in str(n.message)]
        assert "2 notes written" in str(notice.message) and f"left alone: {first} (sayso did not write it)" in str(
            notice.message
        )
        assert notice.severity == "warning"
    assert (folder / first).read_text("utf-8") == "My own note, not sayso's.\n"
    assert len(list(folder.rglob("*.md"))) == 3
