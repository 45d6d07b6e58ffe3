-- sayso archive schema 2: word search in the server (corpus/server/search.py).
--
-- Passages are searched by the words the local index uses (corpus.words: case and accents folded,
-- apostrophes dropped), worked out by sayso at import and stored as a tsvector (so the 'simple' parser
-- never cuts a word otherwise than sayso).  Query words are expanded to the spellings near them through a
-- trigram index on the vocabulary (pg_trgm), then passages holding them are found through the GIN index on
-- the words, and ranked by sayso as the local engine ranks them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every word of the live passages, with how many passages hold it (BM25's document frequency).  A new
-- word comes in with the document that brings it; the counts are brought up to date once per import
-- (ServerSearch.save), and a word no passage holds any more is deleted then.
CREATE TABLE sayso.vocabulary (
  word text PRIMARY KEY,
  -- what the trigram index holds for a word other than lower-case ASCII letters and digits: each other
  -- character as one of those (pg_trgm cuts words where its locale sees no letter; see trigram_key)
  key  text,
  df   integer NOT NULL
);
-- Near spellings (`coalesce(key, word) % 'typed'`) and prefixes as typed (`word ~>=~ 'pre'`).
CREATE INDEX vocabulary_trigrams ON sayso.vocabulary USING gin ((coalesce(key, word)) gin_trgm_ops);
CREATE INDEX vocabulary_prefix ON sayso.vocabulary (word text_pattern_ops);

-- Which version of each document the words below are of, in the order documents were indexed (`seq`:
-- equally good hits keep that order, as the local index keeps its slot order), with its passages and
-- words (BM25's collection size and average passage length are their sums), the names its passages
-- are under (the speakers a query word or a facet may name), and whether its words are counted in the
-- vocabulary yet.
CREATE SEQUENCE sayso.indexed_seq;
CREATE TABLE sayso.indexed (
  document text PRIMARY KEY,
  version  text NOT NULL,
  seq      bigint NOT NULL DEFAULT nextval('sayso.indexed_seq'),
  passages integer NOT NULL,
  words    bigint NOT NULL,
  speakers text[] NOT NULL DEFAULT '{}',
  counted  boolean NOT NULL DEFAULT false
);

-- One row per live passage: its distinct words (no places: phrases and proximity are checked on the
-- candidates' text, as locally; a word found n times has positions 1..n, for ts_rank), its length class
-- (a space and a number: no word holds a space) and how many words it has.
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
-- The shortest passages of a large candidate set (BM25 favours them), ANDed with the words' bitmaps.
CREATE INDEX passage_words_length ON sayso.passage_words (length);
CREATE INDEX passage_words_words ON sayso.passage_words USING gin (words);

GRANT SELECT ON sayso.vocabulary, sayso.indexed, sayso.passage_words TO sayso_reader;
GRANT INSERT, UPDATE, DELETE ON sayso.vocabulary, sayso.indexed, sayso.passage_words TO sayso_editor;
GRANT USAGE ON SEQUENCE sayso.indexed_seq TO sayso_editor;
