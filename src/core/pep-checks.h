/* pep-checks.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The automatic checks of a PEP's content, and what they propose against a rubric: each
 * section's rating is the highest level whose criteria all pass (criteria the QA officer
 * judges count as passing, and are listed for the officer), and the overall rating follows
 * the rubric's rule. The QA officer's review and the designated teacher's self-check before
 * submitting both use PepChecks.
 */

#pragma once

#include "pep-plan.h"
#include "pep-rubric.h"
#include "pep-store.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_CHECK_PASS,
  PEP_CHECK_FAIL,
  PEP_CHECK_NOT_APPLICABLE,   /* the check does not apply to this PEP: counts as passing */
  PEP_CHECK_JUDGED,           /* for the QA officer to judge: counts as passing */
} PepCheckOutcome;

/* One criterion's result; @reason is in words a teacher understands. */
typedef struct
{
  const PepCriterion *criterion;
  PepCheckOutcome     outcome;
  char               *reason;
} PepCheckResult;

/* The automatic checks, by id. */
const char * const *pep_check_list_ids     (void);
gboolean            pep_check_is_known     (const char     *check);
const char         *pep_check_get_title    (const char     *check);
PepCheckOutcome     pep_check_run          (const char     *check,
                                            PepPlan        *plan,
                                            PepRecord      *child,
                                            PepPlan        *previous,
                                            char          **reason);
gboolean            pep_check_outcome_passes (PepCheckOutcome outcome);

PepPlan            *pep_checks_load_previous (PepStore     *store,
                                              PepPlan      *plan,
                                              GError      **error);

#define PEP_TYPE_CHECKS (pep_checks_get_type ())

G_DECLARE_FINAL_TYPE (PepChecks, pep_checks, PEP, CHECKS, GObject)

PepChecks            *pep_checks_new              (PepRubric   *rubric,
                                                   PepPlan     *plan,
                                                   PepRecord   *child,
                                                   PepPlan     *previous);
PepChecks            *pep_checks_new_for_store    (PepStore    *store,
                                                   PepRubric   *rubric,
                                                   PepPlan     *plan,
                                                   GError     **error);
PepChecks            *pep_checks_new_for_plan     (PepStore    *store,
                                                   GPtrArray   *authorities,
                                                   PepPlan     *plan,
                                                   GError     **error);
PepRubric            *pep_checks_get_rubric       (PepChecks   *self);
PepPlan              *pep_checks_get_plan         (PepChecks   *self);
PepRating             pep_checks_get_proposed     (PepChecks   *self,
                                                   PepSection   section);
void                  pep_checks_get_range        (PepChecks   *self,
                                                   PepSection   section,
                                                   PepRating   *floor,
                                                   PepRating   *ceiling);
gboolean              pep_checks_in_range         (PepChecks   *self,
                                                   PepSection   section,
                                                   PepRating    rating);
void                  pep_checks_get_overall_range (PepChecks  *self,
                                                   PepRating   *floor,
                                                   PepRating   *ceiling);
const PepCheckResult *pep_checks_get_results      (PepChecks   *self,
                                                   PepSection   section,
                                                   guint       *n_results);
PepRating             pep_checks_get_overall      (PepChecks   *self);
gboolean              pep_checks_get_overall_open (PepChecks   *self);
char                 *pep_checks_describe_proposal (PepRating  floor,
                                                   PepRating   ceiling,
                                                   gboolean    open);
guint                 pep_checks_count_failures   (PepChecks   *self);

G_END_DECLS
