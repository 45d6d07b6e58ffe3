-- sayso archive schema 5: the passages' words in two partitions, so that their word index is built on two cores;
-- and room in the vocabulary's pages for its counts to change in place (at the end).
--
-- An import that at least doubles the archive builds the GIN index on the passages' words once, at its end
-- (schema 3).  PostgreSQL 15 builds a GIN index on one core: at a million passages that build was a quarter of
-- the import, with the other core idle.  The words table is now split by a hash of the document into
-- passage_words_p0 and passage_words_p1, each with its own part of the index; an import builds the two parts
-- in two sessions at once (restore_word_index_part), then attaches them to the table's index
-- (restore_word_index, which also builds any part still missing, so it alone is enough).  Searches read the
-- table as before: the planner reads both partitions' indexes.  A document's rows are all in one partition.

DROP INDEX IF EXISTS sayso.passage_words_words;
DROP INDEX IF EXISTS sayso.passage_words_document;
DROP INDEX IF EXISTS sayso.passage_words_speaker;
DROP INDEX IF EXISTS sayso.passage_words_length;
ALTER TABLE sayso.passage_words RENAME TO passage_words_4;

CREATE TABLE sayso.passage_words (
  document text NOT NULL,
  version  text NOT NULL,
  idx      integer NOT NULL,
  speaker  text,
  length   integer NOT NULL,
  words    tsvector NOT NULL
) PARTITION BY HASH (document);
CREATE TABLE sayso.passage_words_p0 PARTITION OF sayso.passage_words FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sayso.passage_words_p1 PARTITION OF sayso.passage_words FOR VALUES WITH (MODULUS 2, REMAINDER 1);

INSERT INTO sayso.passage_words (document, version, idx, speaker, length, words)
  SELECT document, version, idx, speaker, length, words FROM sayso.passage_words_4;
DROP TABLE sayso.passage_words_4;

CREATE INDEX passage_words_document ON sayso.passage_words (document);
CREATE INDEX passage_words_speaker ON sayso.passage_words (speaker);
CREATE INDEX passage_words_length ON sayso.passage_words (length);
CREATE INDEX passage_words_words ON ONLY sayso.passage_words USING gin (words);
CREATE INDEX passage_words_p0_words ON sayso.passage_words_p0 USING gin (words);
CREATE INDEX passage_words_p1_words ON sayso.passage_words_p1 USING gin (words);
ALTER INDEX sayso.passage_words_words ATTACH PARTITION sayso.passage_words_p0_words;
ALTER INDEX sayso.passage_words_words ATTACH PARTITION sayso.passage_words_p1_words;

GRANT SELECT ON sayso.passage_words TO sayso_reader;
GRANT INSERT, UPDATE, DELETE ON sayso.passage_words TO sayso_editor;

-- The partitions of the words table, in order (what the functions below build and attach).
CREATE FUNCTION sayso.word_partitions() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'sayso.passage_words'::regclass ORDER BY c.relname
$$;

-- Whether the word index is whole: the table's index present and every partition's part attached to it.
CREATE FUNCTION sayso.word_index_ready() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('sayso.passage_words_words')),
                  false)
$$;

-- Drop the word index, and any part of it left unattached by a build that was killed.
CREATE OR REPLACE FUNCTION sayso.suspend_word_index() RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '10s'
AS $$
DECLARE
  part text;
  dropped boolean := false;
BEGIN
  IF to_regclass('sayso.passage_words_words') IS NOT NULL THEN
    DROP INDEX sayso.passage_words_words;
    dropped := true;
  END IF;
  FOR part IN SELECT sayso.word_partitions() LOOP
    IF to_regclass(format('sayso.%I', part || '_words')) IS NOT NULL THEN
      EXECUTE format('DROP INDEX sayso.%I', part || '_words');
      dropped := true;
    END IF;
  END LOOP;
  RETURN dropped;
END
$$;

-- Build one partition's part of the word index (`part`: 0, 1, ...), unless it is there; false if it was.  A part
-- is built under a lock of its own: a build a killed import left running is waited for, not raced.
CREATE FUNCTION sayso.restore_word_index_part(part integer) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET maintenance_work_mem = '128MB'
AS $$
DECLARE
  name text := format('passage_words_p%s', part);
BEGIN
  PERFORM pg_advisory_xact_lock(5928197, hashtext(name));
  IF to_regclass(format('sayso.%I', name)) IS NULL OR to_regclass(format('sayso.%I', name || '_words')) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE INDEX %I ON sayso.%I USING gin (words)', name || '_words', name);
  RETURN true;
END
$$;

-- Make the word index whole: the table's index, every partition's part (built here if missing) attached to it;
-- then the table's statistics (autovacuum analyzes partitions, never a partitioned table itself).
CREATE OR REPLACE FUNCTION sayso.restore_word_index() RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET maintenance_work_mem = '256MB'
AS $$
DECLARE
  part text;
  piece regclass;
BEGIN
  IF sayso.word_index_ready() THEN
    RETURN false;
  END IF;
  IF to_regclass('sayso.passage_words_words') IS NULL THEN
    CREATE INDEX passage_words_words ON ONLY sayso.passage_words USING gin (words);
  END IF;
  FOR part IN SELECT sayso.word_partitions() LOOP
    PERFORM pg_advisory_xact_lock(5928197, hashtext(part));
    piece := to_regclass(format('sayso.%I', part || '_words'));
    IF piece IS NULL THEN
      EXECUTE format('CREATE INDEX %I ON sayso.%I USING gin (words)', part || '_words', part);
      piece := to_regclass(format('sayso.%I', part || '_words'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = piece) THEN
      EXECUTE format('ALTER INDEX sayso.passage_words_words ATTACH PARTITION %s', piece);
    END IF;
  END LOOP;
  ANALYZE sayso.passage_words;
  RETURN true;
END
$$;

REVOKE ALL ON FUNCTION sayso.suspend_word_index(), sayso.restore_word_index(), sayso.restore_word_index_part(integer),
  sayso.word_partitions(), sayso.word_index_ready() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sayso.suspend_word_index(), sayso.restore_word_index(), sayso.restore_word_index_part(integer)
  TO sayso_editor;
GRANT EXECUTE ON FUNCTION sayso.word_partitions(), sayso.word_index_ready() TO sayso_reader, sayso_editor;

-- The vocabulary's counts change with every import (a re-imported document's words are counted out, its new
-- version's counted in): its pages now keep half their room free, so that a count's new row version fits on
-- its own page and no index is touched (a HOT update; a full page moved each row and wrote its entries in all
-- three indexes again).  CLUSTER rewrites the existing rows with that room.
ALTER TABLE sayso.vocabulary SET (fillfactor = 50);
CLUSTER sayso.vocabulary USING vocabulary_pkey;
