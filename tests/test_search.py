"""Search on the real seeds: typo tolerance, facets, phrases, exclusions, spans, prefixes, persistence."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from sayso.corpus.library import Library
from sayso.corpus.search import SearchIndex
from sayso.corpus.words import normalize_word

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
REALWORLD = SHARED / "realworld"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not found beside the repository")


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(tmp_path_factory.mktemp("data"))
    report = library.import_paths([SEEDS, REALWORLD])
    assert not report.errors
    return library


def words_at(hit, spans=None) -> list[str]:
    return [normalize_word(hit.text[s:e]) for s, e in (spans if spans is not None else hit.spans)]


def has_phrase(text: str, phrase: str) -> bool:
    words = [normalize_word(w) for w in re.findall(r"\w+(?:['’]\w+)*", text)]
    target = phrase.split()
    return any(words[i : i + len(target)] == target for i in range(len(words)))


def speaker_known(lib: Library, name: str) -> bool:
    return any(s.name == name for s in lib.speakers())


# -- typo tolerance: the right passage first -------------------------------------------------------
def test_misspelled_words_from_seed_000_find_the_passage(lib: Library) -> None:
    hit = lib.search("executve ordr competitivness")[0]
    assert {"executive", "order", "competitiveness"} <= set(words_at(hit))


def test_misspelled_name_and_word_from_seed_002(lib: Library) -> None:
    hits = lib.search("zukerberg espionge", limit=3)
    assert hits, "typo'd name found nothing"
    found = {w for h in hits for w in words_at(h)}
    assert {"zuckerberg", "espionage"} <= found
    assert "Zuckerberg" in hits[0].title


def test_misspelled_speaker_and_words_from_seed_003(lib: Library) -> None:
    if not speaker_known(lib, "Yann LeCun"):
        pytest.xfail("importer does not attribute seed 003 speakers yet")
    hit = lib.search("lecun opne sorce")[0]
    assert hit.speaker == "Yann LeCun"
    assert has_phrase(hit.text, "open source")


def test_a_speaker_named_in_the_query_ranks_their_own_turns_above_a_mention(lib: Library) -> None:
    """Seed 003's introduction names Kai-Fu Lee next to "open source"; his own turns on it come first."""
    if not speaker_known(lib, "Kai-Fu Lee"):
        pytest.xfail("importer does not attribute seed 003 speakers yet")
    hits = lib.search("kai-fu lee open sorce", limit=5)
    assert hits[0].speaker == "Kai-Fu Lee" and has_phrase(hits[0].text, "open source")
    assert any(h.speaker is None and "Kai-Fu Lee" in h.text for h in hits)  # the mention is still found


@pytest.mark.parametrize("query", ['"', "*", "((", "-", "\U0001f600", "speaker:", "kind:", 'speaker:"" ""'])
def test_a_query_that_names_nothing_finds_nothing(lib: Library, query: str) -> None:
    """It listed the library's first passages, each scored 0, as if they matched."""
    assert lib.search(query) == []


def test_facets_or_exclusions_alone_still_list_passages(lib: Library) -> None:
    hits = lib.search("speaker:lecun", limit=5)
    assert hits and all(h.speaker == "Yann LeCun" for h in hits)
    assert lib.search("-open", limit=5)


