-- sayso archive schema 4: what the library keeps beside its documents, in rows per document and per speaker.
--
-- Schema 1 kept the live passages version of every document, the user's edits and every speaker (with their
-- passages per document) in the one row of sayso.library.  Every import rewrote that row whole, and it grows
-- with the archive: at 3,000 documents about 40 ms of every document's import went into rewriting it (two
-- fifths of importing a million passages).  Here each fact is a row of its own, so a document's import writes
-- the rows it changes: its live version, and one row per speaker it has.  sayso.library keeps the generation
-- (readers notice change by it) and who changed the library last.

CREATE TABLE sayso.files (
  document text PRIMARY KEY,
  version  text NOT NULL
);
INSERT INTO sayso.files (document, version)
  SELECT f.key, f.value FROM sayso.library l, jsonb_each_text(l.files) f;

CREATE TABLE sayso.edits (
  document text PRIMARY KEY,
  edits    jsonb NOT NULL
);
INSERT INTO sayso.edits (document, edits)
  SELECT e.key, e.value FROM sayso.library l, jsonb_each(l.edits) e
  WHERE jsonb_typeof(e.value) = 'object' AND e.value <> '{}'::jsonb;

-- A speaker's own fields (name, aliases, total passages, role, affiliation); `pos` is their place in the
-- library's list of speakers.  Names are not unique (a document's "Unknown Speaker" is one person in it, and
-- the next document's another): `nth` tells apart those of one name, in the list's order.
CREATE TABLE sayso.speakers (
  name    text NOT NULL,
  nth     integer NOT NULL,
  pos     bigint NOT NULL,
  speaker jsonb NOT NULL,
  PRIMARY KEY (name, nth)
);
-- Where each speaker speaks: their passages in a document (null: listed there without a count) and whether
-- the document is in their list of documents.
CREATE TABLE sayso.speaker_documents (
  name     text NOT NULL,
  nth      integer NOT NULL,
  document text NOT NULL,
  passages integer,
  listed   boolean NOT NULL,
  PRIMARY KEY (name, nth, document)
);

CREATE TEMPORARY TABLE listed_speakers ON COMMIT DROP AS
  SELECT s.value ->> 'name' AS name, (row_number() OVER (PARTITION BY s.value ->> 'name' ORDER BY s.n))::integer - 1
         AS nth, s.n AS pos, s.value AS speaker
  FROM sayso.library l, jsonb_array_elements(l.speakers) WITH ORDINALITY AS s(value, n)
  WHERE jsonb_typeof(s.value) = 'object' AND jsonb_typeof(s.value -> 'name') = 'string';

INSERT INTO sayso.speakers (name, nth, pos, speaker)
  SELECT name, nth, pos, speaker - 'counts' - 'documents' FROM listed_speakers;

INSERT INTO sayso.speaker_documents (name, nth, document, passages, listed)
  SELECT name, nth, document, max(passages), bool_or(listed) FROM (
    SELECT s.name, s.nth, c.key AS document, (c.value #>> '{}')::integer AS passages, false AS listed
    FROM listed_speakers s, jsonb_each(
      CASE WHEN jsonb_typeof(s.speaker -> 'counts') = 'object' THEN s.speaker -> 'counts' ELSE '{}'::jsonb END) c
    WHERE jsonb_typeof(c.value) = 'number'
    UNION ALL
    SELECT s.name, s.nth, d.value, NULL, true
    FROM listed_speakers s, jsonb_array_elements_text(
      CASE WHEN jsonb_typeof(s.speaker -> 'documents') = 'array' THEN s.speaker -> 'documents' ELSE '[]'::jsonb END) d
  ) AS places
  GROUP BY name, nth, document;

ALTER TABLE sayso.library DROP COLUMN speakers, DROP COLUMN edits, DROP COLUMN files;

GRANT SELECT ON sayso.files, sayso.edits, sayso.speakers, sayso.speaker_documents TO sayso_reader;
GRANT INSERT, UPDATE, DELETE ON sayso.files, sayso.edits, sayso.speakers, sayso.speaker_documents
  TO sayso_editor;
