-- sayso archive schema 2: word search in the server (corpus/server/search.py).
--
-- Passages are searched by the words the local index uses (corpus.words: case and accents folded,
-- apostrophes dropped), worked out by sayso at import and stored as a tsvector whose positions are the
-- words' places in the passage, so a phrase is a `<->` chain and the 'simple' parser never splits a word
-- differently from sayso.  Query words are expanded to the spellings near them through a trigram index
-- on the vocabulary (pg_trgm), then passages holding them are found through the GIN index on the words.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every word of the live passages, with how many passages hold it (BM25's document frequency).
-- A word no passage holds any more is deleted.
CREATE TABLE sayso.vocabulary (
  word text PRIMARY KEY,
  df   integer NOT NULL CHECK (df > 0)
);
-- Near spellings (`word % 'typed'`) and prefixes as typed (`word LIKE 'pre%'`).
CREATE INDEX vocabulary_trigrams ON sayso.vocabulary USING gin (word gin_trgm_ops);
CREATE INDEX vocabulary_prefix ON sayso.vocabulary (word text_pattern_ops);

-- Which version of each document the words below are of, in the order documents were indexed (`seq`:
-- equally good hits keep that order, as the local index keeps its slot order), with its passages and
-- words (BM25's collection size and average passage length are their sums).
CREATE SEQUENCE sayso.indexed_seq;
CREATE TABLE sayso.indexed (
  document text PRIMARY KEY,
  version  text NOT NULL,
  seq      bigint NOT NULL DEFAULT nextval('sayso.indexed_seq'),
  passages integer NOT NULL,
  words    bigint NOT NULL
);

-- One row per live passage: its words (positions from 1, in text order) and how many there are.
CREATE TABLE sayso.passage_words (
  document text NOT NULL,
  version  text NOT NULL,
  idx      integer NOT NULL,
  speaker  text,
  length   integer NOT NULL,
  words    tsvector NOT NULL
);
CREATE INDEX passage_words_document ON sayso.passage_words (document);
CREATE INDEX passage_words_speaker ON sayso.passage_words (speaker);
CREATE INDEX passage_words_words ON sayso.passage_words USING gin (words);

GRANT SELECT ON sayso.vocabulary, sayso.indexed, sayso.passage_words TO sayso_reader;
GRANT INSERT, UPDATE, DELETE ON sayso.vocabulary, sayso.indexed, sayso.passage_words TO sayso_editor;
GRANT USAGE ON SEQUENCE sayso.indexed_seq TO sayso_editor;
