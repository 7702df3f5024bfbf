/* pep-store-schema.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The migrations, one per schema version, applied in order inside one transaction each.
 * Never edit a migration that has shipped: add the next one. The columns of each table
 * are the fields of pep-field-list.h; test-store checks the two agree.
 */

#include "config.h"

#include "pep-store.h"
#include "pep-store-schema.h"

#define LOCKED(plan_id) \
  "  WHEN (SELECT status FROM plan WHERE id = " plan_id ") IN ('signed-off', 'superseded')" \
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
#define ROW_LOCK(table) \
  "CREATE TRIGGER " table "_lock_insert BEFORE INSERT ON " table LOCKED ("NEW.plan_id") \
  "CREATE TRIGGER " table "_lock_update BEFORE UPDATE ON " table LOCKED ("OLD.plan_id") \
  "CREATE TRIGGER " table "_lock_delete BEFORE DELETE ON " table LOCKED ("OLD.plan_id")

static const char migration_1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ");"
  "CREATE TABLE school ("
  "  id           INTEGER PRIMARY KEY,"
  "  urn          INTEGER NOT NULL UNIQUE,"
  "  name         TEXT,"
  "  la_code      INTEGER,"
  "  estab        INTEGER,"
  "  trust        TEXT,"
  "  phase        TEXT,"
  "  ofsted       TEXT,"
  "  in_authority INTEGER"
  ");"
  "CREATE TABLE child ("
  "  id                 INTEGER PRIMARY KEY,"
  "  uuid               TEXT NOT NULL UNIQUE,"
  "  upn                TEXT UNIQUE,"
  "  uln                TEXT,"
  "  la_child_id        TEXT,"
  "  legal_forename     TEXT,"
  "  legal_surname      TEXT,"
  "  preferred_name     TEXT,"
  "  dob                TEXT,"
  "  gender             TEXT,"
  "  ethnicity          TEXT,"
  "  first_language     TEXT,"
  "  interpreter        INTEGER,"
  "  uasc               INTEGER,"
  "  legal_status       TEXT,"
  "  care_authority     TEXT,"
  "  entered_care       TEXT,"
  "  placement_type     TEXT,"
  "  placement_in_la    INTEGER,"
  "  sen_status         TEXT,"
  "  primary_need       TEXT,"
  "  school_urn         INTEGER REFERENCES school (urn),"
  "  nc_year            INTEGER,"
  "  designated_teacher TEXT,"
  "  social_worker      TEXT,"
  "  vs_advisor         TEXT,"
  "  carer              TEXT"
  ");"
  /* Covering, so that the child list of a whole country reads no table rows. */
  "CREATE INDEX child_name ON child (legal_surname, legal_forename, id, upn, preferred_name,"
  "  nc_year, school_urn);"
  "CREATE INDEX child_school ON child (school_urn);"
  "CREATE TABLE plan ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  amends_id      INTEGER REFERENCES plan (id),"
  "  child_id       INTEGER NOT NULL REFERENCES child (id),"
  "  academic_year  INTEGER NOT NULL,"
  "  term           TEXT NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),"
  "  review_reason  TEXT,"
  "  kind           TEXT NOT NULL"
  "                 CHECK (kind IN ('early-years', 'school-age', 'post-16', 'post-18', 'neet')),"
  "  status         TEXT NOT NULL"
  "                 CHECK (status IN ('draft', 'submitted', 'returned', 'approved',"
  "                                   'signed-off', 'superseded')),"
  "  revision       INTEGER NOT NULL DEFAULT 1,"
  "  school_urn     INTEGER,"
  "  created_at     TEXT NOT NULL,"
  "  updated_at     TEXT NOT NULL,"
  "  meeting_date TEXT, meeting_mode TEXT, meeting_chair TEXT,"
  "  attended_dt INTEGER, attended_sw INTEGER, attended_carer INTEGER, attended_child INTEGER,"
  "  attended_advisor INTEGER, attended_parent INTEGER, attended_interpreter INTEGER,"
  "  child_wishes TEXT, late_reason TEXT,"
  "  voice_going_well TEXT, voice_hard TEXT, voice_help TEXT, voice_hopes TEXT,"
  "  voice_not_recorded TEXT,"
  "  setting_type TEXT, hours_per_week REAL, part_time_reason TEXT, part_time_plan TEXT,"
  "  alternative_provision TEXT, planned_moves TEXT,"
  "  ey_funded_hours TEXT, ey_two_year_check TEXT, ey_prime_areas TEXT, ey_learning_at_home TEXT,"
  "  attendance_term REAL, attendance_ytd REAL, sessions_possible INTEGER,"
  "  sessions_attended INTEGER, sessions_authorised INTEGER, sessions_unauthorised INTEGER,"
  "  suspensions INTEGER, suspension_days REAL, permanent_exclusion INTEGER,"
  "  internal_exclusions INTEGER, exclusion_risk TEXT, behaviour_notes TEXT,"
  "  approach_to_learning TEXT, working_at_are INTEGER, eyfs_gld INTEGER, phonics_mark INTEGER,"
  "  attainment_8 REAL, progress_8 REAL, results_validated INTEGER,"
  "  sen_status TEXT, ehcp_start TEXT, ehcp_review TEXT, sen_needs TEXT, sdq_total INTEGER,"
  "  sdq_date TEXT, sdq_strategies TEXT, support_in_place TEXT,"
  "  se_strengths TEXT, se_needs TEXT, se_relationships TEXT, se_trusted_adult TEXT,"
  "  previous_targets_reviewed INTEGER,"
  "  ppplus_allocated INTEGER, ppplus_notes TEXT,"
  "  career_aspirations TEXT, careers_guidance TEXT, intended_destination TEXT,"
  "  post16_status TEXT, post16_provider TEXT, post16_course TEXT, post16_level TEXT,"
  "  bursary_16_19 INTEGER, he_interest INTEGER, neet_reengagement TEXT,"
  "  sw_contacts TEXT, sw_family_time TEXT, sw_sensitive_issues TEXT, sw_care_plan_changes TEXT,"
  "  sw_placement_stability TEXT, sw_checked TEXT,"
  "  carer_views TEXT,"
  "  qa_rubric TEXT, qa_rubric_version TEXT, qa_overall_proposed TEXT, qa_overall TEXT,"
  "  qa_override_reason TEXT, qa_officer TEXT, qa_reviewed_at TEXT"
  ");"
  /* One termly PEP per child per term; unscheduled reviews (with a reason) as many as needed;
   * an amendment of a signed-off PEP is a new PEP that names it, one open at a time. */
  "CREATE UNIQUE INDEX plan_termly ON plan (child_id, academic_year, term)"
  "  WHERE review_reason IS NULL AND amends_id IS NULL;"
  "CREATE UNIQUE INDEX plan_amendment ON plan (amends_id) WHERE amends_id IS NOT NULL;"
  "CREATE INDEX plan_child ON plan (child_id, academic_year, term, review_reason, status, kind);"
  "CREATE INDEX plan_term ON plan (academic_year, term, status);"
  "CREATE TABLE attainment ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  subject TEXT, scheme TEXT, current TEXT, target_year TEXT, target_ks TEXT,"
  "  progress TEXT, effort TEXT"
  ");"
  "CREATE INDEX attainment_plan ON attainment (plan_id, position);"
  "CREATE TABLE target ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  area TEXT, description TEXT, success_criteria TEXT, strategy TEXT, strategy_category TEXT,"
  "  owner TEXT, due TEXT, funding_amount INTEGER, funding_source TEXT, voice_link TEXT"
  ");"
  "CREATE INDEX target_plan ON target (plan_id, position);"
  "CREATE TABLE target_review ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  previous_target INTEGER REFERENCES target (id) ON DELETE SET NULL,"
  "  target_text TEXT, outcome TEXT, comment TEXT"
  ");"
  "CREATE INDEX target_review_plan ON target_review (plan_id, position);"
  "CREATE INDEX target_review_previous ON target_review (previous_target);"
  "CREATE TABLE funding_request ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  amount INTEGER, rationale TEXT, intervention TEXT, expected_outcome TEXT,"
  "  decision TEXT, decision_note TEXT"
  ");"
  "CREATE INDEX funding_request_plan ON funding_request (plan_id, position);"
  "CREATE TABLE signoff ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  role TEXT, name TEXT, signed_at TEXT, comment TEXT"
  ");"
  "CREATE INDEX signoff_plan ON signoff (plan_id, position);"
  "CREATE TABLE rating ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  section TEXT, proposed TEXT, rating TEXT, reason TEXT, feedback TEXT, rated_by TEXT,"
  "  rated_at TEXT"
  ");"
  "CREATE INDEX rating_plan ON rating (plan_id, position);"
  "CREATE TABLE follow_up ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  action TEXT, owner_role TEXT, due TEXT, status TEXT, raised_by TEXT, done_at TEXT"
  ");"
  "CREATE INDEX follow_up_plan ON follow_up (plan_id, position);"
  "CREATE INDEX follow_up_open ON follow_up (status, due);"
  /* Every change, from the first: who, in which role, when, to which record and field. The
   * value columns have no type so that each value keeps the type it had. */
  "CREATE TABLE audit ("
  "  id         INTEGER PRIMARY KEY,"
  "  at         TEXT NOT NULL,"
  "  who        TEXT NOT NULL,"
  "  role       TEXT NOT NULL,"
  "  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),"
  "  table_name TEXT NOT NULL,"
  "  record_id  INTEGER NOT NULL,"
  "  field      TEXT,"
  "  old_value,"
  "  new_value"
  ");"
  "CREATE INDEX audit_record ON audit (table_name, record_id);"
  /* What was last exchanged as XML, per PEP: kept apart from the PEP so that recording an
   * exchange is not a change to a locked PEP. */
  "CREATE TABLE plan_sync ("
  "  plan_id   INTEGER PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,"
  "  digest    TEXT NOT NULL,"
  "  synced_at TEXT NOT NULL"
  ");"
  /* The lock: a signed-off or superseded PEP and its rows never change. The one move allowed
   * is signed-off → superseded, when its amendment is signed off. */
  "CREATE TRIGGER plan_lock_update BEFORE UPDATE ON plan"
  "  WHEN OLD.status IN ('signed-off', 'superseded')"
  "   AND NOT (OLD.status = 'signed-off' AND NEW.status = 'superseded')"
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
  "CREATE TRIGGER plan_lock_delete BEFORE DELETE ON plan"
  "  WHEN OLD.status IN ('signed-off', 'superseded')"
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
  ROW_LOCK ("attainment")
  ROW_LOCK ("target")
  ROW_LOCK ("target_review")
  ROW_LOCK ("funding_request")
  ROW_LOCK ("signoff")
  ROW_LOCK ("rating")
  ROW_LOCK ("follow_up");

