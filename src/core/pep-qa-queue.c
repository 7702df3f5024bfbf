/* pep-qa-queue.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long a PEP has waited is counted from its first submission (its first "submitted"
 * step, PEP_TABLE_EVENT, which travels with it), so rating a section or returning it and
 * having it resubmitted does not put it back at the end of the queue. A PEP with no steps
 * (from a copy that did not keep them) waits from the designated teacher's signature, or
 * else its last change. PP+ allocation lines are made for PEPs QA has finished with (approved or
 * signed off), from the overall rating QA gave.
 */

#define G_LOG_DOMAIN "pep-qa-queue"

#include "config.h"

#include <string.h>

#include "pep-qa-queue.h"
#include "pep-store-private.h"

void
pep_qa_queue_item_free (PepQaQueueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->forename);
  g_free (item->surname);
  g_free (item->preferred_name);
  g_free (item->upn);
  g_free (item->school_name);
  g_free (item->phase);
  g_free (item->advisor);
  g_free (item->submitted_at);
  g_free (item);
}

void
pep_follow_up_item_free (PepFollowUpItem *item)
{
  if (item == NULL)
    return;
  g_free (item->forename);
  g_free (item->surname);
  g_free (item->preferred_name);
  g_free (item->action);
  g_free (item->owner_role);
  g_free (item->due);
  g_free (item->status);
  g_free (item->raised_by);
  g_free (item);
}

void
pep_allocation_line_free (PepAllocationLine *line)
{
  if (line == NULL)
    return;
  g_free (line->rule);
  g_free (line);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
finish (PepStore      *store,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

static GDateTime *
store_now (PepStore *store)
{
  g_autofree char *now = pep_store_now (store);

  return g_date_time_new_from_iso8601 (now, NULL);
}

/* The queue ------------------------------------------------------------------------------- */

static int
compare_waiting (gconstpointer a,
                 gconstpointer b)
{
  const PepQaQueueItem *x = *(PepQaQueueItem **) a;
  const PepQaQueueItem *y = *(PepQaQueueItem **) b;
  int c = g_strcmp0 (x->submitted_at, y->submitted_at);

  return c != 0 ? c : (x->plan_id > y->plan_id) - (x->plan_id < y->plan_id);
}

/**
 * pep_qa_queue_list:
 * @query: (nullable): filters; %NULL for every submitted PEP
 *
 * The submitted PEPs matching @query, each with the overall rating the checks of @rubric
 * propose, longest waiting first.
 *
 * Returns: (transfer container) (element-type PepQaQueueItem): the queue
 */
static GPtrArray *
queue_list (PepStore               *store,
            PepRubric              *rubric,
            GPtrArray              *authorities,
            const PepQaQueueQuery  *query,
            GError                **error);

GPtrArray *
pep_qa_queue_list (PepStore               *store,
                   PepRubric              *rubric,
                   const PepQaQueueQuery  *query,
                   GError                **error)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), NULL);
  return queue_list (store, rubric, NULL, query, error);
}

/**
 * pep_qa_queue_list_for:
 * @authorities: (element-type PepAuthority): the file's profiles, its own first
 *
 * As pep_qa_queue_list(), each PEP proposed by its child's authority's rubric.
 */
GPtrArray *
pep_qa_queue_list_for (PepStore               *store,
                       GPtrArray              *authorities,
                       const PepQaQueueQuery  *query,
                       GError                **error)
{
  g_return_val_if_fail (authorities != NULL && authorities->len > 0, NULL);
  return queue_list (store, NULL, authorities, query, error);
}

