/* pep-field-list.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of every record, once. pep-field.h turns these lists into enums and
 * pep-field.c into the registry that the store, the editor, the checks and the XML walk.
 * A new template year adds lines here and a migration in pep-store-schema.c; a test checks
 * the two agree.
 *
 * F (ID, "column", SECTION, TYPE, choices, kinds, flags, min, max, label)
 *   kinds: which kinds of PEP the field applies to (KINDS_ALL for child and school fields)
 *   flags: REQ required for those kinds; SENS sensitive (never in carer or pseudonymised output);
 *          PERS identifies the child (left out of pseudonymised output);
 *          NAMES is or holds people's names: stored NFC, no invisible or direction-changing
 *          characters, replaced by a pseudonym or left out of pseudonymised output
 *          (docs/privacy.md says what each profile and role does with every field)
 *   min, max: bounds for numbers (money in pence); equal bounds mean unbounded
 */

#pragma once

#define PEP_SCHOOL_FIELDS(F) \
  F (URN,          "urn",          SCHOOL, INT,    NULL,           ALL, REQ, 100000, 999999, N_("School reference number (URN)")) \
  F (NAME,         "name",         SCHOOL, TEXT,   NULL,           ALL, REQ, 0, 0, N_("School or setting")) \
  F (LA_CODE,      "la_code",      SCHOOL, INT,    NULL,           ALL, REQ, 100, 999, N_("LA code")) \
  F (ESTAB,        "estab",        SCHOOL, INT,    NULL,           ALL, 0, 1000, 9999, N_("Establishment number")) \
  F (TRUST,        "trust",        SCHOOL, TEXT,   NULL,           ALL, 0, 0, 0, N_("Multi-academy trust")) \
  F (PHASE,        "phase",        SCHOOL, CHOICE, school_phases,  ALL, REQ, 0, 0, N_("Phase")) \
  F (OFSTED,       "ofsted",       SCHOOL, CHOICE, ofsted_grades,  ALL, 0, 0, 0, N_("Ofsted grade")) \
  F (IN_AUTHORITY, "in_authority", SCHOOL, BOOL,   NULL,           ALL, 0, 0, 0, N_("In the authority"))