/* Covering indexes for the figures (pep-stats.c), which read every PEP of several terms and
 * their rows: without them each row costs a lookup in its table. The first move to
 * "submitted" is how long a PEP has waited in the QA queue, and when it was completed. */
static const char migration_2[] =
  "CREATE INDEX plan_stats ON plan (academic_year, term, review_reason, status, amends_id,"
  "                                 child_id);"
  "CREATE INDEX rating_stats ON rating (plan_id, section, rating);"
  "CREATE INDEX target_review_stats ON target_review (plan_id, outcome);"
  "CREATE INDEX target_stats ON target (plan_id, funding_source, funding_amount);"
  "CREATE INDEX follow_up_stats ON follow_up (plan_id, status, due);"
  "CREATE INDEX audit_submitted ON audit (record_id, at)"
  "  WHERE table_name = 'plan' AND field = 'status' AND new_value = 'submitted';";

/* The day a child started at their school: a change of school starts the clock for an
 * unscheduled review (DOMAIN.md §2). Earlier changes are in the audit trail. */
static const char migration_3[] =
  "ALTER TABLE child ADD COLUMN school_start TEXT;";

/* PP+ spent by the kind of intervention: the targets' index covers the strategy too. */
static const char migration_4[] =
  "DROP INDEX target_stats;"
  "CREATE INDEX target_stats ON target (plan_id, funding_source, funding_amount,"
  "                                     strategy_category);";

