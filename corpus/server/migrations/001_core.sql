-- sayso archive schema 1: documents, speakers, passages, quotes and notes, people journal; roles and grants.
-- Run once by `sayso server init` inside one transaction; `sayso server migrate` runs later files in order.

CREATE SCHEMA IF NOT EXISTS sayso;

-- Group roles (cluster-wide, NOLOGIN): members are granted one of them with `sayso server grant`.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sayso_reader') THEN
    CREATE ROLE sayso_reader NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sayso_editor') THEN
    CREATE ROLE sayso_editor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sayso_admin') THEN
    CREATE ROLE sayso_admin NOLOGIN;
  END IF;
END
$$;
GRANT sayso_reader TO sayso_editor;
GRANT sayso_editor TO sayso_admin;

-- The schema version and other facts about this archive.
CREATE TABLE sayso.meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- What the local library keeps in library.json beside its documents: the speakers (one list, as the
-- importer merges them), the user's edits per document, and each document's live passages version.
CREATE TABLE sayso.library (
  one        boolean PRIMARY KEY DEFAULT true CHECK (one),
  generation bigint NOT NULL DEFAULT 0,
  speakers   jsonb NOT NULL DEFAULT '[]',
  edits      jsonb NOT NULL DEFAULT '{}',
  files      jsonb NOT NULL DEFAULT '{}',
  changed_by text NOT NULL DEFAULT current_user,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sayso.library DEFAULT VALUES;

CREATE TABLE sayso.documents (
  id          text PRIMARY KEY,
  seq         bigint NOT NULL,
  doc         jsonb NOT NULL,
  dropped     jsonb NOT NULL DEFAULT '[]',
  imported_by text NOT NULL DEFAULT current_user,
  changed_by  text NOT NULL DEFAULT current_user,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_seq ON sayso.documents (seq);

-- One row per passage of each version of a document; only the version sayso.library.files names is live.
CREATE TABLE sayso.passages (
  document  text NOT NULL,
  version   text NOT NULL,
  idx       integer NOT NULL,
  speaker   text,
  text      text NOT NULL,
  t_start   double precision,
  t_end     double precision,
  "offset"  integer NOT NULL,
  sentences jsonb,
  heading   text,
  PRIMARY KEY (document, version, idx)
);

-- The people journal (undo of renames, merges and splits), oldest first.
CREATE TABLE sayso.people_journal (
  seq   bigserial PRIMARY KEY,
  entry jsonb NOT NULL
);

-- Quotes: the quote as the local quotes.json keeps it (its note lives in sayso.notes), with who made and
-- last changed it.  `revision` rises by one on every change (optimistic concurrency: an edit names the
-- revision it was made on, and one made on an older revision is refused as a conflict).
CREATE TABLE sayso.quotes (
  id          text PRIMARY KEY,
  document    text NOT NULL,
  quote       jsonb NOT NULL,
  revision    integer NOT NULL DEFAULT 1,
  created_by  text NOT NULL DEFAULT current_user,
  created_at  timestamptz NOT NULL DEFAULT now(),
  modified_by text NOT NULL DEFAULT current_user,
  modified_at timestamptz NOT NULL DEFAULT now(),
  -- any write at all, a kept conflict included (readers notice change by it)
  touched_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX quotes_document ON sayso.quotes (document);

-- A quote's note, shared with the team or private to its author (row-level security below).
CREATE TABLE sayso.notes (
  -- (no cascade: a cascade would skip row-level security and delete another member's private note)
  quote_id    text PRIMARY KEY REFERENCES sayso.quotes (id),
  body        text NOT NULL DEFAULT '',
  private     boolean NOT NULL DEFAULT false,
  author      text NOT NULL DEFAULT current_user,
  history     jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now(),
  modified_by text NOT NULL DEFAULT current_user,
  modified_at timestamptz NOT NULL DEFAULT now()
);

-- Who and when are set by the server, never taken from the client.
CREATE FUNCTION sayso.stamp_quote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_by := current_user;
    NEW.created_at := now();
    NEW.touched_at := clock_timestamp();
    NEW.revision := 1;
  ELSE
    NEW.created_by := OLD.created_by;
    NEW.created_at := OLD.created_at;
    NEW.touched_at := clock_timestamp();
    IF (NEW.quote - 'history') = (OLD.quote - 'history') AND NEW.document = OLD.document THEN
      -- Only the history grew (a conflicting version kept there): not a change of the quote.
      NEW.revision := OLD.revision;
      NEW.modified_by := OLD.modified_by;
      NEW.modified_at := OLD.modified_at;
      RETURN NEW;
    END IF;
    NEW.revision := OLD.revision + 1;
  END IF;
  NEW.modified_by := current_user;
  NEW.modified_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER quotes_stamp BEFORE INSERT OR UPDATE ON sayso.quotes
  FOR EACH ROW EXECUTE FUNCTION sayso.stamp_quote();

CREATE FUNCTION sayso.stamp_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.author := current_user;
    NEW.created_at := now();
  ELSE
    -- A shared note rewritten by another member is theirs from then on (they may make it private);
    -- a private one is only ever changed by its author (row-level security below).
    NEW.author := CASE WHEN NEW.body IS DISTINCT FROM OLD.body THEN current_user ELSE OLD.author END;
    NEW.created_at := OLD.created_at;
  END IF;
  NEW.modified_by := current_user;
  NEW.modified_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER notes_stamp BEFORE INSERT OR UPDATE ON sayso.notes
  FOR EACH ROW EXECUTE FUNCTION sayso.stamp_note();

CREATE FUNCTION sayso.stamp_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.imported_by := current_user;
  ELSE
    NEW.imported_by := OLD.imported_by;
  END IF;
  NEW.changed_by := current_user;
  NEW.changed_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER documents_stamp BEFORE INSERT OR UPDATE ON sayso.documents
  FOR EACH ROW EXECUTE FUNCTION sayso.stamp_document();

-- Members' apps listen for quote changes: the payload names the quote, what happened and who did it
-- (never the note, which may be private).
CREATE FUNCTION sayso.notify_quote() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sayso_quotes', json_build_object(
    'op', lower(TG_OP),
    'id', COALESCE(NEW.id, OLD.id),
    'by', current_user)::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER quotes_notify AFTER INSERT OR UPDATE OR DELETE ON sayso.quotes
  FOR EACH ROW EXECUTE FUNCTION sayso.notify_quote();

-- Private notes: row-level security, enforced by the server for every role but superusers
-- (FORCE: the archive's owner too).  A private note is visible to, and changed by, its author only.
ALTER TABLE sayso.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sayso.notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON sayso.notes FOR SELECT
  USING (NOT private OR author = current_user);
CREATE POLICY notes_add ON sayso.notes FOR INSERT
  WITH CHECK (true);
CREATE POLICY notes_change ON sayso.notes FOR UPDATE
  USING (NOT private OR author = current_user)
  WITH CHECK (NOT private OR author = current_user);
CREATE POLICY notes_remove ON sayso.notes FOR DELETE
  USING (NOT private OR author = current_user);

-- Grants: readers read; editors also write the library and quotes; admins also grant (as the role that
-- ran init, which owns the schema).
GRANT USAGE ON SCHEMA sayso TO sayso_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA sayso TO sayso_reader;
GRANT INSERT, UPDATE, DELETE ON sayso.library, sayso.documents, sayso.passages, sayso.people_journal,
  sayso.quotes, sayso.notes TO sayso_editor;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA sayso TO sayso_editor;
