/* pep-plan-next.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What carries forward, where DOMAIN.md is silent (written down here and in the tests):
 *
 * - The facts that stay true from one term to the next: the setting and its hours, a
 *   part-time timetable and its plan, alternative provision and planned moves; the early
 *   education entitlement; SEN status, EHCP dates, needs, the SDQ (taken once a year) and the
 *   support in place; the trusted adult; aspirations and intended destination; post-16
 *   status, provider, course, level, bursary and interest in higher education; the NEET
 *   re-engagement plan; the social worker's contacts, family-time arrangements and placement
 *   stability. Each only when it applies to the new PEP's kind.
 * - Not carried: the meeting, the child's voice (asked afresh every time), attendance and
 *   behaviour, attainment judgements, social and emotional notes other than the trusted
 *   adult, the social worker's sensitive issues and care-plan changes and their "checked"
 *   date (the social worker re-checks every PEP), the carer's views, PP+ for the term, the
 *   targets themselves, funding requests, sign-offs and everything QA.
 * - Attainment: within the same academic year the subjects, their assessment and their
 *   targets are carried, with current attainment, progress and effort left to be entered;
 *   a new academic year starts with no lines, because the subjects and schemes change.
 * - Targets: every target of the previous PEP becomes a review line (its text, and the id of
 *   the target it reviews) with no outcome yet, to be judged achieved / partially achieved /
 *   on track / not met before new targets are written.
 * - With no previous PEP, the SEN status is taken from the child's record.
 * - The kind follows the child's national curriculum year (as recorded on the child), and a
 *   young person whose last PEP was NEET or post-18 keeps that kind in Years 12 and 13.
 */

#define G_LOG_DOMAIN "pep-plan-next"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-plan-next.h"
#include "pep-store-private.h"

G_DEFINE_QUARK (pep-plan-next-error-quark, pep_plan_next_error)

static const guint carried_fields[] = {
  PEP_PLAN_SETTING_TYPE,
  PEP_PLAN_HOURS_PER_WEEK,
  PEP_PLAN_PART_TIME_REASON,
  PEP_PLAN_PART_TIME_PLAN,
  PEP_PLAN_ALTERNATIVE_PROVISION,
  PEP_PLAN_PLANNED_MOVES,
  PEP_PLAN_EY_FUNDED_HOURS,
  PEP_PLAN_SEN_STATUS,
  PEP_PLAN_EHCP_START,
  PEP_PLAN_EHCP_REVIEW,
  PEP_PLAN_SEN_NEEDS,
  PEP_PLAN_SDQ_TOTAL,
  PEP_PLAN_SDQ_DATE,
  PEP_PLAN_SDQ_STRATEGIES,
  PEP_PLAN_SUPPORT_IN_PLACE,
  PEP_PLAN_SE_TRUSTED_ADULT,
  PEP_PLAN_CAREER_ASPIRATIONS,
  PEP_PLAN_INTENDED_DESTINATION,
  PEP_PLAN_POST16_STATUS,
  PEP_PLAN_POST16_PROVIDER,
  PEP_PLAN_POST16_COURSE,
  PEP_PLAN_POST16_LEVEL,
  PEP_PLAN_BURSARY_16_19,
  PEP_PLAN_HE_INTEREST,
  PEP_PLAN_NEET_REENGAGEMENT,
  PEP_PLAN_SW_CONTACTS,
  PEP_PLAN_SW_FAMILY_TIME,
  PEP_PLAN_SW_PLACEMENT_STABILITY,
};

/* Attainment fields carried within one academic year. */
static const guint carried_attainment_fields[] = {
  PEP_ATTAINMENT_SUBJECT,
  PEP_ATTAINMENT_SCHEME,
  PEP_ATTAINMENT_TARGET_YEAR,
  PEP_ATTAINMENT_TARGET_KS,
};

/**
 * pep_plan_next_kind_for_year:
 * @nc_year: the child's national curriculum year, −2 (age two) to 13
 * @has_previous: whether @previous_kind is the kind of the child's last PEP
 *
 * Returns: the kind of PEP for a child in @nc_year
 */
PepKind
pep_plan_next_kind_for_year (int      nc_year,
                             gboolean has_previous,
                             PepKind  previous_kind)
{
  if (nc_year < 0)
    return PEP_KIND_EARLY_YEARS;
  if (nc_year <= 11)
    return PEP_KIND_SCHOOL_AGE;
  if (has_previous && (previous_kind == PEP_KIND_NEET || previous_kind == PEP_KIND_POST_18))
    return previous_kind;
  return PEP_KIND_POST_16;
}

/**
 * pep_plan_next_carries_field:
 * @plan_field: a #PepPlanField
 *
 * Whether the next PEP starts with this field's value from the last one.
 */
gboolean
pep_plan_next_carries_field (guint plan_field)
{
  for (guint i = 0; i < G_N_ELEMENTS (carried_fields); i++)
    if (carried_fields[i] == plan_field)
      return TRUE;
  return FALSE;
}