/* A child's time in care is one or more episodes, and their schools a history: a child who
 * left care is in no later cohort, one who returns starts a new clock, and every change of
 * school has its own (DOMAIN.md §9). Both days of an episode or a spell are included; an
 * empty end is "still". child.entered_care, legal_status and placement_type stay, as the
 * latest episode's, and school_urn and school_start as the latest school's: the store keeps
 * them so. Each is seeded from what the child had. */
static const char migration_5[] =
  "CREATE TABLE care_episode ("
  "  id             INTEGER PRIMARY KEY,"
  "  child_id       INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,"
  "  entered_care   TEXT NOT NULL,"
  "  left_care      TEXT CHECK (left_care IS NULL OR left_care >= entered_care),"
  "  legal_status   TEXT,"
  "  placement_type TEXT"
  ");"
  "CREATE INDEX care_episode_child ON care_episode (child_id, entered_care, left_care);"
  "INSERT INTO care_episode (child_id, entered_care, legal_status, placement_type)"
  "  SELECT id, entered_care, legal_status, placement_type FROM child"
  "   WHERE entered_care IS NOT NULL ORDER BY id;"
  "CREATE TABLE school_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  child_id    INTEGER NOT NULL REFERENCES child (id) ON DELETE CASCADE,"
  "  school_urn  INTEGER NOT NULL,"
  "  started     TEXT,"
  "  ended       TEXT CHECK (ended IS NULL OR started IS NULL OR ended >= started)"
  ");"
  "CREATE INDEX school_history_child ON school_history (child_id, started, ended, school_urn);"
  "INSERT INTO school_history (child_id, school_urn, started)"
  "  SELECT id, school_urn, school_start FROM child WHERE school_urn IS NOT NULL ORDER BY id;";

