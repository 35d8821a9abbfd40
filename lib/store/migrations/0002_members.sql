-- Schema version 2: the member register (organisations, contacts, status history, interest).

CREATE TABLE member (
    id            TEXT PRIMARY KEY,            -- stable slug, e.g. fundacion-paz-ciudadana
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,               -- normalised name, for matching and duplicates
    search_text   TEXT NOT NULL,               -- folded name, acronym and city, for --search
    sort_key      BLOB NOT NULL,               -- collation key of the name
    acronym       TEXT,
    type          TEXT NOT NULL,
    region        TEXT,
    city          TEXT,
    website       TEXT,
    email         TEXT,
    phone         TEXT,
    joined        TEXT,                        -- ISO date
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('applicant', 'active', 'suspended', 'withdrawn')),
    ecosoc_status TEXT CHECK (ecosoc_status IN ('none', 'general', 'special', 'roster')),
    net4u         INTEGER NOT NULL DEFAULT 0 CHECK (net4u IN (0, 1)),
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX member_name_key ON member (name_key);
CREATE INDEX member_sort ON member (sort_key);
CREATE INDEX member_status ON member (status);

CREATE TABLE member_theme (
    member_id TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    theme     TEXT NOT NULL,
    PRIMARY KEY (member_id, theme)
) WITHOUT ROWID;
CREATE INDEX member_theme_theme ON member_theme (theme);

CREATE TABLE member_service (
    member_id TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    service   TEXT NOT NULL,
    PRIMARY KEY (member_id, service)
) WITHOUT ROWID;

-- Every status a member has had, with the date it took effect and why.
CREATE TABLE member_status_history (
    id          INTEGER PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'suspended', 'withdrawn')),
    date        TEXT NOT NULL,
    reason      TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX member_status_history_member ON member_status_history (member_id, date);

-- People of a member organisation. Erasure blanks the personal fields and sets erased_at.
CREATE TABLE contact (
    id           INTEGER PRIMARY KEY,
    member_id    TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    position     TEXT,
    email        TEXT,
    phone        TEXT,
    gender       TEXT NOT NULL DEFAULT 'undisclosed'
                 CHECK (gender IN ('female', 'male', 'non_binary', 'undisclosed')),
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    consent_date TEXT,
    erased_at    TEXT
);
CREATE INDEX contact_member ON contact (member_id);

-- Expressions of interest: a member offers to serve (steering committee, secretariat,
-- coordinator, working-group lead).
CREATE TABLE interest (
    id         INTEGER PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL
               CHECK (kind IN ('steering_committee', 'secretariat', 'coordinator', 'working_group_lead')),
    date       TEXT NOT NULL,
    statement  TEXT,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn', 'fulfilled')),
    working_group TEXT                          -- for working_group_lead: the group's id
);
CREATE INDEX interest_member ON interest (member_id);
