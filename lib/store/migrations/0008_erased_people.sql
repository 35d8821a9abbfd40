-- Schema version 8: people whose personal data was erased (member forget, contact remove) are
-- remembered by keyed digests only, so that a re-import of an old spreadsheet does not add them
-- again (member import refuses them without --allow-erased). A digest is HMAC-SHA-256, under
-- the store's own random key, of the person's name folded for matching (case and accents
-- ignored) or of their e-mail in lower case: it cannot be read back, and without the store's
-- key it cannot be tested against a guessed name.

CREATE TABLE erasure_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);
INSERT INTO erasure_key (id, key) VALUES (1, randomblob(32));

CREATE TABLE erased_person (
    id        INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind = 'name' OR kind = 'email'),
    digest    BLOB NOT NULL,
    erased_on TEXT NOT NULL
);
CREATE UNIQUE INDEX erased_person_digest ON erased_person (member_id, kind, digest);
