-- sayso archive schema 6: Chinese and Japanese are indexed as overlapping pairs of characters (corpus.words).
--
-- Before, a run of their characters was one word, so a word from the middle of a sentence was not found.  The
-- words are cut in Python, not here: this marks the indexed documents whose passages hold such characters
-- (`stale`), and the next save (an editor's next import or removal) indexes them again from their passages, as
-- it indexes a document whose version changed; until then they stay in the search by their old words.  Other
-- documents' words are the same as before and are left as they are.
ALTER TABLE sayso.indexed ADD COLUMN stale boolean NOT NULL DEFAULT false;

DO $$
BEGIN
  IF current_setting('server_encoding') = 'UTF8' THEN
    -- 々〆〇, Hiragana, Katakana, Katakana extensions, CJK ideographs (with extension A, B onwards) and the
    -- compatibility ideographs: corpus.words' _UNSPACED_CHARS (written with chr() to keep this file ASCII).
    UPDATE sayso.indexed i SET stale = true
    WHERE EXISTS (
      SELECT 1 FROM sayso.passages p
      WHERE p.document = i.document AND p.version = i.version
        AND p.text ~ ('[' || chr(12293) || '-' || chr(12295) || chr(12352) || '-' || chr(12543)
                      || chr(12784) || '-' || chr(12799) || chr(13312) || '-' || chr(19903)
                      || chr(19968) || '-' || chr(40959) || chr(63744) || '-' || chr(64255)
                      || chr(131072) || '-' || chr(201551) || ']'));
  ELSE
    -- (another encoding: which passages hold them is not asked of its regular expressions; all are indexed again)
    UPDATE sayso.indexed SET stale = true;
  END IF;
END
$$;