def test_a_phrase_is_highlighted_where_it_stands_not_each_of_its_words(tmp_path: Path) -> None:
    """A user trial: `"the models that work best"` bracketed every "the", "that" and "work" of the passage."""
    from sayso.corpus.models import ParsedDocument, ParsedPassage

    library = Library.open(tmp_path / "data")
    text = "That is the point: the models that work best are open, and that will work for the rest of us."
    library.import_parsed(
        ParsedDocument(title="Panel", kind="panel", passages=[ParsedPassage("Ada Park", text)]), "panel.txt"
    )

    def marked(query: str) -> list[str]:
        (hit,) = library.search(query)
        return [hit.text[s:e] for s, e in hit.spans]

    assert marked('"the models that work best"') == ["the", "models", "that", "work", "best"]
    at = text.index("the models")
    assert library.search('"the models"')[0].spans == [[at, at + 3], [at + 4, at + 10]]
    # A word asked for alone too is marked wherever it is; the phrase's other words where the phrase stands.
    assert marked('"models that" work') == ["models", "that", "work", "work"]
    # Near spellings of a word outside the phrase still count as before.
    assert marked('"open, and" resst') == ["open", "and", "rest"]
    # A phrase is marked where its words stand exactly, as the search requires them, not a near spelling
    # of a word also asked for alone (a review found "opened source" marked for `"open source" open`).
    library.import_parsed(
        ParsedDocument(
            title="Talk",
            kind="panel",
            passages=[ParsedPassage("Bo Lee", "They opened source files. Later the open source movement grew.")],
        ),
        "talk.txt",
    )
    (hit,) = library.search('"open source" open')
    assert [hit.text[s:e] for s, e in hit.spans] == ["open", "source"]
    assert hit.spans[0][0] == hit.text.index("open source")


def test_only_the_best_match_of_each_word_is_highlighted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "aid" found as itself is marked; "paid" (a weak variant of it) in the same passage is not."""
    from sayso.corpus.models import ParsedDocument, ParsedPassage

    library = Library.open(tmp_path / "data")
    text = "The bill would have been paid for by the tax. Secondly, I support federal aid to education."
    library.import_parsed(
        ParsedDocument(
            title="Debate",
            kind="debate",
            passages=[ParsedPassage("Senator Kennedy", text), ParsedPassage("Mr. Nixon", "We paid for roads.")],
        ),
        "debate.txt",
    )
    [hit, *_] = library.search("federal aid educaton")
    assert words_at(hit) == ["federal", "aid", "education"]


def test_words_together_exactly_as_typed_outrank_a_near_spelling_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A user trial: "machine guns" put a short line with "guns ... machine gun fire" above the turn that says
    "machine guns" twice; the README promises words standing together in your order first."""
    from sayso.corpus.models import ParsedDocument, ParsedPassage

    library = Library.open(tmp_path / "data")
    said = (
        "I was in the crowd at the conference, wandering between the stands and talking to people I knew. "
        "Then I notice they all have machine guns. And so then suddenly, two guys with machine guns look at "
        "this little guy squirreling through them, and I realise it is an entourage and not a threat at all. "
        "We laughed about it afterwards, over dinner, with everyone who had been there that evening."
    )
    library.import_parsed(
        ParsedDocument(
            title="Panel",
            kind="panel",
            passages=[
                ParsedPassage(None, "The gatling guns erupt with a torrent of machine gun fire!"),
                ParsedPassage("Nick Thompson", said),
            ],
        ),
        "panel.txt",
    )
    assert [h.speaker for h in library.search("machine guns")][:1] == ["Nick Thompson"]
    assert [h.speaker for h in library.search('"machine guns"')] == ["Nick Thompson"]


def test_open_weights_with_typos(lib: Library) -> None:
    hit = lib.search("opne wieghts")[0]
    assert has_phrase(hit.text, "open weights")


def test_misspelled_phrase_from_seed_001(lib: Library) -> None:
    hit = lib.search("chinas opne sorce trajectry")[0]
    assert "China" in hit.title or has_phrase(hit.text, "open source")
    assert {"open", "source"} <= set(words_at(hit))


def test_realworld_typos(lib: Library) -> None:
    hit = lib.search("kenedy nixon farm surpluses")[0]
    assert hit.title.lower().startswith("debate 1960")
    assert "farm" in words_at(hit)
    hit = lib.search("cross site scriptng")[0]
    assert has_phrase(hit.text, "cross site scripting")
    hit = lib.search("nouvertne litestar")[0]
    assert {"nouvertne", "litestar"} <= set(words_at(hit))


