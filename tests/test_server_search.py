"""Search on a shared archive answers as the local engine does: the same hits, in the same order, with the same
scores and highlighted words, for clean, misspelt, phrase, exclusion, prefix and faceted queries; typos expand
to the same spellings; removed and re-imported documents never show their old words; searches during imports
see whole documents; readers search too."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.corpus.library import Library
from sayso.corpus.query import parse_query
from sayso.corpus.server.words import passage_words

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DEMO = ROOT / "corpus" / "demo"
#: a debate (two speakers, farm policy), a parliament, a Russian caption file (words pg_trgm cuts otherwise
#: in a C-locale cluster), a screenplay, a podcast page, and the seed with Yann LeCun and Kai-Fu Lee
FILES = [
    SHARED / "realworld" / "debate-1960.txt",
    SHARED / "realworld" / "hansard-fiji-2021-03-25.html",
    SHARED / "realworld" / "youtube-autocaption-ru-cooking.vtt",
    SHARED / "realworld" / "screenplay-brick-and-steel.fountain",
    SHARED / "realworld" / "otter-62-security.md",
    SHARED / "seeds" / "003_ec03862bfd892207.txt",
]

pytestmark = pytest.mark.skipif(not all(f.exists() for f in FILES), reason="shared test material not found")

_databases = iter(range(1, 1000))


def typo(word: str, rng: random.Random) -> str:
    """`word` with one letter inserted, deleted, changed, or swapped with the next."""
    i = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return rng.choice(
        [
            word[:i] + letter + word[i:],
            word[:i] + word[i + 1 :],
            word[:i] + letter + word[i + 1 :],
            word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :],
        ]
    )


def new_archive(cluster: Any, member: str = "searcher", role: str = "editor") -> str:
    """A fresh archive in `cluster` and `member` granted `role` on it; the member's URL."""
    from sayso.corpus.server.admin import grant, migrate
    from sayso.corpus.server.pg import Server

    name = f"search{next(_databases)}"
    server = Server(cluster.create_database(name))
    try:
        migrate(server, initial=True)
        grant(server, member, role)
    finally:
        server.close()
    return str(cluster.url(member, name))


@pytest.fixture(scope="module")
def pair(pg_cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, Library, str]]:
    """(the archive, a local library, the archive's URL), each with the demo corpus and FILES imported."""
    url = new_archive(pg_cluster)
    server = Library.connect(url, data_dir=tmp_path_factory.mktemp("member"))
    local = Library.open(tmp_path_factory.mktemp("local"))
    try:
        for lib in (server, local):
            report = lib.import_paths([DEMO, *FILES])
            assert not report.errors
        assert len(server.documents()) == len(local.documents())
        yield server, local, url
    finally:
        server.close()


def same_hits(server: Library, local: Library, query: str, **facets: Any) -> list[str]:
    """What differs between the two engines' hits for `query` (nothing: the same hits, fields and order)."""
    a = [h.to_dict() for h in local.search(query, limit=10, **facets)]
    b = [h.to_dict() for h in server.search(query, limit=10, **facets)]
    if a == b:
        return []
    differing = [f"   {x} != {y}" for x, y in zip(a, b) if x != y][:3]
    return [
        f"{query!r} {facets or ''}: local {[h['passage'] for h in a]} server {[h['passage'] for h in b]}",
        *differing,
    ]


QUERIES = [
    # clean and misspelt words, names of speakers among them
    "open source",
    "opne sorce",
    "climate data",
    "clmate dta",
    "kennedy nixon farm",
    "kenedy nixn farm surpluses",
    "lecun opne sorce",
    "kai-fu lee open sorce",
    "farm surplusses",
    "teh",
    "yuo",
    "rcord",
    "exact words",
    "пастилу",
    "пастилу абрикос",
    # other forms of a word ("farming" for "farm", "surplus" for "surpluses")
    "farming surplus",
    "securing elections",
    # prefixes as typed
    "machine g",
    "transcri",
    "secur",
    "t",
    "a",
    "soverign",
    # phrases and exclusions
    '"open source"',
    '"open source" china',
    '"farm surplus"',
    "farm -kennedy",
    'open -"open source"',
    "-the",
    # facets alone and with words
    "speaker:nixon",
    "speaker:kenedy farm",
    "speaker:lecun open",
    'speaker:"Kai-Fu" sorce',
    "doc:debate farm",
    "kind:interview data",
    "kind:debate",
]