static GPtrArray *
queue_list (PepStore               *store,
            PepRubric              *rubric,
            GPtrArray              *authorities,
            const PepQaQueueQuery  *query,
            GError                **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_qa_queue_item_free);
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GDateTime) now = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  stmt = _pep_store_prepare (store,
    "SELECT p.id, p.child_id, c.legal_forename, c.legal_surname, c.upn, p.academic_year, p.term,"
    "       p.kind, p.review_reason IS NOT NULL, p.school_urn, s.name, s.phase, c.vs_advisor,"
    "       COALESCE ((SELECT min (e.at) FROM plan_event e"
    "                   WHERE e.plan_id = p.id AND e.kind = 'submitted'),"
    "                 (SELECT min (g.signed_at) FROM signoff g"
    "                   WHERE g.plan_id = p.id AND g.role = 'designated-teacher'),"
    "                 p.updated_at),"
    "       (SELECT t.problem FROM plan_tamper t WHERE t.plan_id = p.id), c.preferred_name"
    "  FROM plan p JOIN child c ON c.id = p.child_id"
    "  LEFT JOIN school s ON s.urn = p.school_urn"
    " WHERE p.status = 'submitted'"
    "   AND (?1 IS NULL OR (p.academic_year = ?1 AND p.term = ?2))"
    "   AND (?3 IS NULL OR p.school_urn = ?3)"
    "   AND (?4 IS NULL OR c.vs_advisor = ?4)"
    "   AND (?5 IS NULL OR p.kind = ?5)"
    "   AND (?6 IS NULL OR s.phase = ?6)", error);
  if (stmt == NULL)
    return NULL;
  if (query != NULL && query->has_term)
    {
      sqlite3_bind_int (stmt, 1, query->term.year);
      sqlite3_bind_text (stmt, 2, pep_term_to_nick (query->term.term), -1, SQLITE_STATIC);
    }
  if (query != NULL && query->school_urn != 0)
    sqlite3_bind_int64 (stmt, 3, query->school_urn);
  if (query != NULL && query->advisor != NULL)
    sqlite3_bind_text (stmt, 4, query->advisor, -1, SQLITE_TRANSIENT);
  if (query != NULL && query->has_kind)
    sqlite3_bind_text (stmt, 5, pep_kind_to_nick (query->kind), -1, SQLITE_STATIC);
  if (query != NULL && query->phase != NULL)
    sqlite3_bind_text (stmt, 6, query->phase, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepQaQueueItem *item = g_new0 (PepQaQueueItem, 1);

      item->plan_id = sqlite3_column_int64 (stmt, 0);
      item->child_id = sqlite3_column_int64 (stmt, 1);
      item->forename = column_text (stmt, 2);
      item->surname = column_text (stmt, 3);
      item->upn = column_text (stmt, 4);
      item->preferred_name = column_text (stmt, 15);
      item->term.year = sqlite3_column_int (stmt, 5);
      pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 6), &item->term.term);
      pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 7), &item->kind);
      item->unscheduled = sqlite3_column_int (stmt, 8);
      item->school_urn = sqlite3_column_int64 (stmt, 9);
      item->school_name = column_text (stmt, 10);
      item->phase = column_text (stmt, 11);
      item->advisor = column_text (stmt, 12);
      item->submitted_at = column_text (stmt, 13);
      /* A PEP whose signature failed the last check is listed with its mark, never hidden. */
      item->seal = PEP_SEAL_OK;
      if (sqlite3_column_type (stmt, 14) != SQLITE_NULL
          && !pep_seal_from_nick ((const char *) sqlite3_column_text (stmt, 14), &item->seal))
        item->seal = PEP_SEAL_CHANGED;
      g_ptr_array_add (items, item);
    }
  if (!finish (store, stmt, rc, error))
    return NULL;

  /* The proposal needs the whole PEP, the child and the previous PEP: loaded one at a time,
   * after the listing's statement is done with. */
  now = store_now (store);
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_qa_queue_item_free);
  for (guint i = 0; i < items->len; i++)
    {
      PepQaQueueItem *item = g_ptr_array_index (items, i);
      g_autoptr(PepPlan) plan = NULL;
      g_autoptr(PepChecks) checks = NULL;
      g_autoptr(GDateTime) submitted = NULL;

      if (!(plan = pep_store_load_plan (store, item->plan_id, error))
          || !(checks = rubric ? pep_checks_new_for_store (store, rubric, plan, error)
                               : pep_checks_new_for_plan (store, authorities, plan, error)))
        return NULL;
      pep_checks_get_overall_range (checks, &item->proposed, &item->proposed_ceiling);
      item->proposal_open = pep_checks_get_overall_open (checks);
      item->n_failures = pep_checks_count_failures (checks);
      if (query != NULL && query->has_proposed && item->proposed != query->proposed)
        continue;
      if (now != NULL && item->submitted_at != NULL
          && (submitted = g_date_time_new_from_iso8601 (item->submitted_at, NULL)) != NULL)
        item->waiting_days = MAX (0, g_date_time_difference (now, submitted) / G_TIME_SPAN_DAY);
      g_ptr_array_add (kept, g_steal_pointer (&g_ptr_array_index (items, i)));
    }
  g_ptr_array_sort (kept, compare_waiting);
  return g_steal_pointer (&kept);
}

