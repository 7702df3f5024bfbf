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

static const char *migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PEP_STORE_SCHEMA_VERSION + 1);

const char *
pep_store_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= PEP_STORE_SCHEMA_VERSION, NULL);
  return migrations[version];
}