def test_the_archive_answers_as_the_local_engine(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    problems = [line for query in QUERIES for line in same_hits(server, local, query)]
    assert not problems, "\n".join(problems)


def test_facet_arguments_and_people_facets(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    for lib in (server, local):
        lib.edit_speaker("Senator Kennedy", role="Senator", affiliation="Massachusetts")
    problems = []
    for query, facets in [
        ("farm", {"speaker": "nixon"}),
        ("", {"doc": "debate"}),
        ("source", {"kind": "podcast"}),
        ("role:senator farm", {}),
        ("from:massachusets farm", {}),
        ("role:nobody farm", {}),
        ("speaker:nobodyxyz farm", {}),
    ]:
        problems += same_hits(server, local, query, **facets)
    assert not problems, "\n".join(problems)
    assert server.index.unmatched_facets("speaker:nobodyxyz doc:nothinglikeit farm") == local.index.unmatched_facets(
        "speaker:nobodyxyz doc:nothinglikeit farm"
    )


def test_tag_facet_finds_the_tagged_passages(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    for lib in (server, local):
        doc = next(d for d in lib.documents() if "1960" in d.title or "debate" in d.source)
        lib.quotes.add(doc.id, "farm", tags=["agriculture"], occurrence=1)
    tagged = [h.passage for h in server.search("tag:agriculture", limit=10)]
    assert tagged and tagged == [h.passage for h in local.search("tag:agriculture", limit=10)]
    assert not same_hits(server, local, "farm tag:agriculture")
    assert server.search("farm tag:nosuchtag") == []


def test_malformed_queries_answer_as_locally(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    queries = ['"unbalanced quote', "-", "- -", "speaker:", 'speaker:"', "doc:", '""', '-""', ":::", "   ", "tag:"]
    queries += ["kind:", "\x00\x1b[31m", "a" * 500, "-open", '"open', 'open"', 'speaker:"Kai', "qqqxxzzyy", "o'"]
    problems = [line for query in queries for line in same_hits(server, local, query)]
    assert not problems, "\n".join(problems)
    assert server.search("open", limit=0) == []


def test_typos_expand_to_the_spellings_the_local_engine_finds(pair: tuple[Library, Library, str]) -> None:
    """Through the trigram index, every vocabulary word within reach and no other (the local engine's rules)."""
    server, local, _ = pair
    index = local.index
    index.search("warm")  # loads the view
    vocabulary = [w for w in index.view.words if w.isalpha() and len(w) >= 3]
    rng = random.Random(7)
    words = [rng.choice(vocabulary) for _ in range(120)] + ["пастилу", "абрикос", "nixon", "kennedy"]
    differences = []
    with server.server.snapshot() as cur:
        for word in words:
            typed = typo(word, rng) if rng.random() < 0.8 else word
            if len(typed) > 8 and rng.random() < 0.5:
                typed = typo(typed, rng)
            for prefix in (False, True):
                terms, quality = index._expand(typed, prefix)
                expected = {index.view.words[int(t)]: round(float(v), 3) for t, v in zip(terms, quality)}
                q = parse_query(typed + ("" if prefix else " "))
                found = server.index._expand(cur, q, q.all_words(), typed if prefix else None)[0]  # type: ignore[union-attr]
                got = {w: round(v, 3) for w, v in found.weights.items()}
                if got != expected:
                    differences.append(
                        f"{typed!r} prefix={prefix}: local only {expected.keys() - got.keys()}, "
                        f"server only {got.keys() - expected.keys()}"
                    )
    assert not differences, "\n".join(differences[:10])


def test_vocabulary_counts_are_the_passages_holding_each_word(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    index = local.index
    index.search("warm")
    df = index._get("df")
    expected = {w: int(df[i]) for i, w in enumerate(index.view.words) if i < len(df) and df[i] > 0}
    with server.server.read() as cur:
        cur.execute("SELECT word, df FROM sayso.vocabulary")
        got = {r["word"]: r["df"] for r in cur.fetchall()}
    assert got == expected


def test_removed_and_reimported_documents_never_appear(pg_cluster: Any, tmp_path: Path) -> None:
    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    try:
        source = tmp_path / "talk.txt"
        source.write_text("Ada: The zanzibarian quorum met at noon.\n\nBob: Nothing else was said.\n", "utf-8")
        assert not lib.import_paths([source, DEMO]).errors
        [hit] = lib.search("zanzibarian")
        assert "zanzibarian" in hit.text and hit.spans
        source.write_text("Ada: The kalahari quorum met at noon.\n\nBob: Nothing else was said.\n", "utf-8")
        assert not lib.import_paths([source]).errors
        assert lib.search("zanzibarian") == [] and lib.search("zanzibaran") == []
        [hit] = lib.search("kalahari")
        assert "The kalahari quorum" in hit.text
        lib.remove(hit.document)
        assert lib.search("kalahari") == [] and lib.search("quorum met") == []
        with lib.server.read() as cur:  # type: ignore[union-attr]
            cur.execute("SELECT word FROM sayso.vocabulary WHERE word IN ('zanzibarian', 'kalahari', 'quorum')")
            assert cur.fetchall() == []
            cur.execute("SELECT count(*) AS n FROM sayso.passage_words WHERE document = %s", (hit.document,))
            assert cur.fetchone()["n"] == 0
        assert lib.search("open source")  # the other documents are still found
    finally:
        lib.close()


def test_a_reimport_changes_the_vocabularys_counts_in_place(pg_cluster: Any, tmp_path: Path) -> None:
    """Re-importing a document counts its words out and its new version's in: each count's new row version stays
    on its page (a HOT update, no index written), because the vocabulary's pages keep room for it."""
    import psycopg

    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    files = _minutes(tmp_path / "minutes", 30)
    owner = url.replace("searcher@", "postgres@")

    def pages() -> dict[str, int]:
        with psycopg.connect(owner, autocommit=True) as conn:
            rows = conn.execute("SELECT word, (ctid::text::point)[0]::int FROM sayso.vocabulary").fetchall()
        return dict(rows)

    try:
        assert not lib.import_paths([DEMO, *files]).errors
        panel = next(d for d in lib.documents() if d.title.startswith("Open Models"))
        words = {w for p in lib.passages(panel.id) for w in passage_words(p.text)}
        before = pages()
        assert len({before[w] for w in words}) > 3  # (the words are spread over several pages)
        path = Path(panel.source)
        changed = tmp_path / path.name
        changed.write_text(path.read_text("utf-8").replace("archive", "archives"), "utf-8")
        lib.import_file(changed, doc_id=panel.id)
        after = pages()
        kept = [w for w in words if w in after]
        assert len(kept) > 0.9 * len(words)
        moved = [w for w in kept if after[w] != before[w]]
        assert len(moved) < 0.05 * len(kept), f"{len(moved)} of {len(kept)} counts moved to another page"
    finally:
        lib.close()


def test_searches_during_imports_see_whole_documents(pg_cluster: Any, tmp_path: Path) -> None:
    """A document re-imported over and over in another thread: every search finds one whole version of it."""
    url = new_archive(pg_cluster)
    writer = Library.connect(url, data_dir=tmp_path / "writer")
    reader = Library.connect(url, data_dir=tmp_path / "reader")
    source = tmp_path / "minutes.txt"
    versions = [
        "\n\n".join(f"Chair: Item {i} on the {word} agenda was {word} approved." for i in range(40)) + "\n"
        for word in ("saffron", "cobalt")
    ]
    source.write_text(versions[0], "utf-8")
    writer.import_paths([source])
    stop = threading.Event()
    errors: list[BaseException] = []

    def churn() -> None:
        try:
            for n in range(12):
                source.write_text(versions[(n + 1) % 2], "utf-8")
                writer.import_paths([source])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            stop.set()

    thread = threading.Thread(target=churn)
    thread.start()
    try:
        searches = 0
        while not stop.is_set() or searches == 0:
            for word in ("saffron", "cobalt"):
                hits = reader.search(word, limit=100)
                assert len(hits) in (0, 40), (word, len(hits))
                assert all(f"{word} agenda" in h.text for h in hits)
            searches += 1
    finally:
        thread.join()
        writer.close()
        reader.close()
    assert not errors


def test_a_query_that_names_nothing_finds_nothing_in_an_archive_too(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    for query in ('"', "((", "speaker:"):
        assert server.search(query) == [] == local.search(query)
    assert server.search("speaker:lecun") and local.search("speaker:lecun")


def test_a_phrase_is_highlighted_in_an_archive_as_locally(pair: tuple[Library, Library, str]) -> None:
    server, local, _ = pair
    for query in ('"open source"', '"the models"', '"open source" models'):
        found = [(h.passage, h.spans) for h in server.search(query)]
        assert found and found == [(h.passage, h.spans) for h in local.search(query)], query
        for hit in server.search(query):
            marked = [hit.text[s:e].casefold() for s, e in hit.spans]
            assert "source" not in marked or "open" in marked  # (a phrase's words where the phrase stands)


def test_a_reader_searches_as_an_editor_does(
    pair: tuple[Library, Library, str], pg_cluster: Any, tmp_path: Path
) -> None:
    from sayso.corpus.server.admin import grant
    from sayso.corpus.server.pg import Server

    server, _, url = pair
    admin = Server(url.replace("searcher@", "postgres@"))
    try:
        grant(admin, "onlooker", "reader")
    finally:
        admin.close()
    reader = Library.connect(url.replace("searcher@", "onlooker@"), data_dir=tmp_path / "onlooker")
    try:
        for query in ("kenedy nixn farm", '"open source"', "speaker:lecun sorce"):
            assert [h.to_dict() for h in reader.search(query)] == [h.to_dict() for h in server.search(query)]
    finally:
        reader.close()


def test_an_archive_without_word_search_is_indexed_by_the_next_save(pg_cluster: Any, tmp_path: Path) -> None:
    """Documents whose words are not indexed (an archive imported before schema 2) are indexed by `save`,
    which an editor's next import or edit runs; words of documents gone meanwhile are forgotten."""
    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    try:
        assert not lib.import_paths([DEMO]).errors
        expected = [h.to_dict() for h in lib.search("opne sorce archives")]
        assert expected
        with lib.store.lock.held(), lib.server.write_cursor() as cur:  # type: ignore[union-attr]
            cur.execute("DELETE FROM sayso.passage_words")
            cur.execute("DELETE FROM sayso.indexed")
            cur.execute("DELETE FROM sayso.vocabulary")
        assert lib.search("opne sorce archives") == []
        with lib.store.lock.held():
            lib.index.save()
        assert [h.to_dict() for h in lib.search("opne sorce archives")] == expected
    finally:
        lib.close()


def _word_index_present(url: str) -> bool:
    """Whether the word index is whole: the table's index, with every partition's part attached to it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = "
            "to_regclass('sayso.passage_words_words')), false)"
        ).fetchone()
    return bool(row and row[0])


def _minutes(folder: Path, count: int, word: str = "") -> list[Path]:
    """`count` short meeting minutes (our own text), each with a word of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"minutes-{word}{i:03d}.txt"
        path.write_text(
            f"Chair: We take item {i}, the {word}budget{i} review.\n\n"
            f"Treasurer: The {word}budget{i} review found the accounts in order.\n\n"
            f"Chair: Thank you; item {i} is closed.\n",
            "utf-8",
        )
        paths.append(path)
    return paths


def test_an_import_doubling_the_archive_builds_the_word_index_at_its_end(pg_cluster: Any, tmp_path: Path) -> None:
    """An import of many files into a small archive drops the GIN index and builds it once at the end; each
    document is found as soon as it is committed meanwhile, and the answers are those of an import that kept
    the index up to date."""
    from sayso.corpus.server.search import BULK_MIN_FILES

    url = new_archive(pg_cluster)
    files = _minutes(tmp_path / "minutes", BULK_MIN_FILES + 5)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    watcher = Library.connect(url, data_dir=tmp_path / "watcher")
    seen: list[tuple[bool, int]] = []

    def progress(name: str, done: int, total: int) -> None:
        if done == 3:  # (called once the third document's transaction has committed)
            found = {h.document for h in watcher.search("review", limit=50)}
            seen.append((_word_index_present(url), len(found)))

    try:
        report = lib.import_paths(files, progress=progress)
        assert not report.errors and len(report.documents) == len(files)
        assert seen == [(False, 3)], "the index was kept during the import, or committed documents were not found"
        assert _word_index_present(url)
        bulk = [h.to_dict() for h in watcher.search("budgte12 reveiw")]
    finally:
        lib.close()
        watcher.close()
    # The same files into an archive of the same size, imported a few at a time (the index kept up to date).
    other = new_archive(pg_cluster)
    lib = Library.connect(other, data_dir=tmp_path / "member2")
    try:
        for start in range(0, len(files), 5):
            assert not lib.import_paths(files[start : start + 5]).errors
        assert _word_index_present(other)
        assert [h.to_dict() for h in lib.search("budgte12 reveiw")] == bulk != []
    finally:
        lib.close()


def test_the_word_index_is_built_in_parts_at_once(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words table is split in two partitions; an import that rebuilt the word index built each partition's
    part in a session of its own, at the same time (two cores where PostgreSQL 15 builds a GIN index on one),
    then attached both to the table's index, which the planner uses for a query word."""
    import psycopg

    from sayso.corpus.server.pg import Server
    from sayso.corpus.server.search import BULK_MIN_FILES

    url = new_archive(pg_cluster)
    files = _minutes(tmp_path / "minutes", BULK_MIN_FILES + 5)
    running: list[int] = []
    overlapped: list[int] = []
    real = Server.values_apart

    def watching(self: Server, calls: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
        # Both partitions locked by the owner first, so each part's build waits on its partition: both builds
        # are seen waiting at the same moment (then the locks go) if, and only if, they run at once.
        owner = psycopg.connect(url.replace("searcher@", "postgres@"))
        owner.execute("LOCK TABLE sayso.passage_words_p0, sayso.passage_words_p1 IN ACCESS EXCLUSIVE MODE")

        def release_when_both_wait() -> None:
            with psycopg.connect(url.replace("searcher@", "postgres@"), autocommit=True) as watcher:
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    row = watcher.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE 'SELECT sayso.restore_word_index_part%%'"
                    ).fetchone()
                    overlapped.append(int(row[0]) if row else 0)
                    if overlapped[-1] >= 2:
                        break
                    time.sleep(0.02)
            owner.commit()
            owner.close()

        releaser = threading.Thread(target=release_when_both_wait)
        releaser.start()
        try:
            out = real(self, calls)
        finally:
            releaser.join()
        running.extend(out)
        return out

    monkeypatch.setattr(Server, "values_apart", watching)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    try:
        assert not lib.import_paths(files).errors
        assert running == [True, True], "the parts were not built apart"
        assert max(overlapped) == 2, "the two parts were not built at the same time"
        assert _word_index_present(url)
        with psycopg.connect(url.replace("searcher@", "postgres@"), autocommit=True) as conn:
            counts = conn.execute(
                "SELECT (SELECT count(DISTINCT document) FROM sayso.passage_words_p0), "
                "(SELECT count(DISTINCT document) FROM sayso.passage_words_p1)"
            ).fetchone()
            assert counts is not None and min(counts) > 0 and sum(counts) == len(files)
            conn.execute("SET enable_seqscan = off")
            plan = "\n".join(
                r[0] for r in conn.execute("EXPLAIN SELECT idx FROM sayso.passage_words WHERE words @@ 'review'")
            )
            assert "passage_words_p0_words" in plan and "passage_words_p1_words" in plan
        assert len(lib.search("budgte3 reveiw")) >= 1
    finally:
        lib.close()


def test_migration_5_splits_the_words_table_finding_the_same(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive searched before schema 5 (one words table) finds, after `sayso server migrate`, exactly what an
    archive made at schema 5 finds, from the two partitions, with the word index whole."""
    import psycopg

    from sayso.corpus.server import admin
    from sayso.corpus.server.pg import Server

    queries = ("opne sorce archives", '"open weights"', "speaker:priya archve", "budgte3 -accounts")
    files = [DEMO, *_minutes(tmp_path / "minutes", 4)]
    now = Library.connect(new_archive(pg_cluster), data_dir=tmp_path / "now")
    try:
        assert not now.import_paths(files).errors
        expected = {q: [h.to_dict() for h in now.search(q)] for q in queries}
    finally:
        now.close()
    every = admin.migrations()
    monkeypatch.setattr(admin, "migrations", lambda: [m for m in every if m.version <= 4])
    url = new_archive(pg_cluster, "before5")
    owner = url.replace("before5@", "postgres@")
    with psycopg.connect(owner, autocommit=True) as conn:  # (the column this sayso's save reads: schema 6)
        conn.execute("ALTER TABLE sayso.indexed ADD COLUMN stale boolean NOT NULL DEFAULT false")
    before = Library.connect(url, data_dir=tmp_path / "before")
    try:
        assert not before.import_paths(files).errors
    finally:
        before.close()
    with psycopg.connect(owner, autocommit=True) as conn:
        conn.execute("ALTER TABLE sayso.indexed DROP COLUMN stale")
    monkeypatch.undo()
    with psycopg.connect(owner, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM sayso.passage_words").fetchone() == (
            sum(d for (d,) in conn.execute("SELECT passages FROM sayso.indexed")),
        )
    server = Server(owner)
    try:
        assert [m.version for m in admin.migrate(server)] == [m.version for m in every if m.version > 4]
    finally:
        server.close()
    assert _word_index_present(url)
    with psycopg.connect(owner, autocommit=True) as conn:
        parts = conn.execute(
            "SELECT (SELECT count(*) FROM sayso.passage_words_p0), (SELECT count(*) FROM sayso.passage_words_p1), "
            "(SELECT sum(passages) FROM sayso.indexed)"
        ).fetchone()
        assert parts is not None and min(parts[:2]) > 0 and parts[0] + parts[1] == parts[2]
    after = Library.connect(url, data_dir=tmp_path / "after")
    try:
        for q in queries:
            assert [h.to_dict() for h in after.search(q)] == expected[q], q
        assert all(expected[q] for q in queries[:3])
    finally:
        after.close()


def test_an_archive_import_tells_its_progress_holding_no_lock(pg_cluster: Any, tmp_path: Path) -> None:
    """The progress callback (the app's progress bar, a script's printing) runs after each document's transaction:
    however long it takes, another member's write is not kept waiting behind it."""
    import psycopg

    from sayso.corpus.server.pg import LIBRARY_LOCK

    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    free: list[bool] = []
    other = psycopg.connect(url, autocommit=True)

    def progress(name: str, done: int, total: int) -> None:
        with other.transaction():
            row = other.execute("SELECT pg_try_advisory_xact_lock(%s)", (LIBRARY_LOCK,)).fetchone()
        free.append(bool(row and row[0]))

    try:
        assert not lib.import_paths(_minutes(tmp_path / "minutes", 4), progress=progress).errors
        assert free == [True] * 4
    finally:
        other.close()
        lib.close()


def test_a_small_import_into_a_big_archive_keeps_the_index(pg_cluster: Any, tmp_path: Path) -> None:
    from sayso.corpus.server.search import BULK_MIN_FILES

    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    seen: list[bool] = []
    try:
        assert not lib.import_paths(_minutes(tmp_path / "first", BULK_MIN_FILES + 5)).errors
        report = lib.import_paths(
            _minutes(tmp_path / "second", BULK_MIN_FILES, "more"),
            progress=lambda *_: seen.append(_word_index_present(url)),
        )
        assert not report.errors and seen and all(seen)
    finally:
        lib.close()


def test_a_killed_bulk_import_leaves_the_index_to_the_next_import(pg_cluster: Any, tmp_path: Path) -> None:
    """A bulk import killed after dropping the index (simulated: the function called, the session gone): the
    next import by anyone builds it again, unless a bulk import still holds the lock; a reader may do neither."""
    import psycopg

    from sayso.corpus.server.admin import grant
    from sayso.corpus.server.pg import BULK_LOCK, Server

    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    try:
        assert not lib.import_paths([DEMO]).errors
        expected = [h.to_dict() for h in lib.search("opne sorce archives")]
        with psycopg.connect(url, autocommit=True) as conn:
            assert conn.execute("SELECT sayso.suspend_word_index()").fetchone() == (True,)
        assert not _word_index_present(url)
        assert [h.to_dict() for h in lib.search("opne sorce archives")] == expected  # slower, not wrong
        # Another member's bulk import still running (its session holds the lock): left alone.
        with psycopg.connect(url, autocommit=True) as bulk:
            bulk.execute("SELECT pg_advisory_lock(%s)", (BULK_LOCK,))
            assert not lib.import_paths(_minutes(tmp_path / "a", 2, "a")).errors
            assert not _word_index_present(url)
        assert not lib.import_paths(_minutes(tmp_path / "b", 2, "b")).errors
        assert _word_index_present(url)
        # (the minutes changed the collection's statistics, so scores moved; not which passages are found)
        again = lib.search("opne sorce archives")
        assert again[0].passage == expected[0]["passage"]
        assert {h.passage for h in again} == {h["passage"] for h in expected}
        # A reader can neither drop nor build it.
        admin = Server(url.replace("searcher@", "postgres@"))
        try:
            grant(admin, "glancer", "reader")
        finally:
            admin.close()
        with psycopg.connect(url.replace("searcher@", "glancer@"), autocommit=True) as conn:
            for function in ("suspend_word_index", "restore_word_index"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(f"SELECT sayso.{function}()")
        assert _word_index_present(url)
    finally:
        lib.close()


def test_a_folder_imports_search_words_made_beside_the_parse(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder import hands the index each passage's search words made with the parse (in the workers, or
    here in one process), so the importing process does not cut them again; the archive then answers exactly
    as one whose index cut the words itself (`import_file`, one file at a time)."""
    from sayso.corpus.server import search as server_search

    files = _minutes(tmp_path / "minutes", 6)
    ahead = Library.connect(new_archive(pg_cluster), data_dir=tmp_path / "ahead")
    itself = Library.connect(new_archive(pg_cluster, "searcher2"), data_dir=tmp_path / "itself")
    cut_here = {"n": 0}
    real = server_search.search_words

    def counting(texts: Any) -> Any:
        cut_here["n"] += 1
        return real(texts)

    try:
        # (the index's own cutting, where the words were not made ahead; the parse's goes by `import_words`)
        monkeypatch.setattr(server_search, "search_words", counting)
        assert not ahead.import_paths(files).errors
        assert cut_here["n"] == 0, "the importing process cut the words again"
        for path in files:
            itself.import_file(path)
        assert cut_here["n"] == len(files)
        monkeypatch.undo()
        for query in ("reveiw acounts", '"accounts in order"', "speaker:treasurer review", "review -accounts"):
            expected = [(h.document, h.text, h.score, h.spans) for h in itself.search(query, limit=20)]
            assert (
                expected and [(h.document, h.text, h.score, h.spans) for h in ahead.search(query, limit=20)] == expected
            )
    finally:
        ahead.close()
        itself.close()


def test_an_index_that_cannot_be_built_again_is_said(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The word index missing and its rebuild refused: the import still succeeds, and the library's problems
    say in one line that searches are slow and why (not only a log line)."""
    import psycopg

    from sayso.corpus.errors import ServerError
    from sayso.corpus.server import pg

    url = new_archive(pg_cluster)
    lib = Library.connect(url, data_dir=tmp_path / "member")
    try:
        assert not lib.import_paths([DEMO]).errors
        lib.problems()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SELECT sayso.suspend_word_index()")
        real = pg.Session.value

        def refusing(self: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
            if "restore_word_index" in sql:
                raise ServerError("permission denied for function restore_word_index")
            return real(self, sql, params)

        monkeypatch.setattr(pg.Session, "value", refusing)
        assert not lib.import_paths(_minutes(tmp_path / "m", 1)).errors
        (line,) = lib.problems()
        assert "word index could not be built again" in line and "permission denied" in line and "\n" not in line
    finally:
        lib.close()