# -- facets -----------------------------------------------------------------------------------
def test_speaker_facet_inline_with_quotes_and_typos(lib: Library) -> None:
    if not speaker_known(lib, "Kai-Fu Lee"):
        pytest.xfail("importer does not attribute seed 003 speakers yet")
    hits = lib.search('speaker:"Kai-Fu" open sorce')
    assert hits
    assert {h.speaker for h in hits} == {"Kai-Fu Lee"}
    assert has_phrase(hits[0].text, "open source")


def test_speaker_facet_argument_narrows_and_matches_aliases(lib: Library) -> None:
    if not speaker_known(lib, "Yann LeCun"):
        pytest.xfail("importer does not attribute seed 003 speakers yet")
    everyone = lib.search("open source", limit=50)
    assert len({h.speaker for h in everyone}) > 1
    only = lib.search("open source", limit=50, speaker="lecun")
    assert only and {h.speaker for h in only} == {"Yann LeCun"}
    assert {h.passage for h in only} < {h.passage for h in lib.search("open source", limit=500)}
    typo = lib.search("open source", limit=50, speaker="Yan Lecunn")
    assert {h.passage for h in typo} == {h.passage for h in only}


def test_speaker_facet_forgives_typos_in_a_first_or_last_name_alone(lib: Library) -> None:
    """A user trial and issue 14: speaker:lecunn, speaker:lceun, speaker:nixn and speaker:dafne found
    nothing while speaker:koler worked: a misspelt single name is compared with each word of every name."""
    for name, typos in (("Yann LeCun", ["lecunn", "lceun"]), ("Daphne Koller", ["dafne", "koler", "kolelr"])):
        if not speaker_known(lib, name):
            pytest.xfail(f"importer does not attribute {name} yet")
        exact = {h.passage for h in lib.search("open", limit=50, speaker=name)}
        assert exact, name
        for typo in typos:
            assert {h.passage for h in lib.search(f"speaker:{typo} open", limit=50)} == exact, typo
    assert lib.search("open", limit=5, speaker="zzqxw") == []


def test_seed_003_panelists_are_searchable_speakers(lib: Library) -> None:
    names = ["Nick Thompson", "Yann LeCun", "Kai-Fu Lee", "Daphne Koller", "Andrew Ng", "Aidan Gomez"]
    if not all(speaker_known(lib, n) for n in names):
        pytest.xfail("importer does not attribute every seed 003 panelist yet")
    for name in names:
        hits = lib.search(f'speaker:"{name}"', limit=5)
        assert hits and {h.speaker for h in hits} == {name}


def test_doc_and_kind_facets(lib: Library) -> None:
    hits = lib.search("doc:zuckerberg open", limit=20)
    assert hits and {h.title for h in hits} == {"Zuckerberg’s Perspective on Open-Source AI"}
    hits = lib.search("open", doc="zukerberg perspective", limit=20)
    assert hits and all("Zuckerberg" in h.title for h in hits)
    debate = [d for d in lib.documents() if d.kind == "debate"]
    if not debate:
        pytest.skip("importer reports no debate documents")
    hits = lib.search("kind:debate president", limit=30)
    assert hits and {h.document for h in hits} <= {d.id for d in debate}


def test_facet_that_matches_nothing_gives_no_hits(lib: Library) -> None:
    assert lib.search("open", speaker="Nobody Whatsoever Zzyzx") == []
    assert lib.search("open kind:nosuchkind") == []


def test_tag_facet_without_quotes_is_ignored_gracefully(lib: Library) -> None:
    plain = [h.passage for h in lib.search("open source")]
    tagged = lib.search("open source tag:important")
    if hasattr(lib.quotes, "passages_with_tag"):
        assert all(h.passage in plain or True for h in tagged)
    else:
        assert [h.passage for h in tagged] == plain