static void
add_reviews (PepPlan *plan,
             PepPlan *previous)
{
  GPtrArray *targets = pep_plan_get_rows (previous, PEP_TABLE_TARGET);

  for (guint i = 0; i < targets->len; i++)
    {
      PepRecord *target = g_ptr_array_index (targets, i);
      PepRecord *review = pep_plan_add_row (plan, PEP_TABLE_TARGET_REVIEW);
      const char *text = pep_record_get_text (target, PEP_TARGET_DESCRIPTION);

      if (text == NULL)
        text = pep_record_get_text (target, PEP_TARGET_SUCCESS_CRITERIA);
      if (pep_record_get_id (target) != 0)
        pep_record_set_int (review, PEP_TARGET_REVIEW_PREVIOUS_TARGET, pep_record_get_id (target));
      /* Translators: a previous target that was saved with no text */
      pep_record_set_text (review, PEP_TARGET_REVIEW_TARGET_TEXT,
                           text != NULL ? text : _("(A target with no description)"));
    }
}

static void
add_attainment (PepPlan *plan,
                PepPlan *previous)
{
  GPtrArray *lines = pep_plan_get_rows (previous, PEP_TABLE_ATTAINMENT);

  for (guint i = 0; i < lines->len; i++)
    {
      PepRecord *line = g_ptr_array_index (lines, i);
      PepRecord *copy = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);

      for (guint f = 0; f < G_N_ELEMENTS (carried_attainment_fields); f++)
        {
          GVariant *value = pep_record_get (line, carried_attainment_fields[f]);

          if (value != NULL)
            pep_record_set (copy, carried_attainment_fields[f], value, NULL);
        }
    }
}

/**
 * pep_plan_next_build:
 * @previous: (nullable): the child's last PEP, with its rows
 * @child: the child
 * @term: the term of the new PEP
 * @review_reason: (nullable): for an unscheduled review, why it is held
 *
 * Makes the child's next PEP in memory, as a draft, from the last one. Nothing is written:
 * see pep_plan_next_start().
 *
 * Returns: (transfer full): the new PEP
 */
PepPlan *
pep_plan_next_build (PepPlan         *previous,
                     PepRecord       *child,
                     const PepTermId *term,
                     const char      *review_reason)
{
  g_autoptr(PepPlan) plan = NULL;
  PepRecord *content;
  PepKind kind;
  PepTermId previous_term;
  gint64 urn;

  g_return_val_if_fail (previous == NULL || PEP_IS_PLAN (previous), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (child), NULL);
  g_return_val_if_fail (pep_record_get_table (child) == PEP_TABLE_CHILD, NULL);
  g_return_val_if_fail (term != NULL, NULL);

  kind = pep_plan_next_kind_for_year ((int) pep_record_get_int (child, PEP_CHILD_NC_YEAR, 0),
                                      previous != NULL,
                                      previous != NULL ? pep_plan_get_kind (previous) : 0);
  plan = pep_plan_new (pep_record_get_id (child), term, kind);
  content = pep_plan_get_content (plan);
  if (review_reason != NULL && *review_reason != '\0')
    pep_plan_set_review_reason (plan, review_reason);

  urn = pep_record_get_int (child, PEP_CHILD_SCHOOL_URN, 0);
  if (urn == 0 && previous != NULL)
    urn = pep_plan_get_school_urn (previous);
  pep_plan_set_school_urn (plan, urn);

  if (previous == NULL)
    {
      if (pep_record_has (child, PEP_CHILD_SEN_STATUS))
        pep_record_set (content, PEP_PLAN_SEN_STATUS,
                        pep_record_get (child, PEP_CHILD_SEN_STATUS), NULL);
      return g_steal_pointer (&plan);
    }

  for (guint i = 0; i < G_N_ELEMENTS (carried_fields); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, carried_fields[i]);
      GVariant *value = pep_record_get (pep_plan_get_content (previous), carried_fields[i]);

      if (value != NULL && pep_field_applies_to (info, kind))
        pep_record_set (content, carried_fields[i], value, NULL);
    }
  /* The child's record is the newer word on SEN status, when the last PEP has none. */
  if (!pep_record_has (content, PEP_PLAN_SEN_STATUS) && pep_record_has (child, PEP_CHILD_SEN_STATUS))
    pep_record_set (content, PEP_PLAN_SEN_STATUS,
                    pep_record_get (child, PEP_CHILD_SEN_STATUS), NULL);

  pep_plan_get_term (previous, &previous_term);
  if (previous_term.year == term->year)
    add_attainment (plan, previous);
  add_reviews (plan, previous);

  return g_steal_pointer (&plan);
}

