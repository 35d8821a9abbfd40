-- Schema version 1: the store's own bookkeeping, the alliance configuration and the audit log.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every configuration the store has held; the current one is the row with the highest id.
CREATE TABLE config (
    id         INTEGER PRIMARY KEY,
    yaml       TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

-- One row per change: who, when, with which command, to which record, and what changed.
-- contact_id links entries about a person so that their erasure can reach the log too.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    os_user     TEXT NOT NULL,
    command     TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    contact_id  INTEGER
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_contact ON audit (contact_id) WHERE contact_id IS NOT NULL;