/* Whose copy this is (issue 12): a school's (its URN) or a Virtual School's (the authority's
 * LA code and name), set once. The history other copies sent with their PEPs, kept as
 * theirs and never as this copy's own audit rows. And the lock's gaps: INSERT OR REPLACE
 * deletes the row it replaces without firing delete triggers, a row could be moved into a
 * signed-off PEP, and the move to superseded could carry other changes with it. Extra
 * triggers only: a file whose triggers are missing is found by pep_store_check_locks(). */
#define LOCKED_ROW(table) \
  "CREATE TRIGGER " table "_lock_replace BEFORE INSERT ON " table \
  "  WHEN (SELECT p.status FROM " table " r JOIN plan p ON p.id = r.plan_id WHERE r.id = NEW.id)" \
  "       IN ('signed-off', 'superseded')" \
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;" \
  "CREATE TRIGGER " table "_lock_move BEFORE UPDATE ON " table LOCKED ("NEW.plan_id")

static const char migration_6[] =
  "CREATE TABLE copy_owner ("
  "  id       INTEGER PRIMARY KEY CHECK (id = 1),"
  "  kind     TEXT NOT NULL CHECK (kind IN ('school', 'authority')),"
  "  urn      INTEGER CHECK ((kind = 'school') = (urn IS NOT NULL)),"
  "  la_code  INTEGER CHECK ((kind = 'authority') = (la_code IS NOT NULL)),"
  "  name     TEXT,"
  "  set_at   TEXT NOT NULL"
  ");"
  "CREATE TRIGGER copy_owner_once BEFORE INSERT ON copy_owner"
  "  WHEN EXISTS (SELECT 1 FROM copy_owner)"
  "  BEGIN SELECT RAISE (ABORT, 'owner-set'); END;"
  "CREATE TRIGGER copy_owner_fixed BEFORE UPDATE ON copy_owner"
  "  BEGIN SELECT RAISE (ABORT, 'owner-set'); END;"
  "CREATE TRIGGER copy_owner_kept BEFORE DELETE ON copy_owner"
  "  BEGIN SELECT RAISE (ABORT, 'owner-set'); END;"
  /* sender: "school URN" or "authority CODE"; no values, as in an AuditSummary. */
  "CREATE TABLE sender_history ("
  "  id          INTEGER PRIMARY KEY,"
  "  plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  sender      TEXT NOT NULL,"
  "  at          TEXT NOT NULL,"
  "  who         TEXT NOT NULL,"
  "  role        TEXT NOT NULL,"
  "  action      TEXT NOT NULL,"
  "  field       TEXT,"
  "  received_at TEXT NOT NULL"
  ");"
  "CREATE INDEX sender_history_plan ON sender_history (plan_id, at);"
  /* A signed-off PEP replaced by INSERT OR REPLACE: by its id, its UUID, or the unique
   * indexes of a termly PEP and of an amendment. */
  "CREATE TRIGGER plan_lock_replace BEFORE INSERT ON plan"
  "  WHEN EXISTS (SELECT 1 FROM plan p WHERE p.status IN ('signed-off', 'superseded')"
  "                 AND (p.id = NEW.id OR p.uuid = NEW.uuid"
  "                      OR p.amends_id = NEW.amends_id"
  "                      OR (NEW.review_reason IS NULL AND NEW.amends_id IS NULL"
  "                          AND p.review_reason IS NULL AND p.amends_id IS NULL"
  "                          AND p.child_id = NEW.child_id AND p.academic_year = NEW.academic_year"
  "                          AND p.term = NEW.term)))"
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
  /* Superseded, and nothing else: only the status, the revision and the time may change. */
  "CREATE TRIGGER plan_lock_supersede BEFORE UPDATE ON plan"
  "  WHEN OLD.status IN ('signed-off', 'superseded')"
  "   AND (NEW.id IS NOT OLD.id OR NEW.uuid IS NOT OLD.uuid"
  "        OR NEW.amends_id IS NOT OLD.amends_id OR NEW.child_id IS NOT OLD.child_id"
  "        OR NEW.academic_year IS NOT OLD.academic_year OR NEW.term IS NOT OLD.term"
  "        OR NEW.review_reason IS NOT OLD.review_reason OR NEW.kind IS NOT OLD.kind"
  "        OR NEW.school_urn IS NOT OLD.school_urn OR NEW.created_at IS NOT OLD.created_at"
  "        OR NEW.meeting_date IS NOT OLD.meeting_date"
  "        OR NEW.meeting_mode IS NOT OLD.meeting_mode"
  "        OR NEW.meeting_chair IS NOT OLD.meeting_chair"
  "        OR NEW.attended_dt IS NOT OLD.attended_dt OR NEW.attended_sw IS NOT OLD.attended_sw"
  "        OR NEW.attended_carer IS NOT OLD.attended_carer"
  "        OR NEW.attended_child IS NOT OLD.attended_child"
  "        OR NEW.attended_advisor IS NOT OLD.attended_advisor"
  "        OR NEW.attended_parent IS NOT OLD.attended_parent"
  "        OR NEW.attended_interpreter IS NOT OLD.attended_interpreter"
  "        OR NEW.child_wishes IS NOT OLD.child_wishes OR NEW.late_reason IS NOT OLD.late_reason"
  "        OR NEW.voice_going_well IS NOT OLD.voice_going_well"
  "        OR NEW.voice_hard IS NOT OLD.voice_hard OR NEW.voice_help IS NOT OLD.voice_help"
  "        OR NEW.voice_hopes IS NOT OLD.voice_hopes"
  "        OR NEW.voice_not_recorded IS NOT OLD.voice_not_recorded"
  "        OR NEW.setting_type IS NOT OLD.setting_type"
  "        OR NEW.hours_per_week IS NOT OLD.hours_per_week"
  "        OR NEW.part_time_reason IS NOT OLD.part_time_reason"
  "        OR NEW.part_time_plan IS NOT OLD.part_time_plan"
  "        OR NEW.alternative_provision IS NOT OLD.alternative_provision"
  "        OR NEW.planned_moves IS NOT OLD.planned_moves"
  "        OR NEW.ey_funded_hours IS NOT OLD.ey_funded_hours"
  "        OR NEW.ey_two_year_check IS NOT OLD.ey_two_year_check"
  "        OR NEW.ey_prime_areas IS NOT OLD.ey_prime_areas"
  "        OR NEW.ey_learning_at_home IS NOT OLD.ey_learning_at_home"
  "        OR NEW.attendance_term IS NOT OLD.attendance_term"
  "        OR NEW.attendance_ytd IS NOT OLD.attendance_ytd"
  "        OR NEW.sessions_possible IS NOT OLD.sessions_possible"
  "        OR NEW.sessions_attended IS NOT OLD.sessions_attended"
  "        OR NEW.sessions_authorised IS NOT OLD.sessions_authorised"
  "        OR NEW.sessions_unauthorised IS NOT OLD.sessions_unauthorised"
  "        OR NEW.suspensions IS NOT OLD.suspensions"
  "        OR NEW.suspension_days IS NOT OLD.suspension_days"
  "        OR NEW.permanent_exclusion IS NOT OLD.permanent_exclusion"
  "        OR NEW.internal_exclusions IS NOT OLD.internal_exclusions"
  "        OR NEW.exclusion_risk IS NOT OLD.exclusion_risk"
  "        OR NEW.behaviour_notes IS NOT OLD.behaviour_notes"
  "        OR NEW.approach_to_learning IS NOT OLD.approach_to_learning"
  "        OR NEW.working_at_are IS NOT OLD.working_at_are OR NEW.eyfs_gld IS NOT OLD.eyfs_gld"
  "        OR NEW.phonics_mark IS NOT OLD.phonics_mark"
  "        OR NEW.attainment_8 IS NOT OLD.attainment_8 OR NEW.progress_8 IS NOT OLD.progress_8"
  "        OR NEW.results_validated IS NOT OLD.results_validated"
  "        OR NEW.sen_status IS NOT OLD.sen_status OR NEW.ehcp_start IS NOT OLD.ehcp_start"
  "        OR NEW.ehcp_review IS NOT OLD.ehcp_review OR NEW.sen_needs IS NOT OLD.sen_needs"
  "        OR NEW.sdq_total IS NOT OLD.sdq_total OR NEW.sdq_date IS NOT OLD.sdq_date"
  "        OR NEW.sdq_strategies IS NOT OLD.sdq_strategies"
  "        OR NEW.support_in_place IS NOT OLD.support_in_place"
  "        OR NEW.se_strengths IS NOT OLD.se_strengths OR NEW.se_needs IS NOT OLD.se_needs"
  "        OR NEW.se_relationships IS NOT OLD.se_relationships"
  "        OR NEW.se_trusted_adult IS NOT OLD.se_trusted_adult"
  "        OR NEW.previous_targets_reviewed IS NOT OLD.previous_targets_reviewed"
  "        OR NEW.ppplus_allocated IS NOT OLD.ppplus_allocated"
  "        OR NEW.ppplus_notes IS NOT OLD.ppplus_notes"
  "        OR NEW.career_aspirations IS NOT OLD.career_aspirations"
  "        OR NEW.careers_guidance IS NOT OLD.careers_guidance"
  "        OR NEW.intended_destination IS NOT OLD.intended_destination"
  "        OR NEW.post16_status IS NOT OLD.post16_status"
  "        OR NEW.post16_provider IS NOT OLD.post16_provider"
  "        OR NEW.post16_course IS NOT OLD.post16_course"
  "        OR NEW.post16_level IS NOT OLD.post16_level"
  "        OR NEW.bursary_16_19 IS NOT OLD.bursary_16_19"
  "        OR NEW.he_interest IS NOT OLD.he_interest"
  "        OR NEW.neet_reengagement IS NOT OLD.neet_reengagement"
  "        OR NEW.sw_contacts IS NOT OLD.sw_contacts"
  "        OR NEW.sw_family_time IS NOT OLD.sw_family_time"
  "        OR NEW.sw_sensitive_issues IS NOT OLD.sw_sensitive_issues"
  "        OR NEW.sw_care_plan_changes IS NOT OLD.sw_care_plan_changes"
  "        OR NEW.sw_placement_stability IS NOT OLD.sw_placement_stability"
  "        OR NEW.sw_checked IS NOT OLD.sw_checked OR NEW.carer_views IS NOT OLD.carer_views"
  "        OR NEW.qa_rubric IS NOT OLD.qa_rubric"
  "        OR NEW.qa_rubric_version IS NOT OLD.qa_rubric_version"
  "        OR NEW.qa_overall_proposed IS NOT OLD.qa_overall_proposed"
  "        OR NEW.qa_overall IS NOT OLD.qa_overall"
  "        OR NEW.qa_override_reason IS NOT OLD.qa_override_reason"
  "        OR NEW.qa_officer IS NOT OLD.qa_officer"
  "        OR NEW.qa_reviewed_at IS NOT OLD.qa_reviewed_at)"
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
  LOCKED_ROW ("attainment")
  LOCKED_ROW ("target")
  LOCKED_ROW ("target_review")
  LOCKED_ROW ("funding_request")
  LOCKED_ROW ("signoff")
  LOCKED_ROW ("rating")
  LOCKED_ROW ("follow_up");

