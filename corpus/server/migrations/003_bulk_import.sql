-- sayso archive schema 3: an import that at least doubles the archive builds the word index once, at its end.
--
-- Keeping the GIN index on the passages' words up to date costs work for every word of every passage
-- inserted; building it afresh over the same rows costs about half as much, and the gap grows with the
-- archive (PostgreSQL's own advice for populating a database: drop the index, load, create it again).
-- Members may not drop or create indexes (they do not own the tables): these two functions, run as their
-- owner, are all an editor's import may do.  While the index is away, searches still find every committed
-- document (by reading the words table: slower, not wrong); the importing process holds an advisory lock
-- meanwhile, so that another member's import puts the index back only when no bulk import is running
-- (after one was killed, say).

CREATE FUNCTION sayso.suspend_word_index() RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '10s'
AS $$
BEGIN
  IF to_regclass('sayso.passage_words_words') IS NULL THEN
    RETURN false;
  END IF;
  DROP INDEX sayso.passage_words_words;
  RETURN true;
END
$$;

CREATE FUNCTION sayso.restore_word_index() RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET maintenance_work_mem = '256MB'
AS $$
BEGIN
  IF to_regclass('sayso.passage_words_words') IS NOT NULL THEN
    RETURN false;
  END IF;
  CREATE INDEX passage_words_words ON sayso.passage_words USING gin (words);
  RETURN true;
END
$$;

REVOKE ALL ON FUNCTION sayso.suspend_word_index(), sayso.restore_word_index() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sayso.suspend_word_index(), sayso.restore_word_index() TO sayso_editor;
