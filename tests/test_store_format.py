"""The layout of docs/<id>.json: passages as columns (schema 2), the old one-row-per-passage files still read."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

import sayso.corpus.store as store_mod
from sayso.corpus.errors import DamagedFile, DataFolderError
from sayso.corpus.models import PASSAGE_SEPARATOR, Passage
from sayso.corpus.store import Store

DOC = "d0c1d2e3f4"


def make_passages(doc: str = DOC) -> list[Passage]:
    """Every combination of optional fields: timestamps or not, heading or not, no sentences, unicode."""
    texts = [
        "Hello there. General Kenobi!",
        "",
        "Ünïcödé — 日本語のテキスト。二つ目。",
        'emoji 🎉 and "quotes" \\ and\nnewline',
        "Last.",
    ]
    sentences = [[[0, 12], [13, 29]], [], [[0, 20], [20, 25]], [[0, 9]], [[0, 5]]]
    out, offset = [], 0
    for i, text in enumerate(texts):
        out.append(
            Passage(
                id=f"{doc}:{i}",
                document=doc,
                index=i,
                speaker=[None, "Ann Lee", "Zoë Ōsaka", None, "Ann Lee"][i],
                text=text,
                start=[None, 1.5, 0.0, None, 12.25][i],
                end=[None, None, 3.0, None, 14.0][i],
                offset=offset,
                sentences=sentences[i],
                heading=[None, "Part one", None, "Ⅱ. Zwei", None][i],
            )
        )
        offset += len(text) + len(PASSAGE_SEPARATOR)
    return out


def old_format_bytes(doc: str, passages: list[Passage]) -> bytes:
    """A passages file exactly as sayso wrote it before the columns (schema 1, one row each)."""
    payload = {
        "meta": {"1": {"schema": 1, "document": doc}},
        "passages": {str(i + 1): p.to_dict() for i, p in enumerate(passages)},
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "data")
    s.prepare()
    return s


def test_round_trip_of_every_field_combination(store: Store) -> None:
    passages = make_passages()
    store.save_passages(DOC, passages)
    loaded = store.passages(DOC)
    assert [p.to_dict() for p in loaded] == [p.to_dict() for p in passages]
    assert all(type(s) is list for p in loaded for s in p.sentences)
    assert [type(p.offset) for p in loaded] == [int] * len(passages)
    # Loads are independent: changing one result leaves the next load alone.
    loaded[0].sentences[0][0] = 99
    assert store.passages(DOC)[0].sentences[0] == [0, 12]


def test_new_file_is_columns_in_tinydb_format(store: Store) -> None:
    store.save_passages(DOC, make_passages())
    path = store.passages_path(DOC)
    raw = json.loads(path.read_bytes())
    assert set(raw) == {"meta", "columns"}
    meta = raw["meta"]["1"]
    assert (meta["schema"], meta["document"], meta["passages"]) == (store_mod.PASSAGES_SCHEMA, DOC, 5)
    columns = raw["columns"]["1"]
    assert columns["sentences"][0] == [0, 12, 13, 29]  # flat, not a list per sentence
    assert "id" not in columns and "offset" not in columns  # derived on load
    assert TinyDB(path).table("columns").all()[0]["text"][2] == "Ünïcödé — 日本語のテキスト。二つ目。"


def test_empty_document_round_trips(store: Store) -> None:
    store.save_passages(DOC, [])
    assert store.passages(DOC) == []


def test_passages_that_do_not_fit_columns_are_saved_as_rows_and_come_back_exactly(store: Store) -> None:
    odd = make_passages()
    odd[1].id = "legacy-id"  # not <doc>:<index>
    odd[2].offset = 7  # not the running sum
    odd[3].sentences = [[0, 3, 9]]  # not a pair
    store.save_passages(DOC, odd)
    assert "passages" in json.loads(store.passages_path(DOC).read_bytes())
    assert [p.to_dict() for p in store.passages(DOC)] == [p.to_dict() for p in odd]


def test_old_row_format_file_loads_identically(store: Store) -> None:
    passages = make_passages()
    path = store.passages_path(DOC)
    path.write_bytes(old_format_bytes(DOC, passages))
    old = store.passages(DOC)
    assert [p.to_dict() for p in old] == [p.to_dict() for p in passages]
    store.save_passages(DOC, old)  # written again in the new layout, same passages
    assert not path.exists()  # the old file is replaced by a new version
    assert "columns" in json.loads(store.passages_path(DOC).read_bytes())
    assert [p.to_dict() for p in store.passages(DOC)] == [p.to_dict() for p in passages]


def test_old_row_format_without_meta_loads(store: Store) -> None:
    passages = make_passages()
    rows = {str(i + 1): p.to_dict() for i, p in enumerate(reversed(passages))}  # keys out of reading order
    store.passages_path(DOC).write_bytes(json.dumps({"passages": rows}).encode())
    assert [p.to_dict() for p in store.passages(DOC)] == [p.to_dict() for p in passages]


def test_file_from_a_newer_sayso_is_refused_in_one_line(store: Store) -> None:
    store.save_passages(DOC, make_passages())
    path = store.passages_path(DOC)
    raw = json.loads(path.read_bytes())
    raw["meta"]["1"]["schema"] = store_mod.PASSAGES_SCHEMA + 1
    path.write_bytes(json.dumps(raw).encode())
    with pytest.raises(DataFolderError) as info:
        store.passages(DOC)
    message = str(info.value)
    assert "\n" not in message and "newer sayso" in message and "upgrade sayso" in message
    assert path.exists()  # refused, not set aside: the newer sayso can still read it


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: raw.replace(b'"text":[', b'"text":["extra",', 1),  # columns differ in length
        lambda raw: raw.replace(b'"columns"', b'"kolumns"', 1),  # columns missing
        lambda raw: raw.replace(b'"passages":5', b'"passages":4', 1),  # count disagrees
    ],
)
def test_damaged_new_format_file_is_set_aside(store: Store, damage) -> None:
    store.save_passages(DOC, make_passages())
    path = store.passages_path(DOC)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    with pytest.raises(DamagedFile, match="import its source file again") as info:
        store.passages(DOC)
    assert "\n" not in str(info.value)
    assert not path.exists() and Path(info.value.moved_to).read_bytes() == damaged
    with pytest.raises(DamagedFile):
        store.passages(DOC)  # never silently empty afterwards
    store.save_passages(DOC, make_passages())
    assert len(store.passages(DOC)) == 5


def test_loading_leaves_the_garbage_collector_as_it_was(store: Store) -> None:
    store.save_passages(DOC, make_passages())
    assert gc.isenabled()
    store.passages(DOC)
    assert gc.isenabled()
    gc.disable()
    try:
        store.passages(DOC)
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
    store.passages_path(DOC).write_bytes(b"{")
    with pytest.raises(DamagedFile):
        store.passages(DOC)
    assert gc.isenabled()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x1f", "\u2003"]))))
def test_a_documents_word_count_is_str_splits(texts: list[str]) -> None:
    expected = sum(len(text.split()) for text in texts)
    assert store_mod.count_words(texts) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_mod, "_COUNT_CHUNK", 3)  # (counted a few passages at a time)
        assert store_mod.count_words(texts) == expected


def test_the_document_list_finds_and_replaces_by_id_however_it_was_changed() -> None:
    # (LibraryData keeps an index of its documents: a folder import upserts thousands)
    import random

    from sayso.corpus.models import Document
    from sayso.corpus.store import LibraryData

    def doc(number: int, title: str = "") -> Document:
        return Document(id=f"d{number}", title=title, kind="talk", source="s")

    rng = random.Random(0)
    for trial in range(200):
        data = LibraryData(documents=[doc(1), doc(2)] if trial % 2 else [])
        model = list(data.documents)
        for step in range(50):
            number, roll = rng.randrange(12), rng.random()
            if roll < 0.5:
                new = doc(number, str(step))
                data.upsert(new)
                at = next((k for k, d in enumerate(model) if d.id == new.id), None)
                if at is None:
                    model.append(new)
                else:
                    model[at] = new
            elif roll < 0.65:
                data.remove(f"d{number}")
                model = [d for d in model if d.id != f"d{number}"]
            elif roll < 0.75 and model:  # replaced in place by hand, same id
                at = rng.randrange(len(model))
                model[at] = data.documents[at] = doc(int(model[at].id[1:]), "by hand")
            elif roll < 0.85 and model:  # removed by hand, then another appended by hand
                at = rng.randrange(len(model))
                del data.documents[at], model[at]
                absent = [n for n in range(12) if all(d.id != f"d{n}" for d in model)]
                data.documents.append(doc(rng.choice(absent), "appended by hand"))
                model.append(data.documents[-1])
            else:
                assert data.document(f"d{number}") is next((d for d in model if d.id == f"d{number}"), None)
            assert [id(d) for d in data.documents] == [id(d) for d in model]


# -- library.json through orjson ---------------------------------------------------------------------------------

_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _JSON_VALUES, max_size=4))
def test_data_files_are_read_and_written_as_the_standard_library_does(data: dict) -> None:
    # (orjson writes and reads library.json; every file must mean what it meant to the standard library)
    written = store_mod.encode_json(data)
    assert json.loads(written.decode("utf-8")) == json.loads(json.dumps(data, ensure_ascii=False))
    assert store_mod._loads(written) == json.loads(written.decode("utf-8"))


def test_what_orjson_refuses_is_still_read_and_written(tmp_path: Path) -> None:
    # A library.json the standard library wrote or reads: NaN, an escaped lone surrogate, a 70-bit integer.
    s = Store(tmp_path / "data")
    s.prepare()
    row = {"id": "d1", "title": "T \\ud800", "kind": "talk", "source": "s", "words": 2**70, "speakers": []}
    raw = json.dumps(
        {"meta": {"1": {"schema": store_mod.SCHEMA_VERSION}}, "documents": {"1": row}, "x": {"1": {"v": float("nan")}}}
    )
    assert "NaN" in raw
    (tmp_path / "data" / "library.json").write_text(raw.replace("T \\\\ud800", "T \\ud800"), encoding="utf-8")
    doc = s.documents()[0]
    assert doc.title == "T \ud800" and doc.words == 2**70
    data = s.read_for_update()
    data.documents[0].title = "T"
    with s.lock.held():
        s.write_library(data)  # (an integer beyond 64 bits: written by the standard library)
    assert json.loads((tmp_path / "data" / "library.json").read_text("utf-8"))["documents"]["1"]["words"] == 2**70
    assert s.documents()[0].words == 2**70


def test_a_read_after_this_stores_own_write_does_not_read_the_file_again(store: Store, monkeypatch) -> None:
    data = store.read_for_update()
    from sayso.corpus.models import Document

    data.upsert(Document(id="d1", title="First", kind="talk", source="s"))
    with store.lock.held():
        store.write_library(data)
    reads: list[Path] = []
    real = store_mod.read_json_file
    monkeypatch.setattr(store_mod, "read_json_file", lambda path, kind=None: reads.append(path) or real(path, kind))
    assert [d.title for d in store.documents()] == ["First"]
    assert reads == []
    # Another writer (another process) replaces the file: read from disk.
    other = Store(store.data_dir)
    again = other.read_for_update()
    again.documents[0].title = "Second"
    with other.lock.held():
        other.write_library(again)
    reads.clear()
    assert [d.title for d in store.documents()] == ["Second"]
    assert reads == [store.library_path]


def test_records_built_from_rows_equal_those_built_by_init() -> None:
    from sayso.corpus.models import Document, Speaker

    full = Document(id="d1", title="T", kind="talk", source="s", speakers=["A"], convention={"shape": "inline"})
    row = full.to_dict()
    assert Document.from_row(dict(row)) == full
    assert Document.from_row({"id": "d1", "title": "T", "kind": "talk", "source": "s"}) == Document(
        id="d1", title="T", kind="talk", source="s"
    )  # (a row from an older sayso: the rest take their defaults)
    assert Document.from_row({**row, "future_field": 1}) == full  # (a newer one's extra field is left out)
    speaker = Speaker.from_row({"name": "A", "counts": {"d1": 2}})
    assert speaker == Speaker(name="A", counts={"d1": 2}) and speaker.aliases == []