# -- phrases, exclusions, spans ------------------------------------------------------------------
def test_exact_phrase_in_quotes(lib: Library) -> None:
    hits = lib.search('"machine guns"', limit=20)
    assert hits
    for hit in hits:
        assert has_phrase(hit.text, "machine guns")
    assert lib.search('"guns machine"') == [] or all(
        has_phrase(h.text, "guns machine") for h in lib.search('"guns machine"')
    )


def test_exclusion_removes_passages_with_the_word(lib: Library) -> None:
    with_source = lib.search("open", limit=200)
    assert any(has_phrase(h.text, "source") for h in with_source)
    hits = lib.search("open -source", limit=200)
    assert hits
    for hit in hits:
        assert "source" not in [normalize_word(w) for w in re.findall(r"\w+", hit.text)]


def test_spans_point_at_the_matched_words(lib: Library) -> None:
    for query, expected in [
        ("competitivness", {"competitiveness"}),
        ("espionage", {"espionage"}),
        ("open-source", {"open", "source"}),
    ]:
        hits = lib.search(query, limit=5)
        assert hits, query
        for hit in hits:
            assert hit.spans
            for start, end in hit.spans:
                assert 0 <= start < end <= len(hit.text)
                assert re.fullmatch(r"[\w'’]+", hit.text[start:end])
            # (other forms of a word count too, for less: "competitive" for "competitiveness")
            assert set(words_at(hit)) <= expected | {"opens", "opened", "sources", "competitive"}


def test_hyphenated_and_spaced_forms_match_each_other(lib: Library) -> None:
    spaced = {h.passage for h in lib.search('"open source"', limit=500)}
    hyphenated = {h.passage for h in lib.search('"open-source"', limit=500)}
    assert spaced and spaced == hyphenated
    assert any("open-source" in h.text.lower() for h in lib.search('"open source"', limit=500))


def test_prefix_as_you_type(lib: Library) -> None:
    # The top hit holds "machine" then a word the last typed letters begin ("guns" in seed 000,
    # "gun fire" in a screenplay): a prefix as it is typed, not only a finished word.
    for typed in ["machine g", "machine gu", "machine gun"]:
        hits = lib.search(typed, limit=3)
        assert hits, typed
        words = [normalize_word(w) for w in re.findall(r"\w+(?:['’]\w+)*", hits[0].text)]
        last = typed.split()[-1]
        assert any(a == "machine" and b.startswith(last) for a, b in itertools.pairwise(words)), typed
    assert any(has_phrase(h.text, "machine guns") for h in lib.search("machine guns", limit=3))
    hits = lib.search("espion", limit=3)
    assert hits and "espionage" in words_at(hits[0])


def test_no_results_and_malformed_queries(lib: Library) -> None:
    assert lib.search("qqqxxzzyy") == []
    for query in [
        '"unbalanced quote',
        "-",
        "- -",
        "speaker:",
        'speaker:"',
        "doc:",
        '""',
        '-""',
        ":::",
        "   ",
        "tag:",
        "kind:",
        "\x00\x1b[31m",
        "a" * 500,
        "-open",
        '"open',
        'open"',
        'speaker:"Kai',
    ]:
        result = lib.search(query)
        assert isinstance(result, list)


