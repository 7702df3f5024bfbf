/* pep-workflow.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP's way through quality assurance (DOMAIN.md §1): draft → submitted → (returned →
 * submitted)* → approved → signed-off, and amendments of a signed-off PEP. PepWorkflow acts
 * for one person in one role on one store: each step checks the role may take it and that
 * the PEP is at that point, then writes through PepStore, whose audit trail records who,
 * in which role, and when. Each step is also kept as a dated event of the PEP
 * (%PEP_TABLE_EVENT: submitted, returned, resubmitted, approved, authorised, amended,
 * superseded), which the exchange carries and the figures read.
 */

#pragma once

#include "pep-authority.h"
#include "pep-checks.h"
#include "pep-signing-key.h"
#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_WORKFLOW_ERROR (pep_workflow_error_quark ())

typedef enum
{
  PEP_WORKFLOW_ERROR_NOT_ALLOWED,    /* the role may not take this step */
  PEP_WORKFLOW_ERROR_WRONG_STATUS,   /* the PEP is not at the point where this step is taken */
  PEP_WORKFLOW_ERROR_REASON_NEEDED,  /* a rating departs from the proposal with no reason */
  PEP_WORKFLOW_ERROR_INCOMPLETE,     /* the step needs something that is missing */
  PEP_WORKFLOW_ERROR_INVALID,        /* a rating off the section's scale, an unknown owner… */
  PEP_WORKFLOW_ERROR_NO_KEY,         /* a sign-off needs the person's signing key */
} PepWorkflowError;

typedef enum
{
  PEP_OPERATION_EDIT_TEACHER,        /* the sections the school writes */
  PEP_OPERATION_EDIT_SOCIAL_WORKER,  /* the social worker's section */
  PEP_OPERATION_SUBMIT,
  PEP_OPERATION_RATE,
  PEP_OPERATION_RETURN,
  PEP_OPERATION_APPROVE,
  PEP_OPERATION_AUTHORISE,
  PEP_OPERATION_AMEND,
  PEP_OPERATION_EDIT_CARER,          /* the carer's views */
  PEP_N_OPERATIONS
} PepOperation;

/* One follow-up action for pep_workflow_return(). */
typedef struct
{
  const char *action;      /* what is to be done */
  const char *owner_role;  /* "designated-teacher", "social-worker" or "advisor" */
  const char *due;         /* YYYY-MM-DD, or NULL for the default number of school days */
} PepFollowUpAction;

GQuark        pep_workflow_error_quark         (void);

gboolean      pep_role_can                     (PepRole                  role,
                                                PepOperation             operation);
gboolean      pep_role_check                   (PepRole                  role,
                                                PepOperation             operation,
                                                GError                 **error);
const char   *pep_role_to_signoff_role         (PepRole                  role);

#define PEP_TYPE_WORKFLOW (pep_workflow_get_type ())

G_DECLARE_FINAL_TYPE (PepWorkflow, pep_workflow, PEP, WORKFLOW, GObject)

PepWorkflow  *pep_workflow_new                 (PepStore                *store,
                                                PepRubric               *rubric,
                                                const char              *who,
                                                PepRole                  role);
PepRole       pep_workflow_get_role            (PepWorkflow             *self);
PepRubric    *pep_workflow_get_rubric          (PepWorkflow             *self);
const char   *pep_workflow_get_who             (PepWorkflow             *self);
void          pep_workflow_set_signing_key     (PepWorkflow             *self,
                                                PepSigningKey           *key);
PepSigningKey *pep_workflow_get_signing_key    (PepWorkflow             *self);
void          pep_workflow_set_follow_up_days  (PepWorkflow             *self,
                                                guint                    n_school_days);
guint         pep_workflow_get_follow_up_days  (PepWorkflow             *self);
void          pep_workflow_set_authority       (PepWorkflow             *self,
                                                PepAuthority            *authority);
PepAuthority *pep_workflow_get_authority       (PepWorkflow             *self);
void          pep_workflow_get_default_due     (PepWorkflow             *self,
                                                GDate                   *due);

gboolean      pep_workflow_can_edit            (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                PepSection               section,
                                                GError                 **error);
gboolean      pep_workflow_set_field           (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                guint                    field,
                                                GVariant                *value,
                                                GError                 **error);
gboolean      pep_workflow_add_row             (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                PepRecord               *row,
                                                GError                 **error);
gboolean      pep_workflow_update_row          (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                PepRecord               *row,
                                                guint                    field,
                                                GVariant                *value,
                                                GError                 **error);

gboolean      pep_workflow_submit              (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                GError                 **error);
gboolean      pep_workflow_rate_section        (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                PepChecks               *checks,
                                                PepSection               section,
                                                PepRating                rating,
                                                const char              *reason,
                                                const char              *feedback,
                                                GError                 **error);
PepRating     pep_workflow_get_section_rating  (PepPlan                 *plan,
                                                PepSection               section);
PepRating     pep_workflow_propose_overall     (PepWorkflow             *self,
                                                PepPlan                 *plan);
gboolean      pep_workflow_rate_overall        (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                PepRating                rating,
                                                const char              *reason,
                                                GError                 **error);
gboolean      pep_workflow_return              (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                const PepFollowUpAction *actions,
                                                guint                    n_actions,
                                                GError                 **error);
gboolean      pep_workflow_approve             (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                GError                 **error);
gboolean      pep_workflow_authorise           (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                const char              *comment,
                                                GError                 **error);
PepPlan      *pep_workflow_amend               (PepWorkflow             *self,
                                                PepPlan                 *plan,
                                                GError                 **error);
gboolean      pep_workflow_set_follow_up_status (PepWorkflow            *self,
                                                 PepPlan                *plan,
                                                 PepRecord              *follow_up,
                                                 const char             *status,
                                                 GError                **error);

G_END_DECLS