/* Authorities' profiles (pep-authority.h): the file's own, which its Virtual School edits,
 * and one per other authority whose children the file holds, as that authority sent it.
 * Each is kept as the document itself, byte for byte, so that its signature can be checked
 * again; la_code and name are copied out for lookups. */
static const char migration_7[] =
  "CREATE TABLE authority ("
  "  id         INTEGER PRIMARY KEY,"
  "  own        INTEGER NOT NULL DEFAULT 0 CHECK (own IN (0, 1)),"
  "  la_code    TEXT UNIQUE CHECK (la_code IS NULL OR (length (la_code) = 3"
  "                                AND la_code GLOB '[0-9][0-9][0-9]')),"
  "  name       TEXT NOT NULL,"
  "  document   TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (own = 1 OR la_code IS NOT NULL)"
  ");"
  "CREATE UNIQUE INDEX authority_own ON authority (own) WHERE own = 1;";

/* Signed sign-offs (docs/signatures.md): each signoff row records the status it signs, the
 * digest of the content it signs, the signer's public key and the signature. plan_tamper
 * holds the signed-off PEPs the last check found changed after sign-off (the figures leave
 * them out; every check writes it afresh). The authority's list of officers, signed by the
 * authority's own key, and the keys this copy has pinned: an authority's, or a school's
 * designated teachers'. */
