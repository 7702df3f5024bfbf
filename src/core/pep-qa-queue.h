/* pep-qa-queue.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Virtual School's QA officers work from: the queue of submitted PEPs, longest
 * waiting first; the follow-up actions across all PEPs, overdue ones flagged; and the PP+
 * allocation line of each quality-assured PEP, by the rubric's rule, for the dashboard.
 */

#pragma once

#include "pep-checks.h"
#include "pep-signoff.h"
#include "pep-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean    has_term;
  PepTermId   term;
  gint64      school_urn;     /* 0 for any */
  const char *advisor;        /* the child's Virtual School advisor; NULL for any */
  gboolean    has_kind;
  PepKind     kind;
  const char *phase;          /* the school's phase nick ("primary", …); NULL for any */
  gboolean    has_proposed;
  PepRating   proposed;       /* the overall rating the checks propose */
} PepQaQueueQuery;

typedef struct
{
  gint64     plan_id;
  gint64     child_id;
  char      *forename;
  char      *surname;
  char      *preferred_name;  /* NULL when none is recorded; see pep_child_display_name() */
  char      *upn;
  PepTermId  term;
  PepKind    kind;
  gboolean   unscheduled;
  gint64     school_urn;
  char      *school_name;
  char      *phase;
  char      *advisor;
  char      *submitted_at;    /* when it was first submitted, YYYY-MM-DDTHH:MM:SSZ */
  gint64     waiting_days;    /* whole days since then, by pep_store_now() */
  PepRating  proposed;        /* the overall rating the checks propose: the floor */
  PepRating  proposed_ceiling; /* the highest overall rating they leave open */
  gboolean   proposal_open;   /* they rule out none (pep_checks_get_overall_open()) */
  guint      n_failures;      /* computed criteria that fail */
  PepSeal    seal;            /* what the last signature check found (plan_tamper) */
} PepQaQueueItem;

typedef struct
{
  gboolean    open_only;
  gboolean    overdue_only;
  const char *owner_role;     /* "designated-teacher", "social-worker", "advisor"; NULL for any */
  gint64      school_urn;     /* 0 for any */
} PepFollowUpQuery;

typedef struct
{
  gint64     follow_up_id;
  gint64     plan_id;
  gint64     child_id;
  char      *forename;
  char      *surname;
  char      *preferred_name;  /* NULL when none is recorded */
  PepTermId  term;
  gint64     school_urn;
  char      *action;
  char      *owner_role;
  char      *due;             /* YYYY-MM-DD */
  char      *status;          /* open, done, cancelled */
  char      *raised_by;
  gboolean   overdue;         /* open, and due before today */
} PepFollowUpItem;

typedef struct
{
  gint64      plan_id;
  gint64      child_id;
  gint64      school_urn;
  PepTermId   term;
  PepKind     kind;
  PepStatus   status;
  PepRating   overall;
  gint64      pence;          /* 0 when no rule of the rubric applies */
  char       *rule;           /* the rule that gave the amount, in the rubric's words; or NULL */
} PepAllocationLine;

void        pep_qa_queue_item_free        (PepQaQueueItem          *item);
void        pep_follow_up_item_free       (PepFollowUpItem         *item);
void        pep_allocation_line_free      (PepAllocationLine       *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepQaQueueItem, pep_qa_queue_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepFollowUpItem, pep_follow_up_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepAllocationLine, pep_allocation_line_free)

GPtrArray  *pep_qa_queue_list             (PepStore                *store,
                                           PepRubric               *rubric,
                                           const PepQaQueueQuery   *query,
                                           GError                 **error);
GPtrArray  *pep_qa_queue_list_for         (PepStore                *store,
                                           GPtrArray               *authorities,
                                           const PepQaQueueQuery   *query,
                                           GError                 **error);
GPtrArray  *pep_qa_list_follow_ups        (PepStore                *store,
                                           const PepFollowUpQuery  *query,
                                           GError                 **error);
GPtrArray  *pep_qa_list_allocations       (PepStore                *store,
                                           PepRubric               *rubric,
                                           const PepTermId         *term,
                                           GError                 **error);
void        pep_allocation_facts_for_plan (PepPlan                 *plan,
                                           PepAllocationFacts      *facts);

G_END_DECLS