def test_exact_words_rank_above_fuzzy_ones(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(
        "Alice: The farm was quiet.\n\nBob: The form was filled in.\n\nAlice: From here on it rains.\n", "utf-8"
    )
    library = Library.open(tmp_path / "data")
    library.import_paths([tmp_path / "t.txt"])
    hits = library.search("form")
    assert hits and "form was filled" in hits[0].text
    assert any("farm" in h.text or "From" in h.text for h in hits[1:])


def test_rare_words_and_proximity_rank_higher(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "Animal notes",
            "the cat sat on the mat and the dog ran",
            "the dog and the cat played all day long in the garden",
            "a quiet zebra walked past the cat",
            "the cat the dog the bird the fish",
        ]
    )
    (tmp_path / "t.txt").write_text(text, "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([tmp_path / "t.txt"])
    assert "zebra" in library.search("zebra cat")[0].text
    assert library.search("cat sat")[0].text.startswith("the cat sat")


def test_words_a_query_leaves_small_words_out_between_rank_as_near(tmp_path: Path) -> None:
    """People type the words they remember and leave the small ones out: "budget cuts schools" is
    "budget cuts to our schools" first, above a shorter passage holding "schools" far from the rest."""
    text = "\n\n".join(
        [
            "Council notes",
            "They said the budget cuts to our schools were deep and that parents were never asked about any of it",
            "Budget cuts came first; in the spring the town also spoke of schools",
        ]
    )
    (tmp_path / "t.txt").write_text(text, "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([tmp_path / "t.txt"])
    for query in ["budget cuts schools", "budget cts schols"]:
        hits = library.search(query)
        assert len(hits) == 2, query
        assert "cuts to our schools" in hits[0].text, query
    # ...and words side by side still come before the same words apart.
    assert library.search("spring town")[0].text.startswith("Budget cuts came first")


def test_case_and_accent_insensitive_and_apostrophes(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(
        "Zoë: We met at the Café Müller in São Paulo.\n\nLou: I don’t think LeCun’s idea works.\n", "utf-8"
    )
    library = Library.open(tmp_path / "data")
    library.import_paths([tmp_path / "t.txt"])
    hit = library.search("cafe MULLER sao paulo")[0]
    assert "Café Müller" in hit.text
    assert [hit.text[s:e] for s, e in hit.spans] == ["Café", "Müller", "São", "Paulo"]
    for query in ["dont think", "don't think", "don’t think", "lecun idea", "lecun's idea"]:
        hits = library.search(query)
        assert hits and "don’t" in hits[0].text, query


# -- the index: persisted, updated, shared ---------------------------------------------------------
def copy_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


def test_index_persists_and_reopens_without_rebuilding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    first = Library.open(data)
    first.import_paths([copy_seeds(tmp_path)])
    expected = [h.passage for h in first.search("executve ordr")]
    assert expected
    assert list((data / "index").glob("seg-*.bin"))

    def refuse(*args, **kwargs):
        raise AssertionError("the index was rebuilt instead of loaded")

    monkeypatch.setattr(SearchIndex, "rebuild", refuse)
    monkeypatch.setattr(SearchIndex, "add_document", refuse)
    again = Library.open(data)
    assert [h.passage for h in again.search("executve ordr")] == expected
    assert again.index.state == "loaded"


def test_reimport_and_remove_update_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = folder / "talk.txt"
    path.write_text("Alice: We talked about photosynthesis today.\n\nBob: Indeed, chlorophyll matters.\n", "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([path])
    assert library.search("photosynthesis")
    path.write_text("Alice: We talked about thermodynamics today.\n\nBob: Indeed, entropy matters.\n", "utf-8")
    library.import_paths([path])
    assert library.search("photosynthesis") == []
    assert library.search("thermodynamcs")
    reopened = Library.open(tmp_path / "data")
    assert reopened.search("photosynthesis") == [] and reopened.search("entropy")
    library.remove(library.documents()[0].id)
    assert library.search("entropy") == []
    assert Library.open(tmp_path / "data").search("entropy") == []


def test_another_process_import_is_seen_on_next_search(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Alice: Apples are red.\n", "utf-8")
    (folder / "b.txt").write_text("Bob: Bananas are yellow.\n", "utf-8")
    reader = Library.open(tmp_path / "data")
    reader.import_paths([folder / "a.txt"])
    assert reader.search("bananas") == []
    writer = Library.open(tmp_path / "data")
    writer.import_paths([folder / "b.txt"])
    assert reader.search("banannas"), "the reader did not notice the writer's new index generation"


def test_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = Library.open(data)
    library.import_paths([copy_seeds(tmp_path)])
    expected = [h.passage for h in library.search("zukerberg espionge")]
    for path in (data / "index").glob("seg-*.bin"):
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    again = Library.open(data)
    assert [h.passage for h in again.search("zukerberg espionge")] == expected
    (data / "index" / "manifest.json").write_text("{not json", "utf-8")
    assert [h.passage for h in Library.open(data).search("zukerberg espionge")] == expected


def test_postings_built_in_many_batches_give_the_same_hits(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sayso.corpus.searchindex as searchindex

    monkeypatch.setattr(searchindex, "POSTINGS_CHUNK", 500)
    small = Library.open(tmp_path / "data")
    small.import_paths([SEEDS, REALWORLD])
    for query in ["executve ordr competitivness", "open source", "kenedy nixon farm", "machine g"]:
        assert [h.passage for h in small.search(query)] == [h.passage for h in lib.search(query)]


def test_words_tokenised_in_many_small_runs_give_the_same_hits(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index build tokenises a document a run of passages at a time, and hashes its words a piece at a
    time (to bound memory); pieces far smaller than a passage, or than one word, change no result."""
    import numpy as np

    import sayso.corpus.searchindex as searchindex

    text = "Archive keeps every word " + "x" * 50 + " said, 3.5 times, by Ada's people"
    whole = searchindex.hash_tokens(searchindex._words_line(text))
    monkeypatch.setattr(searchindex, "HASH_CHUNK", 7)
    pieces = searchindex.hash_tokens(searchindex._words_line(text))
    assert all(np.array_equal(a, b) for a, b in zip(whole, pieces))
    monkeypatch.setattr(searchindex, "TOKENISE_CHUNK", 300)
    monkeypatch.setattr(searchindex, "HASH_CHUNK", 300)
    small = Library.open(tmp_path / "data")
    small.import_paths([SEEDS, REALWORLD])
    for query in ["executve ordr competitivness", "open source", "kenedy nixon farm", "machine g", '"open weights"']:
        assert [(h.passage, h.spans) for h in small.search(query)] == [(h.passage, h.spans) for h in lib.search(query)]


def test_index_lost_is_rebuilt_from_the_library(tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = Library.open(data)
    library.import_paths([copy_seeds(tmp_path)])
    expected = [h.passage for h in library.search("open weights")]
    shutil.rmtree(data / "index")
    assert [h.passage for h in Library.open(data).search("open weights")] == expected


# -- CLI ----------------------------------------------------------------------------------------
def test_cli_search_json_and_text(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    from sayso.cli import main

    assert main(["--data", str(lib.data_dir), "search", "executve ordr", "--json", "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 3
    for hit in hits:
        assert {"passage", "document", "speaker", "text", "score", "spans"} <= hit.keys()
        for start, end in hit["spans"]:
            assert hit["text"][start:end]
    assert main(["search", "--data", str(lib.data_dir), "executve", "ordr"]) == 0
    out = capsys.readouterr().out
    assert "[executive]" in out.lower() or "[order]" in out.lower()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    assert main(["search", "--data", str(lib.data_dir), "qqqxxzzyy"]) == 0
    assert "no matches" in capsys.readouterr().out


def test_tag_facet_uses_quotes_when_they_can_answer(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    hits = lib.search("open source", limit=5)
    assert len(hits) >= 3
    chosen = {hits[1].passage, hits[2].passage}

    def passages_with_tag(tag: str) -> set[str]:
        return set(chosen) if tag == "keep" else set()

    monkeypatch.setattr(lib.index, "tags", passages_with_tag)
    assert {h.passage for h in lib.search("open source tag:keep")} == chosen
    assert {h.passage for h in lib.search("open source", tag="keep")} == chosen
    assert lib.search("open source tag:other") == []


def test_doc_facet_by_id_and_facets_alone(lib: Library) -> None:
    doc = next(d for d in lib.documents() if "Zuckerberg" in d.title)
    hits = lib.search(f"doc:{doc.id}", limit=3)
    assert [h.index for h in hits] == sorted(h.index for h in hits)
    assert hits and {h.document for h in hits} == {doc.id}
    assert all(h.spans == [] for h in hits)


# -- other forms of a word --------------------------------------------------------------------
def test_other_forms_share_most_of_the_beginning_and_differ_by_short_endings() -> None:
    from sayso.corpus.search import other_form

    for word, form in [
        ("donate", "donating"),
        ("donate", "donation"),
        ("attacking", "attack"),
        ("gallery", "galleries"),
    ]:
        assert other_form(word, form) and other_form(form, word), (word, form)
    assert other_form("галерея", "галереи")
    for word, stranger in [("supposed", "support"), ("donate", "donald"), ("chance", "change"), ("memo", "memory")]:
        assert not other_form(word, stranger), (word, stranger)
    assert not other_form("donate", "donate")


def test_a_query_in_another_form_of_the_words_finds_the_passage(tmp_path: Path) -> None:
    """A user trial: "donate money to the gallery" for "donating the money to that gallery" ranked a passage of
    the words "money" and "to" first; other forms of a word now count, below a typo's spelling."""
    text = (
        "Ana: I'm taking this next job, and I'm donating the money to that gallery.\n\n"
        "Ben: The money is yours to keep, you know. Nobody expects you to give it away.\n\n"
        "Ana: I know. But the gallery gave me my first show.\n\n"
        "Ben: Then donate it. I'd just keep some for the rent.\n\n"
        "Ana: Attacking the problem from both sides, then.\n"
    )
    (tmp_path / "talk.txt").write_text(text, encoding="utf-8")
    small = Library.open(tmp_path / "data")
    small.import_paths([tmp_path / "talk.txt"])
    hits = small.search("donate money to the gallery", limit=5)
    assert "donating the money to that gallery" in hits[0].text
    assert "donating" in words_at(hits[0])
    hit = small.search("attack problem", limit=1)[0]
    assert "Attacking the problem" in hit.text
    exact = small.search("donate", limit=5)
    assert "Then donate it" in exact[0].text  # (the word as typed ranks above another form of it)


def test_a_misspelt_surname_names_everyone_who_bears_it(tmp_path: Path) -> None:
    """A user trial: `speaker:kenedy farm` found nothing, since the typo matched one whole name (Michael Kennedy,
    who never says "farm") rather than everyone called Kennedy."""
    (tmp_path / "debate.txt").write_text(
        "SENATOR KENNEDY: The farm program has failed.\n\nMR. NIXON: The farm program is working.\n\n"
        "SENATOR KENNEDY: Farm income is down.\n\nMR. NIXON: It is not.\n",
        encoding="utf-8",
    )
    (tmp_path / "court.txt").write_text(
        "JUSTICE KENNEDY: Is a farm a business?\n\nMR. OLSON: It is, Your Honor.\n\n"
        "JUSTICE KENNEDY: Then say so.\n\nMR. OLSON: I will.\n",
        encoding="utf-8",
    )
    (tmp_path / "podcast.txt").write_text(
        "Michael Kennedy: Welcome to the show.\n\nJane Roe: Thanks.\n\nMichael Kennedy: Let's start.\n\nJane Roe: Sure.\n",
        encoding="utf-8",
    )
    small = Library.open(tmp_path / "data")
    small.import_paths([tmp_path / "debate.txt", tmp_path / "court.txt", tmp_path / "podcast.txt"])
    for typo in ("kenedy", "kennedi", "Kennedy"):
        speakers = {h.speaker for h in small.search(f"speaker:{typo} farm", limit=20)}
        assert speakers == {"Senator Kennedy", "Justice Kennedy"}, typo
    assert {h.speaker for h in small.search("speaker:nixn farm", limit=20)} == {"Mr. Nixon"}