/* Follow-up actions ----------------------------------------------------------------------- */

/**
 * pep_qa_list_follow_ups:
 * @query: (nullable): filters; %NULL for every action
 *
 * Follow-up actions across all PEPs but superseded ones, soonest due first; an action is
 * overdue when it is open and was due before today (by pep_store_now()).
 *
 * Returns: (transfer container) (element-type PepFollowUpItem): the actions
 */
GPtrArray *
pep_qa_list_follow_ups (PepStore                *store,
                        const PepFollowUpQuery  *query,
                        GError                 **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_follow_up_item_free);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  today = pep_store_now (store);
  today[10] = '\0';

  stmt = _pep_store_prepare (store,
    "SELECT f.id, f.plan_id, p.child_id, c.legal_forename, c.legal_surname, p.academic_year,"
    "       p.term, p.school_urn, f.action, f.owner_role, f.due, f.status, f.raised_by,"
    "       f.status = 'open' AND f.due < ?1, c.preferred_name"
    "  FROM follow_up f JOIN plan p ON p.id = f.plan_id JOIN child c ON c.id = p.child_id"
    " WHERE p.status <> 'superseded'"
    "   AND (?2 IS NULL OR f.status = 'open')"
    "   AND (?3 IS NULL OR (f.status = 'open' AND f.due < ?1))"
    "   AND (?4 IS NULL OR f.owner_role = ?4)"
    "   AND (?5 IS NULL OR p.school_urn = ?5)"
    " ORDER BY f.due, f.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (query != NULL && query->open_only)
    sqlite3_bind_int (stmt, 2, 1);
  if (query != NULL && query->overdue_only)
    sqlite3_bind_int (stmt, 3, 1);
  if (query != NULL && query->owner_role != NULL)
    sqlite3_bind_text (stmt, 4, query->owner_role, -1, SQLITE_TRANSIENT);
  if (query != NULL && query->school_urn != 0)
    sqlite3_bind_int64 (stmt, 5, query->school_urn);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepFollowUpItem *item = g_new0 (PepFollowUpItem, 1);

      item->follow_up_id = sqlite3_column_int64 (stmt, 0);
      item->plan_id = sqlite3_column_int64 (stmt, 1);
      item->child_id = sqlite3_column_int64 (stmt, 2);
      item->forename = column_text (stmt, 3);
      item->surname = column_text (stmt, 4);
      item->term.year = sqlite3_column_int (stmt, 5);
      item->preferred_name = column_text (stmt, 14);
      pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 6), &item->term.term);
      item->school_urn = sqlite3_column_int64 (stmt, 7);
      item->action = column_text (stmt, 8);
      item->owner_role = column_text (stmt, 9);
      item->due = column_text (stmt, 10);
      item->status = column_text (stmt, 11);
      item->raised_by = column_text (stmt, 12);
      item->overdue = sqlite3_column_int (stmt, 13);
      g_ptr_array_add (items, item);
    }
  if (!finish (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&items);
}