static const char migration_8[] =
  "ALTER TABLE signoff ADD COLUMN status TEXT;"
  "ALTER TABLE signoff ADD COLUMN content_digest TEXT;"
  "ALTER TABLE signoff ADD COLUMN public_key TEXT;"
  "ALTER TABLE signoff ADD COLUMN value TEXT;"
  "CREATE TABLE plan_tamper ("
  "  plan_id  INTEGER PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,"
  "  problem  TEXT NOT NULL,"
  "  reason   TEXT NOT NULL,"
  "  found_at TEXT NOT NULL"
  ");"
  "CREATE TABLE officer_list ("
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),"
  "  la_code       INTEGER NOT NULL,"
  "  authority     TEXT NOT NULL,"
  "  authority_key TEXT NOT NULL,"
  "  issued_at     TEXT NOT NULL,"
  "  signature     TEXT NOT NULL"
  ");"
  "CREATE TABLE officer ("
  "  id         INTEGER PRIMARY KEY,"
  "  position   INTEGER NOT NULL,"
  "  name       TEXT NOT NULL,"
  "  role       TEXT NOT NULL,"
  "  public_key TEXT NOT NULL,"
  "  valid_from TEXT NOT NULL,"
  "  valid_to   TEXT,"
  "  demo       INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE pinned_key ("
  "  subject     TEXT NOT NULL,"
  "  public_key  TEXT NOT NULL,"
  "  name        TEXT,"
  "  role        TEXT,"
  "  pinned_at   TEXT NOT NULL,"
  "  replaced_at TEXT,"
  "  PRIMARY KEY (subject, public_key)"
  ");";