#define PEP_CHILD_FIELDS(F) \
  F (UPN,              "upn",              IDENTITY, TEXT,   NULL,            ALL, PERS, 0, 0, N_("UPN")) \
  F (ULN,              "uln",              IDENTITY, TEXT,   NULL,            ALL, PERS, 0, 0, N_("Unique Learner Number")) \
  F (LA_CHILD_ID,      "la_child_id",      IDENTITY, TEXT,   NULL,            ALL, REQ, 0, 0, N_("LA child ID")) \
  F (LEGAL_FORENAME,   "legal_forename",   IDENTITY, TEXT,   NULL,            ALL, REQ | PERS | NAMES, 0, 0, N_("Legal forename")) \
  F (LEGAL_SURNAME,    "legal_surname",    IDENTITY, TEXT,   NULL,            ALL, REQ | PERS | NAMES, 0, 0, N_("Legal surname")) \
  F (PREFERRED_NAME,   "preferred_name",   IDENTITY, TEXT,   NULL,            ALL, PERS | NAMES, 0, 0, N_("Preferred name")) \
  F (DOB,              "dob",              IDENTITY, DATE,   NULL,            ALL, REQ | PERS, 0, 0, N_("Date of birth")) \
  F (GENDER,           "gender",           IDENTITY, CHOICE, genders,         ALL, REQ | SENS, 0, 0, N_("Gender")) \
  F (ETHNICITY,        "ethnicity",        IDENTITY, TEXT,   NULL,            ALL, SENS, 0, 0, N_("Ethnicity")) \
  F (FIRST_LANGUAGE,   "first_language",   IDENTITY, TEXT,   NULL,            ALL, 0, 0, 0, N_("First language")) \
  F (INTERPRETER,      "interpreter",      IDENTITY, BOOL,   NULL,            ALL, 0, 0, 0, N_("Interpreter needed")) \
  F (UASC,             "uasc",             CARE,     BOOL,   NULL,            ALL, SENS, 0, 0, N_("Unaccompanied asylum-seeking child")) \
  F (LEGAL_STATUS,     "legal_status",     CARE,     CHOICE, legal_statuses,  ALL, REQ, 0, 0, N_("Legal status")) \
  F (CARE_AUTHORITY,   "care_authority",   CARE,     TEXT,   NULL,            ALL, 0, 0, 0, N_("Care authority")) \
  F (ENTERED_CARE,     "entered_care",     CARE,     DATE,   NULL,            ALL, REQ, 0, 0, N_("Date entered care")) \
  F (PLACEMENT_TYPE,   "placement_type",   CARE,     CHOICE, placement_types, ALL, REQ, 0, 0, N_("Placement type")) \
  F (PLACEMENT_IN_LA,  "placement_in_la",  CARE,     BOOL,   NULL,            ALL, 0, 0, 0, N_("Placed in the authority")) \
  F (SEN_STATUS,       "sen_status",       SCHOOL,   CHOICE, sen_statuses,    ALL, REQ, 0, 0, N_("SEN status")) \
  F (PRIMARY_NEED,     "primary_need",     SCHOOL,   CHOICE, primary_needs,   ALL, SENS, 0, 0, N_("Primary need")) \
  F (SCHOOL_URN,       "school_urn",       SCHOOL,   INT,    NULL,            ALL, 0, 100000, 999999, N_("School reference number (URN)")) \
  F (SCHOOL_START,     "school_start",     SCHOOL,   DATE,   NULL,            ALL, 0, 0, 0, N_("Started at this school")) \
  F (NC_YEAR,          "nc_year",          SCHOOL,   INT,    NULL,            ALL, REQ, -2, 13, N_("National curriculum year")) \
  F (DESIGNATED_TEACHER, "designated_teacher", PEOPLE, TEXT, NULL,            ALL, NAMES, 0, 0, N_("Designated teacher")) \
  F (SOCIAL_WORKER,    "social_worker",    PEOPLE,   TEXT,   NULL,            ALL, NAMES, 0, 0, N_("Social worker")) \
  F (VS_ADVISOR,       "vs_advisor",       PEOPLE,   TEXT,   NULL,            ALL, NAMES, 0, 0, N_("Virtual School advisor")) \
  F (CARER,            "carer",            PEOPLE,   TEXT,   NULL,            ALL, NAMES, 0, 0, N_("Carer"))