/* PP+ ------------------------------------------------------------------------------------- */

/* What the rubric's PP+ rule looks at in @plan: the overall rating QA gave, and the progress
 * judgements of its attainment lines. */
void
pep_allocation_facts_for_plan (PepPlan            *plan,
                               PepAllocationFacts *facts)
{
  GPtrArray *rows;

  g_return_if_fail (PEP_IS_PLAN (plan));
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  facts->kind = pep_plan_get_kind (plan);
  if (!pep_rating_from_nick (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OVERALL),
                             &facts->overall))
    facts->overall = PEP_RATING_NOT_RATED;
  rows = pep_plan_get_rows (plan, PEP_TABLE_ATTAINMENT);
  for (guint i = 0; i < rows->len; i++)
    {
      PepProgress progress;

      if (!pep_progress_from_nick (pep_record_get_text (g_ptr_array_index (rows, i),
                                                        PEP_ATTAINMENT_PROGRESS), &progress))
        continue;
      facts->n_below += progress == PEP_PROGRESS_BELOW;
      facts->n_expected += progress == PEP_PROGRESS_EXPECTED;
      facts->n_above += progress == PEP_PROGRESS_ABOVE;
    }
}

/**
 * pep_qa_list_allocations:
 *
 * The PP+ allocation line of each PEP of @term that QA has finished with (approved or signed
 * off, not superseded), by @rubric's rule, in PEP order.
 *
 * Returns: (transfer container) (element-type PepAllocationLine): the lines
 */
GPtrArray *
pep_qa_list_allocations (PepStore         *store,
                         PepRubric        *rubric,
                         const PepTermId  *term,
                         GError          **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_allocation_line_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), NULL);
  g_return_val_if_fail (term != NULL, NULL);

  stmt = _pep_store_prepare (store,
    "SELECT p.id, p.child_id, p.school_urn, p.kind, p.status, p.qa_overall,"
    "       (SELECT count (*) FROM attainment a WHERE a.plan_id = p.id AND a.progress = 'below'),"
    "       (SELECT count (*) FROM attainment a WHERE a.plan_id = p.id AND a.progress = 'expected'),"
    "       (SELECT count (*) FROM attainment a WHERE a.plan_id = p.id AND a.progress = 'above')"
    "  FROM plan p"
    " WHERE p.academic_year = ?1 AND p.term = ?2 AND p.status IN ('approved', 'signed-off')"
    " ORDER BY p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, term->year);
  sqlite3_bind_text (stmt, 2, pep_term_to_nick (term->term), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepAllocationLine *line = g_new0 (PepAllocationLine, 1);
      PepAllocationFacts facts = { 0 };
      const char *rule = NULL;

      line->plan_id = sqlite3_column_int64 (stmt, 0);
      line->child_id = sqlite3_column_int64 (stmt, 1);
      line->school_urn = sqlite3_column_int64 (stmt, 2);
      line->term = *term;
      pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 3), &line->kind);
      pep_status_from_nick ((const char *) sqlite3_column_text (stmt, 4), &line->status);
      if (!pep_rating_from_nick ((const char *) sqlite3_column_text (stmt, 5), &line->overall))
        line->overall = PEP_RATING_NOT_RATED;
      facts.kind = line->kind;
      facts.overall = line->overall;
      facts.n_below = (guint) sqlite3_column_int (stmt, 6);
      facts.n_expected = (guint) sqlite3_column_int (stmt, 7);
      facts.n_above = (guint) sqlite3_column_int (stmt, 8);
      line->pence = pep_rubric_allocate (rubric, &facts, &rule);
      line->rule = g_strdup (rule);
      g_ptr_array_add (lines, line);
    }
  if (!finish (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&lines);
}