/* Newest first: by academic year, then term, then the order they were made in. */
#define HISTORY_SQL \
  "SELECT id, academic_year, term, review_reason, kind, status, revision, school_urn," \
  " updated_at, uuid, amends_id FROM plan WHERE child_id = ?" \
  " ORDER BY academic_year DESC," \
  " CASE term WHEN 'summer' THEN 3 WHEN 'spring' THEN 2 ELSE 1 END DESC, id DESC"

static PepPlan *
header_from_row (sqlite3_stmt *stmt,
                 gint64        child_id)
{
  PepTermId term;
  PepKind kind;
  PepStatus status;
  PepPlan *plan;

  term.year = sqlite3_column_int (stmt, 1);
  if (!pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 2), &term.term)
      || !pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 4), &kind)
      || !pep_status_from_nick ((const char *) sqlite3_column_text (stmt, 5), &status))
    return NULL;

  plan = pep_plan_new (child_id, &term, kind);
  pep_plan_set_id (plan, sqlite3_column_int64 (stmt, 0));
  pep_record_set_id (pep_plan_get_content (plan), sqlite3_column_int64 (stmt, 0));
  pep_plan_set_review_reason (plan, (const char *) sqlite3_column_text (stmt, 3));
  pep_plan_set_status (plan, status);
  pep_plan_set_revision (plan, sqlite3_column_int64 (stmt, 6));
  pep_plan_set_school_urn (plan, sqlite3_column_int64 (stmt, 7));
  pep_plan_set_updated_at (plan, (const char *) sqlite3_column_text (stmt, 8));
  pep_plan_set_uuid (plan, (const char *) sqlite3_column_text (stmt, 9));
  pep_plan_set_amends_id (plan, sqlite3_column_int64 (stmt, 10));
  return plan;
}

/**
 * pep_plan_next_list_history:
 * @child_id: the child
 *
 * The child's PEPs, newest first, as headers: each #PepPlan has its id, term, kind, status,
 * revision and review reason, but no content or rows (load those with
 * pep_store_load_plan()).
 *
 * Returns: (transfer full): a #GListModel of #PepPlan, or %NULL with @error set
 */
GListModel *
pep_plan_next_list_history (PepStore  *store,
                            gint64     child_id,
                            GError   **error)
{
  g_autoptr(GListStore) plans = g_list_store_new (PEP_TYPE_PLAN);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store, HISTORY_SQL, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PepPlan) plan = header_from_row (stmt, child_id);

      if (plan == NULL)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                       _("A PEP of this child has a term, kind or status PEP Studio does not "
                         "know."));
          return NULL;
        }
      g_list_store_append (plans, plan);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)),
                                   error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&plans));
}

/**
 * pep_plan_next_find_previous:
 * @child_id: the child
 *
 * The child's last PEP that still stands (not superseded), rows and all: the one the next
 * PEP starts from.
 *
 * Returns: (transfer full) (nullable): the PEP, or %NULL when the child has none (no error)
 *   or it could not be read (@error set)
 */
PepPlan *
pep_plan_next_find_previous (PepStore  *store,
                             gint64     child_id,
                             GError   **error)
{
  g_autoptr(GListModel) history = NULL;
  guint n;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  history = pep_plan_next_list_history (store, child_id, error);
  if (history == NULL)
    return NULL;

  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PepPlan) header = g_list_model_get_item (history, i);

      if (pep_plan_get_status (header) != PEP_STATUS_SUPERSEDED)
        return pep_store_load_plan (store, pep_plan_get_id (header), error);
    }

  return NULL;
}

/**
 * pep_plan_next_start:
 * @child_id: the child
 * @term: the term of the new PEP
 * @review_reason: (nullable): for an unscheduled review, why it is held; %NULL for the
 *   termly PEP
 *
 * Writes the child's next PEP, made by pep_plan_next_build() from their last one, as a
 * draft. A second termly PEP for one term is refused by the store
 * (%PEP_STORE_ERROR_DUPLICATE); an unscheduled review needs a reason that is not blank.
 *
 * Returns: (transfer full): the new PEP, with its id, or %NULL with @error set
 */
PepPlan *
pep_plan_next_start (PepStore         *store,
                     gint64            child_id,
                     const PepTermId  *term,
                     const char       *review_reason,
                     GError          **error)
{
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepPlan) previous = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (term != NULL, NULL);

  if (review_reason != NULL)
    {
      reason = g_strstrip (g_strdup (review_reason));
      if (*reason == '\0')
        {
          g_set_error_literal (error, PEP_PLAN_NEXT_ERROR, PEP_PLAN_NEXT_ERROR_NO_REASON,
                               _("An unscheduled review needs its reason, for example a "
                                 "change of placement or of school."));
          return NULL;
        }
    }

  child = pep_store_load_child (store, child_id, error);
  if (child == NULL)
    return NULL;
  previous = pep_plan_next_find_previous (store, child_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  plan = pep_plan_next_build (previous, child, term, reason);
  if (!pep_store_insert_plan (store, plan, error))
    return NULL;

  return g_steal_pointer (&plan);
}