#define PEP_PLAN_FIELDS(F) \
  F (MEETING_DATE,       "meeting_date",       MEETING, DATE,   NULL,            ALL, REQ, 0, 0, N_("Meeting date")) \
  F (MEETING_MODE,       "meeting_mode",       MEETING, CHOICE, meeting_modes,   ALL, REQ, 0, 0, N_("Meeting held")) \
  F (MEETING_CHAIR,      "meeting_chair",      MEETING, CHOICE, chairs,          ALL, 0, 0, 0, N_("Chaired by")) \
  F (ATTENDED_DT,        "attended_dt",        MEETING, BOOL,   NULL,            ALL, 0, 0, 0, N_("Designated teacher attended")) \
  F (ATTENDED_SW,        "attended_sw",        MEETING, BOOL,   NULL,            ALL, 0, 0, 0, N_("Social worker attended")) \
  F (ATTENDED_CARER,     "attended_carer",     MEETING, BOOL,   NULL,            ALL, 0, 0, 0, N_("Carer attended")) \
  F (ATTENDED_CHILD,     "attended_child",     MEETING, BOOL,   NULL,            ALL, 0, 0, 0, N_("Child attended")) \
  F (ATTENDED_ADVISOR,   "attended_advisor",   MEETING, BOOL,   NULL,            ALL, 0, 0, 0, N_("VS advisor attended")) \
  F (ATTENDED_PARENT,    "attended_parent",    MEETING, BOOL,   NULL,            ALL, SENS, 0, 0, N_("Parent attended")) \
  F (ATTENDED_INTERPRETER, "attended_interpreter", MEETING, BOOL, NULL,          ALL, 0, 0, 0, N_("Interpreter attended")) \
  F (CHILD_WISHES,       "child_wishes",       MEETING, TEXT,   NULL,            ALL, 0, 0, 0, N_("The child's wishes, when not attending")) \
  F (LATE_REASON,        "late_reason",        MEETING, TEXT,   NULL,            ALL, 0, 0, 0, N_("Reason the meeting was late or missed")) \
  F (VOICE_GOING_WELL,   "voice_going_well",   VOICE, TEXT, NULL, ALL, REQ, 0, 0, N_("What is going well")) \
  F (VOICE_HARD,         "voice_hard",         VOICE, TEXT, NULL, ALL, 0, 0, 0, N_("What is hard")) \
  F (VOICE_HELP,         "voice_help",         VOICE, TEXT, NULL, ALL, 0, 0, 0, N_("Help I would like")) \
  F (VOICE_HOPES,        "voice_hopes",        VOICE, TEXT, NULL, ALL, 0, 0, 0, N_("My hopes for the future")) \
  F (VOICE_NOT_RECORDED, "voice_not_recorded", VOICE, TEXT, NULL, ALL, 0, 0, 0, N_("Why the child's own words are not recorded")) \
  F (SETTING_TYPE,       "setting_type",       EDUCATION, CHOICE, setting_types, ALL, REQ, 0, 0, N_("Type of setting")) \
  F (HOURS_PER_WEEK,     "hours_per_week",     EDUCATION, REAL, NULL, ALL, 0, 0, 40, N_("Hours of education a week")) \
  F (PART_TIME_REASON,   "part_time_reason",   EDUCATION, TEXT, NULL, ALL, 0, 0, 0, N_("Reason for a part-time timetable")) \
  F (PART_TIME_PLAN,     "part_time_plan",     EDUCATION, TEXT, NULL, ALL, 0, 0, 0, N_("Plan back to full time")) \
  F (ALTERNATIVE_PROVISION, "alternative_provision", EDUCATION, TEXT, NULL, ALL, 0, 0, 0, N_("Alternative provision")) \
  F (PLANNED_MOVES,      "planned_moves",      EDUCATION, TEXT, NULL, ALL, 0, 0, 0, N_("Planned moves and transition plan")) \
  F (EY_FUNDED_HOURS,    "ey_funded_hours",    EARLY_YEARS, CHOICE, ey_entitlements, EY, REQ, 0, 0, N_("Early education entitlement")) \
  F (EY_TWO_YEAR_CHECK,  "ey_two_year_check",  EARLY_YEARS, DATE, NULL, EY, 0, 0, 0, N_("Progress check at age two")) \
  F (EY_PRIME_AREAS,     "ey_prime_areas",     EARLY_YEARS, TEXT, NULL, EY, REQ, 0, 0, N_("Communication, physical and personal development")) \
  F (EY_LEARNING_AT_HOME, "ey_learning_at_home", EARLY_YEARS, TEXT, NULL, EY, 0, 0, 0, N_("Learning at home")) \
  F (ATTENDANCE_TERM,    "attendance_term",    ATTENDANCE, REAL, NULL, IN_EDUCATION, REQ, 0, 100, N_("Attendance this term (%)")) \
  F (ATTENDANCE_YTD,     "attendance_ytd",     ATTENDANCE, REAL, NULL, IN_EDUCATION, 0, 0, 100, N_("Attendance this year (%)")) \
  F (SESSIONS_POSSIBLE,  "sessions_possible",  ATTENDANCE, INT, NULL, IN_EDUCATION, 0, 0, 500, N_("Sessions possible")) \
  F (SESSIONS_ATTENDED,  "sessions_attended",  ATTENDANCE, INT, NULL, IN_EDUCATION, 0, 0, 500, N_("Sessions attended")) \
  F (SESSIONS_AUTHORISED, "sessions_authorised", ATTENDANCE, INT, NULL, IN_EDUCATION, 0, 0, 500, N_("Authorised absences (sessions)")) \
  F (SESSIONS_UNAUTHORISED, "sessions_unauthorised", ATTENDANCE, INT, NULL, IN_EDUCATION, 0, 0, 500, N_("Unauthorised absences (sessions)")) \
  F (SUSPENSIONS,        "suspensions",        ATTENDANCE, INT,  NULL, IN_EDUCATION, 0, 0, 100, N_("Suspensions this term")) \
  F (SUSPENSION_DAYS,    "suspension_days",    ATTENDANCE, REAL, NULL, IN_EDUCATION, 0, 0, 100, N_("Days suspended this term")) \
  F (PERMANENT_EXCLUSION, "permanent_exclusion", ATTENDANCE, BOOL, NULL, IN_EDUCATION, 0, 0, 0, N_("Permanently excluded")) \
  F (INTERNAL_EXCLUSIONS, "internal_exclusions", ATTENDANCE, INT, NULL, IN_EDUCATION, 0, 0, 100, N_("Internal exclusions this term")) \
  F (EXCLUSION_RISK,     "exclusion_risk",     ATTENDANCE, CHOICE, likelihoods, IN_EDUCATION, 0, 0, 0, N_("Risk of suspension or exclusion next term")) \
  F (BEHAVIOUR_NOTES,    "behaviour_notes",    ATTENDANCE, TEXT, NULL, IN_EDUCATION, 0, 0, 0, N_("Behaviour")) \
  F (APPROACH_TO_LEARNING, "approach_to_learning", ATTAINMENT, CHOICE, approaches, ALL, 0, 0, 0, N_("Approach to learning")) \
  F (WORKING_AT_ARE,     "working_at_are",     ATTAINMENT, BOOL, NULL, ALL, 0, 0, 0, N_("Working at age-related expectations")) \
  F (EYFS_GLD,           "eyfs_gld",           ATTAINMENT, BOOL, NULL, EY_SCHOOL, 0, 0, 0, N_("EYFS good level of development")) \
  F (PHONICS_MARK,       "phonics_mark",       ATTAINMENT, INT,  NULL, SCHOOL, 0, 0, 40, N_("Phonics screening mark")) \
  F (ATTAINMENT_8,       "attainment_8",       ATTAINMENT, REAL, NULL, NOT_EY, 0, 0, 90, N_("Attainment 8")) \
  F (PROGRESS_8,         "progress_8",         ATTAINMENT, REAL, NULL, NOT_EY, 0, -5, 5, N_("Progress 8")) \
  F (RESULTS_VALIDATED,  "results_validated",  ATTAINMENT, BOOL, NULL, ALL, 0, 0, 0, N_("Results validated")) \
  F (SEN_STATUS,         "sen_status",         SEND, CHOICE, sen_statuses, ALL, REQ, 0, 0, N_("SEN status")) \
  F (EHCP_START,         "ehcp_start",         SEND, DATE, NULL, ALL, 0, 0, 0, N_("EHCP issued")) \
  F (EHCP_REVIEW,        "ehcp_review",        SEND, DATE, NULL, ALL, 0, 0, 0, N_("EHCP annual review")) \
  F (SEN_NEEDS,          "sen_needs",          SEND, TEXT, NULL, ALL, SENS, 0, 0, N_("Needs")) \
  F (SDQ_TOTAL,          "sdq_total",          SEND, INT,  NULL, ALL, SENS, 0, 40, N_("SDQ total difficulties score")) \
  F (SDQ_DATE,           "sdq_date",           SEND, DATE, NULL, ALL, 0, 0, 0, N_("SDQ completed")) \
  F (SDQ_STRATEGIES,     "sdq_strategies",     SEND, TEXT, NULL, ALL, SENS, 0, 0, N_("Strategies for staff")) \
  F (SUPPORT_IN_PLACE,   "support_in_place",   SEND, TEXT, NULL, ALL, 0, 0, 0, N_("Support in place")) \
  F (SE_STRENGTHS,       "se_strengths",       SOCIAL_EMOTIONAL, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Strengths")) \
  F (SE_NEEDS,           "se_needs",           SOCIAL_EMOTIONAL, TEXT, NULL, NOT_EY, SENS, 0, 0, N_("Social and emotional needs")) \
  F (SE_RELATIONSHIPS,   "se_relationships",   SOCIAL_EMOTIONAL, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Friendships and relationships")) \
  F (SE_TRUSTED_ADULT,   "se_trusted_adult",   SOCIAL_EMOTIONAL, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Trusted adult in school")) \
  F (PREVIOUS_TARGETS_REVIEWED, "previous_targets_reviewed", TARGETS, BOOL, NULL, ALL, 0, 0, 0, N_("Previous targets reviewed")) \
  F (PPPLUS_ALLOCATED,   "ppplus_allocated",   PPPLUS, MONEY, NULL, ALL, 0, 0, 10000000, N_("PP+ allocated this term")) \
  F (PPPLUS_NOTES,       "ppplus_notes",       PPPLUS, TEXT,  NULL, ALL, 0, 0, 0, N_("Provision map notes")) \
  F (CAREER_ASPIRATIONS, "career_aspirations", CAREERS, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Aspirations")) \
  F (CAREERS_GUIDANCE,   "careers_guidance",   CAREERS, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Careers guidance received")) \
  F (INTENDED_DESTINATION, "intended_destination", CAREERS, TEXT, NULL, NOT_EY, 0, 0, 0, N_("Intended destination")) \
  F (POST16_STATUS,      "post16_status",      CAREERS, CHOICE, post16_statuses, POST16, REQ, 0, 0, N_("Education, employment or training")) \
  F (POST16_PROVIDER,    "post16_provider",    CAREERS, TEXT,   NULL, POST16, 0, 0, 0, N_("Provider")) \
  F (POST16_COURSE,      "post16_course",      CAREERS, TEXT,   NULL, POST16, 0, 0, 0, N_("Course")) \
  F (POST16_LEVEL,       "post16_level",       CAREERS, CHOICE, course_levels, POST16, 0, 0, 0, N_("Course level")) \
  F (BURSARY_16_19,      "bursary_16_19",      CAREERS, BOOL,   NULL, POST16, 0, 0, 0, N_("16 to 19 bursary")) \
  F (HE_INTEREST,        "he_interest",        CAREERS, BOOL,   NULL, POST16, 0, 0, 0, N_("Interested in higher education")) \
  F (NEET_REENGAGEMENT,  "neet_reengagement",  CAREERS, TEXT,   NULL, NEET, REQ, 0, 0, N_("Re-engagement plan")) \
  F (SW_CONTACTS,        "sw_contacts",        SOCIAL_WORKER, TEXT, NULL, ALL, NAMES, 0, 0, N_("Contacts")) \
  F (SW_FAMILY_TIME,     "sw_family_time",     SOCIAL_WORKER, TEXT, NULL, ALL, SENS, 0, 0, N_("Family time arrangements affecting school")) \
  F (SW_SENSITIVE_ISSUES, "sw_sensitive_issues", SOCIAL_WORKER, TEXT, NULL, ALL, SENS, 0, 0, N_("Sensitive issues")) \
  F (SW_CARE_PLAN_CHANGES, "sw_care_plan_changes", SOCIAL_WORKER, TEXT, NULL, ALL, SENS, 0, 0, N_("Care plan changes")) \
  F (SW_PLACEMENT_STABILITY, "sw_placement_stability", SOCIAL_WORKER, CHOICE, stabilities, ALL, 0, 0, 0, N_("Placement stability")) \
  F (SW_CHECKED,         "sw_checked",         SOCIAL_WORKER, DATE, NULL, ALL, REQ, 0, 0, N_("Checked and updated by the social worker")) \
  F (CARER_VIEWS,        "carer_views",        CARER, TEXT, NULL, ALL, 0, 0, 0, N_("Carer's views")) \
  F (QA_RUBRIC,          "qa_rubric",          QA, TEXT,     NULL,    ALL, 0, 0, 0, N_("Rubric")) \
  F (QA_RUBRIC_VERSION,  "qa_rubric_version",  QA, TEXT,     NULL,    ALL, 0, 0, 0, N_("Rubric version")) \
  F (QA_OVERALL_PROPOSED, "qa_overall_proposed", QA, CHOICE, ratings, ALL, 0, 0, 0, N_("Proposed overall rating")) \
  F (QA_OVERALL,         "qa_overall",         QA, CHOICE,   ratings, ALL, 0, 0, 0, N_("Overall rating")) \
  F (QA_OVERRIDE_REASON, "qa_override_reason", QA, TEXT,     NULL,    ALL, 0, 0, 0, N_("Reason for overriding the proposed rating")) \
  F (QA_OFFICER,         "qa_officer",         QA, TEXT,     NULL,    ALL, NAMES, 0, 0, N_("QA officer")) \
  F (QA_REVIEWED_AT,     "qa_reviewed_at",     QA, DATETIME, NULL,    ALL, 0, 0, 0, N_("Quality assured"))

#define PEP_ATTAINMENT_FIELDS(F) \
  F (SUBJECT,        "subject",        ATTAINMENT, TEXT,   NULL,         ALL, REQ, 0, 0, N_("Subject or area")) \
  F (SCHEME,         "scheme",         ATTAINMENT, CHOICE, schemes,      ALL, REQ, 0, 0, N_("Assessment")) \
  F (CURRENT,        "current",        ATTAINMENT, TEXT,   NULL,         ALL, REQ, 0, 0, N_("Current")) \
  F (TARGET_YEAR,    "target_year",    ATTAINMENT, TEXT,   NULL,         ALL, 0, 0, 0, N_("End-of-year target")) \
  F (TARGET_KS,      "target_ks",      ATTAINMENT, TEXT,   NULL,         ALL, 0, 0, 0, N_("End-of-key-stage target")) \
  F (PROGRESS,       "progress",       ATTAINMENT, CHOICE, progresses,   ALL, 0, 0, 0, N_("Progress")) \
  F (EFFORT,         "effort",         ATTAINMENT, CHOICE, efforts,      ALL, 0, 0, 0, N_("Effort"))

#define PEP_TARGET_FIELDS(F) \
  F (AREA,             "area",             TARGETS, CHOICE, target_areas,     ALL, REQ, 0, 0, N_("Area")) \
  F (DESCRIPTION,      "description",      TARGETS, TEXT,   NULL,             ALL, REQ, 0, 0, N_("Target")) \
  F (SUCCESS_CRITERIA, "success_criteria", TARGETS, TEXT,   NULL,             ALL, REQ, 0, 0, N_("Success criteria")) \
  F (STRATEGY,         "strategy",         TARGETS, TEXT,   NULL,             ALL, 0, 0, 0, N_("Intervention or strategy")) \
  F (STRATEGY_CATEGORY, "strategy_category", TARGETS, CHOICE, strategies,     ALL, 0, 0, 0, N_("Kind of intervention")) \
  F (OWNER,            "owner",            TARGETS, TEXT,   NULL,             ALL, REQ | NAMES, 0, 0, N_("Who is responsible")) \
  F (DUE,              "due",              TARGETS, DATE,   NULL,             ALL, REQ, 0, 0, N_("By when")) \
  F (FUNDING_AMOUNT,   "funding_amount",   PPPLUS,  MONEY,  NULL,             ALL, 0, 0, 10000000, N_("Funding")) \
  F (FUNDING_SOURCE,   "funding_source",   PPPLUS,  CHOICE, funding_sources,  ALL, 0, 0, 0, N_("Funded from")) \
  F (VOICE_LINK,       "voice_link",       VOICE,   TEXT,   NULL,             ALL, 0, 0, 0, N_("What the child said that this answers"))

#define PEP_TARGET_REVIEW_FIELDS(F) \
  F (PREVIOUS_TARGET, "previous_target", TARGETS, INT,    NULL,            ALL, 0, 0, 0, N_("Previous target")) \
  F (TARGET_TEXT,     "target_text",     TARGETS, TEXT,   NULL,            ALL, REQ, 0, 0, N_("Target")) \
  F (OUTCOME,         "outcome",         TARGETS, CHOICE, target_outcomes, ALL, REQ, 0, 0, N_("Outcome")) \
  F (COMMENT,         "comment",         TARGETS, TEXT,   NULL,            ALL, 0, 0, 0, N_("Comment"))

#define PEP_FUNDING_REQUEST_FIELDS(F) \
  F (AMOUNT,           "amount",           PPPLUS, MONEY,  NULL,       ALL, REQ, 0, 10000000, N_("Amount")) \
  F (RATIONALE,        "rationale",        PPPLUS, TEXT,   NULL,       ALL, REQ, 0, 0, N_("Rationale")) \
  F (INTERVENTION,     "intervention",     PPPLUS, TEXT,   NULL,       ALL, 0, 0, 0, N_("Evidence-based intervention")) \
  F (EXPECTED_OUTCOME, "expected_outcome", PPPLUS, TEXT,   NULL,       ALL, 0, 0, 0, N_("Expected outcome")) \
  F (DECISION,         "decision",         PPPLUS, CHOICE, decisions,  ALL, 0, 0, 0, N_("Virtual School decision")) \
  F (DECISION_NOTE,    "decision_note",    PPPLUS, TEXT,   NULL,       ALL, 0, 0, 0, N_("Decision note"))

#define PEP_SIGNOFF_FIELDS(F) \
  F (ROLE,      "role",      SIGNOFF, CHOICE,   signoff_roles, ALL, REQ, 0, 0, N_("Role")) \
  F (NAME,      "name",      SIGNOFF, TEXT,     NULL,          ALL, REQ | NAMES, 0, 0, N_("Name")) \
  F (SIGNED_AT, "signed_at", SIGNOFF, DATETIME, NULL,          ALL, REQ, 0, 0, N_("Signed")) \
  F (COMMENT,   "comment",   SIGNOFF, TEXT,     NULL,          ALL, 0, 0, 0, N_("Comment")) \
  F (STATUS,    "status",    SIGNOFF, CHOICE,   signoff_statuses, ALL, 0, 0, 0, N_("Signed as")) \
  F (CONTENT_DIGEST, "content_digest", SIGNOFF, TEXT, NULL,     ALL, 0, 0, 0, N_("Content digest")) \
  F (PUBLIC_KEY, "public_key", SIGNOFF, TEXT,   NULL,          ALL, 0, 0, 0, N_("Public key")) \
  F (VALUE,     "value",     SIGNOFF, TEXT,     NULL,          ALL, 0, 0, 0, N_("Signature"))

/* One section's rating by the QA officer, beside what the rubric proposed. */
#define PEP_RATING_FIELDS(F) \
  F (SECTION,   "section",   QA, TEXT,     NULL,    ALL, REQ, 0, 0, N_("Section")) \
  F (PROPOSED,  "proposed",  QA, CHOICE,   ratings, ALL, 0, 0, 0, N_("Proposed rating")) \
  F (RATING,    "rating",    QA, CHOICE,   ratings, ALL, REQ, 0, 0, N_("Rating")) \
  F (REASON,    "reason",    QA, TEXT,     NULL,    ALL, 0, 0, 0, N_("Reason for departing from the proposal")) \
  F (FEEDBACK,  "feedback",  QA, TEXT,     NULL,    ALL, 0, 0, 0, N_("Feedback")) \
  F (RATED_BY,  "rated_by",  QA, TEXT,     NULL,    ALL, NAMES, 0, 0, N_("Rated by")) \
  F (RATED_AT,  "rated_at",  QA, DATETIME, NULL,    ALL, 0, 0, 0, N_("Rated"))

/* What QA asks someone to do about a PEP, and by when. */
#define PEP_FOLLOW_UP_FIELDS(F) \
  F (ACTION,     "action",     QA, TEXT,     NULL,             ALL, REQ, 0, 0, N_("Action")) \
  F (OWNER_ROLE, "owner_role", QA, CHOICE,   follow_up_owners, ALL, REQ, 0, 0, N_("For")) \
  F (DUE,        "due",        QA, DATE,     NULL,             ALL, REQ, 0, 0, N_("Due")) \
  F (STATUS,     "status",     QA, CHOICE,   follow_up_states, ALL, REQ, 0, 0, N_("Status")) \
  F (RAISED_BY,  "raised_by",  QA, TEXT,     NULL,             ALL, NAMES, 0, 0, N_("Raised by")) \
  F (DONE_AT,    "done_at",    QA, DATETIME, NULL,             ALL, 0, 0, 0, N_("Done"))


/* One step of a PEP's way through the workflow (pep-workflow.h), with when (UTC), who and in
 * which role: written by the store at each change of status and never edited; a signed-off
 * PEP's steps are locked like its other rows, except that "superseded" is still added. */
#define PEP_EVENT_FIELDS(F) \
  F (KIND, "kind", SIGNOFF, CHOICE,   event_kinds, ALL, REQ, 0, 0, N_("Step")) \
  F (AT,   "at",   SIGNOFF, DATETIME, NULL,        ALL, REQ, 0, 0, N_("When")) \
  F (NAME, "name", SIGNOFF, TEXT,     NULL,        ALL, REQ | NAMES, 0, 0, N_("Name")) \
  F (ROLE, "role", SIGNOFF, CHOICE,   event_roles, ALL, REQ, 0, 0, N_("Role"))
