-- Schema version 3: the steering committee (seats and their history), the government observer,
-- elections (candidates, votes or tallies, results) and the secretariat.
-- Nothing here is overwritten: a seat that ends keeps its row with the date and the reason.

-- Elections come first: seats refer to the election that filled them.
CREATE TABLE election (
    id          INTEGER PRIMARY KEY,
    role        TEXT NOT NULL,                 -- a role key of the configuration
    seats       INTEGER NOT NULL DEFAULT 1 CHECK (seats >= 1),
    quorum      REAL NOT NULL CHECK (quorum >= 0 AND quorum <= 1),
    threshold   TEXT NOT NULL
                CHECK (threshold IN ('simple_majority', 'absolute_majority', 'two_thirds')),
    opened_on   TEXT NOT NULL,
    closed_on   TEXT,
    title       TEXT,
    -- how votes were recorded: one row per voting member, or counts per candidate
    mode        TEXT CHECK (mode IN ('ballots', 'tally')),
    ballots     INTEGER,                       -- tally mode: organisations that voted
    blank       INTEGER,                       -- tally mode: blank ballots among them
    electorate  INTEGER,                       -- voting members when the election closed
    result      TEXT CHECK (result IN ('elected', 'tie', 'quorum_not_reached', 'no_majority', 'no_votes')),
    created_at  TEXT NOT NULL
);
CREATE INDEX election_opened ON election (opened_on);

CREATE TABLE candidate (
    election_id   INTEGER NOT NULL REFERENCES election (id),
    member_id     TEXT NOT NULL REFERENCES member (id),
    contact_id    INTEGER REFERENCES contact (id),   -- who would take the seat
    added_on      TEXT NOT NULL,
    votes         INTEGER,                           -- tally mode: votes received
    elected       INTEGER NOT NULL DEFAULT 0 CHECK (elected IN (0, 1)),
    PRIMARY KEY (election_id, member_id)
) WITHOUT ROWID;

-- Ballots mode: one ballot per voting member; a ballot names up to `seats` candidates, or none
-- (blank: one row with candidate_id NULL).
CREATE TABLE vote (
    id           INTEGER PRIMARY KEY,
    election_id  INTEGER NOT NULL REFERENCES election (id),
    voter_id     TEXT NOT NULL REFERENCES member (id),
    candidate_id TEXT REFERENCES member (id),
    cast_on      TEXT NOT NULL
);
CREATE UNIQUE INDEX vote_once ON vote (election_id, voter_id, IFNULL(candidate_id, ''));
CREATE INDEX vote_election ON vote (election_id);

-- A seat on the Steering Committee: a member organisation, represented by one of its contacts,
-- in a configured role. Held from term_start to term_end (both included), unless ended_on is
-- set: from that day on the seat is no longer held.
CREATE TABLE seat (
    id          INTEGER PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member (id),
    contact_id  INTEGER NOT NULL REFERENCES contact (id),
    role        TEXT NOT NULL,
    term_start  TEXT NOT NULL,
    term_end    TEXT NOT NULL,
    ended_on    TEXT,
    end_reason  TEXT,
    election_id INTEGER REFERENCES election (id),
    created_at  TEXT NOT NULL,
    CHECK (term_end >= term_start),
    CHECK (ended_on IS NULL OR ended_on >= term_start)
);
CREATE INDEX seat_member ON seat (member_id);
CREATE INDEX seat_role ON seat (role);
CREATE INDEX seat_contact ON seat (contact_id);

-- The organisation acting as Secretariat, from from_date until the day before until_date.
CREATE TABLE secretariat (
    id          INTEGER PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member (id),
    from_date   TEXT NOT NULL,
    until_date  TEXT,
    election_id INTEGER REFERENCES election (id),
    seat_id     INTEGER REFERENCES seat (id),
    CHECK (until_date IS NULL OR until_date >= from_date)
);
CREATE INDEX secretariat_member ON secretariat (member_id);

-- A government representative attending the committee as observer: not a member, no vote.
-- Erasure blanks the personal fields and sets erased_at.
CREATE TABLE observer (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    institution TEXT NOT NULL,                 -- ministry or agency
    email       TEXT,
    gender      TEXT NOT NULL DEFAULT 'undisclosed'
                CHECK (gender IN ('female', 'male', 'non_binary', 'undisclosed')),
    from_date   TEXT NOT NULL,
    until_date  TEXT,                          -- first day no longer observing
    end_reason  TEXT,
    erased_at   TEXT,
    created_at  TEXT NOT NULL,
    CHECK (until_date IS NULL OR until_date >= from_date)
);