/* The workflow's steps, dated (issue 13): one row per step, in the order taken, written by
 * pep_store_set_plan_status() and carried in the exchange. Existing files get theirs from
 * the audit trail's changes of status (and an amendment's creation); a PEP with none there
 * (demo data, an import) from what it holds, step by step: the designated teacher's signature as its
 * submission, QA's overall rating as its approval, the advisor's signature as its
 * authorisation and its amendment's as its superseding. Filled before the lock exists, which
 * then keeps a signed-off PEP's steps as they are but still lets "superseded" be added once.
 * The keys issue adds a column for each step's signature. */
static const char migration_9[] =
  "CREATE TABLE plan_event ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('submitted', 'returned', 'resubmitted', 'approved',"
  "                                     'authorised', 'amended', 'superseded')),"
  "  at TEXT NOT NULL, name TEXT, role TEXT"
  ");"
  "CREATE INDEX plan_event_plan ON plan_event (plan_id, position);"
  /* When a PEP was first submitted: completed, in time, the clocks and the QA queue's wait. */
  "CREATE INDEX plan_event_submitted ON plan_event (plan_id, at) WHERE kind = 'submitted';"
  "INSERT INTO plan_event (plan_id, position, kind, at, name, role)"
  "  SELECT plan_id, row_number () OVER (PARTITION BY plan_id ORDER BY at, seq) - 1,"
  "         kind, at, name, role"
  "  FROM ("
  "    SELECT a.record_id AS plan_id, a.id AS seq, a.at, a.who AS name, a.role, a.new_value AS st,"
  "           CASE a.new_value WHEN 'submitted' THEN"
  "                              CASE a.old_value WHEN 'returned' THEN 'resubmitted'"
  "                                               ELSE 'submitted' END"
  "                            WHEN 'returned' THEN 'returned'"
  "                            WHEN 'approved' THEN 'approved'"
  "                            WHEN 'signed-off' THEN 'authorised'"
  "                            WHEN 'superseded' THEN 'superseded' END AS kind"
  "      FROM audit a JOIN plan p ON p.id = a.record_id"
  "     WHERE a.table_name = 'plan' AND a.field = 'status'"
  "       AND a.new_value IN ('submitted', 'returned', 'approved', 'signed-off', 'superseded')"
  "    UNION ALL"
  "    SELECT a.record_id, a.id, a.at, a.who, a.role, NULL, 'amended'"
  "      FROM audit a JOIN plan p ON p.id = a.record_id"
  "     WHERE a.table_name = 'plan' AND a.action = 'create' AND p.amends_id IS NOT NULL"
  "    UNION ALL"
  "    SELECT s.plan_id, -3, s.signed_at, s.name, 'designated-teacher', 'submitted', 'submitted'"
  "      FROM signoff s JOIN plan p ON p.id = s.plan_id"
  "     WHERE s.role = 'designated-teacher' AND s.signed_at IS NOT NULL AND p.status != 'draft'"
  "    UNION ALL"
  "    SELECT p.id, -2, p.qa_reviewed_at, coalesce (p.qa_officer, ''), 'qa-officer', 'approved',"
  "           'approved'"
  "      FROM plan p"
  "     WHERE p.status IN ('approved', 'signed-off', 'superseded') AND p.qa_reviewed_at IS NOT NULL"
  "    UNION ALL"
  "    SELECT s.plan_id, -1, s.signed_at, s.name, 'advisor', 'signed-off', 'authorised'"
  "      FROM signoff s JOIN plan p ON p.id = s.plan_id"
  "     WHERE s.role = 'vs-advisor' AND s.signed_at IS NOT NULL"
  "       AND p.status IN ('signed-off', 'superseded')"
  "    UNION ALL"
  "    SELECT p.id, 0, s.signed_at, s.name, 'advisor', 'superseded', 'superseded'"
  "      FROM plan p JOIN plan m ON m.amends_id = p.id AND m.status = 'signed-off'"
  "      JOIN signoff s ON s.plan_id = m.id AND s.role = 'vs-advisor'"
  "     WHERE p.status = 'superseded' AND s.signed_at IS NOT NULL"
  "  ) AS e"
  "  WHERE kind IS NOT NULL"
  /* A step from what the PEP holds only when the trail does not have it. */
  "    AND (seq > 0 OR NOT EXISTS (SELECT 1 FROM audit a WHERE a.table_name = 'plan'"
  "                                  AND a.record_id = e.plan_id AND a.field = 'status'"
  "                                  AND a.new_value = e.st));"
  "CREATE TRIGGER plan_event_lock_insert BEFORE INSERT ON plan_event"
  "  WHEN (SELECT status FROM plan WHERE id = NEW.plan_id) IN ('signed-off', 'superseded')"
  "   AND NOT (NEW.kind = 'superseded'"
  "            AND (SELECT status FROM plan WHERE id = NEW.plan_id) = 'superseded'"
  "            AND NOT EXISTS (SELECT 1 FROM plan_event WHERE plan_id = NEW.plan_id"
  "                              AND kind = 'superseded'))"
  "  BEGIN SELECT RAISE (ABORT, 'pep-locked'); END;"
  "CREATE TRIGGER plan_event_lock_update BEFORE UPDATE ON plan_event" LOCKED ("OLD.plan_id")
  "CREATE TRIGGER plan_event_lock_delete BEFORE DELETE ON plan_event" LOCKED ("OLD.plan_id")
  LOCKED_ROW ("plan_event");

/* The marks of the signature check (pep-signoff.c): for every PEP the last check looked at,
 * a stamp of what it read (a SHA-256 over the PEP's rows and the trust the check relied on)
 * and what it found ("ok" or plan_tamper's problem). pepctl stats re-checks only the PEPs
 * whose stamp has changed since, or whose mark disagrees with plan_tamper. */
static const char migration_10[] =
  "CREATE TABLE plan_checked ("
  "  plan_id INTEGER PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,"
  "  stamp   TEXT NOT NULL,"
  "  seal    TEXT NOT NULL"
  ");";

static const char *migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PEP_STORE_SCHEMA_VERSION + 1);

const char *
pep_store_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= PEP_STORE_SCHEMA_VERSION, NULL);
  return migrations[version];
}
