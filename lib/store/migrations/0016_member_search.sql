-- Schema version 16: what --search compares (member list, member contact list), one narrow row
-- per member, so that a search reads 14 MB instead of the member and contact tables (60 MB for
-- 100,000 members, issue #21). `text` is the member's search_text, then for each of its contacts
-- not erased, in number order, char(31), the contact's search_text, char(31) and its
-- phone_digits: the columns as stored, so that a search finds here every member it finds there
-- (the query then checks them, as before, on the member and its contacts). The members module
-- writes the row with every change of a member's name, acronym, city or contacts, and of a
-- contact's erasure. No foreign key to member: nacsa never deletes a member, and checking the
-- parent on each insert was a hundredth of an import (the aim: 1.2 times the floor).
CREATE TABLE member_search (
    member_id TEXT PRIMARY KEY,
    text      TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO member_search (member_id, text)
SELECT m.id, m.search_text || ifnull((SELECT group_concat(char(31) || c.search_text || char(31)
    || c.phone_digits, '') FROM (SELECT search_text, phone_digits FROM contact c
    WHERE c.member_id = m.id AND c.erased_at IS NULL ORDER BY c.id) c), '')
FROM member m ORDER BY m.id;
