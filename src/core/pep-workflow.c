/* pep-workflow.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who may do what (where the reports are silent, least privilege):
 *
 *   edit the school's sections   designated teacher
 *   edit the social-worker section  social worker
 *   submit                       designated teacher
 *   rate, return, approve        QA officer, Virtual School advisor
 *   authorise (sign off)         Virtual School advisor
 *   amend a signed-off PEP       designated teacher, QA officer, Virtual School advisor
 *
 * The school edits a PEP while it is a draft or returned; QA rates, returns and approves a
 * submitted PEP; the advisor authorises an approved one. A PEP rated red overall cannot be
 * approved: it goes back to the school. Each step is one transaction; when a step fails,
 * reload the PEP before trying again.
 */

#define G_LOG_DOMAIN "pep-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-calendar.h"
#include "pep-signoff.h"
#include "pep-store-private.h"
#include "pep-validator.h"
#include "pep-workflow.h"

struct _PepWorkflow
{
  GObject    parent_instance;

  PepStore      *store;
  PepRubric     *rubric;
  PepAuthority  *authority;   /* whose rules (follow-up days, PP+), or NULL */
  PepSigningKey *key;
  char          *who;
  PepRole    role;
  guint      follow_up_days;
};

G_DEFINE_FINAL_TYPE (PepWorkflow, pep_workflow, G_TYPE_OBJECT)
G_DEFINE_QUARK (pep-workflow-error-quark, pep_workflow_error)

#define R(role) (1u << PEP_ROLE_##role)

static const struct
{
  guint       roles;
  const char *refusal;
} operations[PEP_N_OPERATIONS] = {
  [PEP_OPERATION_EDIT_TEACHER] =
    { R (DESIGNATED_TEACHER), N_("Only the designated teacher can change the school's sections of a PEP.") },
  [PEP_OPERATION_EDIT_SOCIAL_WORKER] =
    { R (SOCIAL_WORKER), N_("Only the social worker can change the social worker's section of a PEP.") },
  [PEP_OPERATION_SUBMIT] =
    { R (DESIGNATED_TEACHER), N_("Only the designated teacher can submit a PEP.") },
  [PEP_OPERATION_RATE] =
    { R (QA_OFFICER) | R (ADVISOR), N_("Only a QA officer or a Virtual School advisor can rate a PEP.") },
  [PEP_OPERATION_RETURN] =
    { R (QA_OFFICER) | R (ADVISOR), N_("Only a QA officer or a Virtual School advisor can return a PEP to the school.") },
  [PEP_OPERATION_APPROVE] =
    { R (QA_OFFICER) | R (ADVISOR), N_("Only a QA officer or a Virtual School advisor can approve a PEP.") },
  [PEP_OPERATION_AUTHORISE] =
    { R (ADVISOR), N_("Only a Virtual School advisor can authorise a PEP.") },
  [PEP_OPERATION_AMEND] =
    { R (DESIGNATED_TEACHER) | R (QA_OFFICER) | R (ADVISOR),
      N_("Only the designated teacher, a QA officer or a Virtual School advisor can amend a signed-off PEP.") },
  /* The carer adds their views (issue 3); the designated teacher may write them down at the
   * meeting for a carer who cannot. */
  [PEP_OPERATION_EDIT_CARER] =
    { R (CARER) | R (DESIGNATED_TEACHER), N_("Only the carer or the designated teacher can change the carer's views.") },
};

static void
pep_workflow_dispose (GObject *object)
{
  PepWorkflow *self = (PepWorkflow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->rubric);
  g_clear_object (&self->authority);
  g_clear_object (&self->key);

  G_OBJECT_CLASS (pep_workflow_parent_class)->dispose (object);
}

static void
pep_workflow_finalize (GObject *object)
{
  PepWorkflow *self = (PepWorkflow *)object;

  g_clear_pointer (&self->who, g_free);

  G_OBJECT_CLASS (pep_workflow_parent_class)->finalize (object);
}

static void
pep_workflow_class_init (PepWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_workflow_dispose;
  object_class->finalize = pep_workflow_finalize;
}

static void
pep_workflow_init (PepWorkflow *self)
{
  self->follow_up_days = PEP_AUTHORITY_DEFAULT_FOLLOW_UP_DAYS;
}

/* Roles ----------------------------------------------------------------------------------- */

gboolean
pep_role_can (PepRole      role,
              PepOperation operation)
{
  g_return_val_if_fail (role < PEP_N_ROLES, FALSE);
  g_return_val_if_fail (operation < PEP_N_OPERATIONS, FALSE);
  return (operations[operation].roles & (1u << role)) != 0;
}

gboolean
pep_role_check (PepRole        role,
                PepOperation   operation,
                GError       **error)
{
  if (pep_role_can (role, operation))
    return TRUE;
  g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED,
                       _(operations[operation].refusal));
  return FALSE;
}

/* The workflow ---------------------------------------------------------------------------- */

/**
 * pep_workflow_new:
 * @rubric: the rubric ratings are made against
 * @who: the person's name, as the audit trail records it
 */
PepWorkflow *
pep_workflow_new (PepStore   *store,
                  PepRubric  *rubric,
                  const char *who,
                  PepRole     role)
{
  PepWorkflow *self;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), NULL);
  g_return_val_if_fail (who != NULL, NULL);
  g_return_val_if_fail (role < PEP_N_ROLES, NULL);

  self = g_object_new (PEP_TYPE_WORKFLOW, NULL);
  self->store = g_object_ref (store);
  self->rubric = g_object_ref (rubric);
  self->who = g_strdup (who);
  self->role = role;
  return self;
}

/* The rubric this workflow's ratings are made against. */
PepRubric *
pep_workflow_get_rubric (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), NULL);
  return self->rubric;
}

PepRole
pep_workflow_get_role (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), PEP_ROLE_ADMINISTRATOR);
  return self->role;
}

const char *
pep_workflow_get_who (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), NULL);
  return self->who;
}

/**
 * pep_workflow_set_signing_key:
 * @key: (nullable): the person's own key, whose name and role are the workflow's
 *
 * Every sign-off (submitting, returning, approving, authorising) is signed with @key
 * (pep-signoff.h); without one those steps are refused.
 */
void
pep_workflow_set_signing_key (PepWorkflow   *self,
                              PepSigningKey *key)
{
  g_return_if_fail (PEP_IS_WORKFLOW (self));
  g_return_if_fail (key == NULL || PEP_IS_SIGNING_KEY (key));
  g_set_object (&self->key, key);
}

PepSigningKey *
pep_workflow_get_signing_key (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), NULL);
  return self->key;
}

/* The sign-off role a workflow role signs as. */
const char *
pep_role_to_signoff_role (PepRole role)
{
  switch (role)
    {
    case PEP_ROLE_DESIGNATED_TEACHER: return "designated-teacher";
    case PEP_ROLE_SOCIAL_WORKER:      return "social-worker";
    case PEP_ROLE_QA_OFFICER:         return "qa-officer";
    case PEP_ROLE_ADVISOR:            return "vs-advisor";
    case PEP_ROLE_CARER:
    case PEP_ROLE_HEADTEACHER:
    case PEP_ROLE_ADMINISTRATOR:
    case PEP_N_ROLES:
    default:
      return NULL;
    }
}

static gboolean
require_key (PepWorkflow  *self,
             GError      **error)
{
  if (self->key != NULL)
    return TRUE;
  g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NO_KEY,
                       _("A sign-off is signed with your own key, and there is none here: "
                         "create one first (pepctl key new)."));
  return FALSE;
}

/* Roles proven, not chosen (issue 12): a QA officer's or advisor's step needs their own key on
 * the authority's officers list with that role today (pep-authority-trust.h). A file for use
 * on its own with no list asks for none. */
static gboolean
require_officer (PepWorkflow  *self,
                 GError      **error)
{
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;

  if (self->role != PEP_ROLE_QA_OFFICER && self->role != PEP_ROLE_ADVISOR)
    return TRUE;
  if (!require_key (self, error))
    return FALSE;
  now = pep_store_now (self->store);
  if (pep_authority_trust_check_signer (self->store, &officers, pep_role_to_signoff_role (self->role),
                                        self->who, pep_signing_key_get_public_key (self->key), now,
                                        &local_error))
    return TRUE;
  if (!g_error_matches (local_error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED,
               _("Acting as %s needs your own key on the authority’s officers list in that role "
                 "today, and it is not: %s. The Virtual School’s head or an administrator adds "
                 "it (pepctl officers FILE add)."),
               pep_role_to_label (self->role), local_error->message);
  return FALSE;
}

/* The role may take @operation, and (a QA officer's or advisor's) has proven it. */
static gboolean
check_role (PepWorkflow   *self,
            PepOperation   operation,
            GError       **error)
{
  return pep_role_check (self->role, operation, error) && require_officer (self, error);
}

/* A new signoff row for this person, signed over @plan as it is now, moving to @status. */
static PepRecord *
signed_row (PepWorkflow  *self,
            PepPlan      *plan,
            const char   *status,
            const char   *comment,
            GError      **error)
{
  g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_SIGNOFF);
  g_autofree char *now = pep_store_now (self->store);

  if (!require_key (self, error))
    return NULL;
  pep_record_set_text (row, PEP_SIGNOFF_ROLE, pep_role_to_signoff_role (self->role));
  pep_record_set_text (row, PEP_SIGNOFF_NAME, self->who);
  pep_record_set_text (row, PEP_SIGNOFF_SIGNED_AT, now);
  if (comment != NULL)
    pep_record_set_text (row, PEP_SIGNOFF_COMMENT, comment);
  if (!pep_signoff_sign (self->store, plan, row, status, self->key, error))
    return NULL;
  return g_steal_pointer (&row);
}

/* How many school days after today a follow-up action is due when none is given. */
void
pep_workflow_set_follow_up_days (PepWorkflow *self,
                                 guint        n_school_days)
{
  g_return_if_fail (PEP_IS_WORKFLOW (self));
  g_return_if_fail (n_school_days > 0 && n_school_days <= 200);
  self->follow_up_days = n_school_days;
}

/* The authority whose rules this workflow applies: its follow-up days. (Its rubric is the
 * one given to pep_workflow_new(): pep_work_context_get_workflow() gives both.) */
void
pep_workflow_set_authority (PepWorkflow  *self,
                            PepAuthority *authority)
{
  g_return_if_fail (PEP_IS_WORKFLOW (self));
  g_set_object (&self->authority, authority);
  pep_workflow_set_follow_up_days (self, pep_authority_get_follow_up_days (authority));
}

/* Returns: (transfer none) (nullable): the authority whose rules this workflow applies */
PepAuthority *
pep_workflow_get_authority (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), NULL);
  return self->authority;
}

guint
pep_workflow_get_follow_up_days (PepWorkflow *self)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), 0);
  return self->follow_up_days;
}

static void
today (PepWorkflow *self,
       GDate       *date)
{
  g_autofree char *now = pep_store_now (self->store);

  now[10] = '\0';
  if (!pep_date_parse (now, date))
    g_assert_not_reached ();
}

/* The default due date of a follow-up action: the follow-up days counted in school days after
 * today (pep_store_now()), skipping weekends and bank holidays. */
void
pep_workflow_get_default_due (PepWorkflow *self,
                              GDate       *due)
{
  GDate now;

  g_return_if_fail (PEP_IS_WORKFLOW (self));
  g_return_if_fail (due != NULL);

  today (self, &now);
  pep_calendar_add_school_days (&now, self->follow_up_days, due);
}

static void
act (PepWorkflow *self)
{
  pep_store_set_actor (self->store, self->who, self->role);
}

static gboolean
status_in (PepPlan *plan,
           guint    allowed)
{
  return (allowed & (1u << pep_plan_get_status (plan))) != 0;
}

/* Refuses a step at the wrong point of the workflow; @message names the status with %s. */
#define CHECK_STATUS(plan, allowed, message, error) \
  (status_in (plan, allowed) \
   || (g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS, message, \
                    pep_status_to_label (pep_plan_get_status (plan))), FALSE))

#define S(status) (1u << PEP_STATUS_##status)

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Editing --------------------------------------------------------------------------------- */

/* Whether the workflow's role may change @section of @plan now; the school's sections and the
 * social worker's change while the PEP is a draft or returned. QA and sign-off are written by
 * the steps below, not edited. */
gboolean
pep_workflow_can_edit (PepWorkflow  *self,
                       PepPlan      *plan,
                       PepSection    section,
                       GError      **error)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (section < PEP_N_SECTIONS, FALSE);

  if (section == PEP_SECTION_QA || section == PEP_SECTION_SIGNOFF)
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED,
                           _("Ratings and signatures are recorded by quality assurance and "
                             "authorisation, not edited."));
      return FALSE;
    }
  if (!pep_role_check (self->role, section == PEP_SECTION_SOCIAL_WORKER
                                   ? PEP_OPERATION_EDIT_SOCIAL_WORKER
                                   : section == PEP_SECTION_CARER
                                   ? PEP_OPERATION_EDIT_CARER
                                   : PEP_OPERATION_EDIT_TEACHER, error))
    return FALSE;
  return CHECK_STATUS (plan, S (DRAFT) | S (RETURNED),
                       _("This PEP is %s: it can be changed only while it is a draft or "
                         "returned to the school."), error);
}

gboolean
pep_workflow_set_field (PepWorkflow  *self,
                        PepPlan      *plan,
                        guint         field,
                        GVariant     *value,
                        GError      **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (field < PEP_PLAN_N_FIELDS, FALSE);

  if (!pep_workflow_can_edit (self, plan, pep_table_get_field (PEP_TABLE_PLAN, field)->section, error))
    return FALSE;
  act (self);
  return pep_store_update_plan (self->store, plan, field, sunk, error);
}

static PepSection
row_section (PepTable table)
{
  /* A row belongs to the section of its first field: attainment, targets, PP+, sign-off, QA. */
  return pep_table_get_field (table, 0)->section;
}

gboolean
pep_workflow_add_row (PepWorkflow  *self,
                      PepPlan      *plan,
                      PepRecord    *row,
                      GError      **error)
{
  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  if (!pep_workflow_can_edit (self, plan, row_section (pep_record_get_table (row)), error))
    return FALSE;
  /* No more rows of a kind than the validator allows (import refuses the same). */
  if (!pep_validator_check_n_rows (pep_record_get_table (row),
                                   pep_plan_get_rows (plan, pep_record_get_table (row))->len + 1,
                                   error))
    return FALSE;
  act (self);
  return pep_store_add_plan_row (self->store, plan, row, error);
}

gboolean
pep_workflow_update_row (PepWorkflow  *self,
                         PepPlan      *plan,
                         PepRecord    *row,
                         guint         field,
                         GVariant     *value,
                         GError      **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  if (!pep_workflow_can_edit (self, plan, row_section (pep_record_get_table (row)), error))
    return FALSE;
  act (self);
  return pep_store_update_plan_row (self->store, plan, row, field, sunk, error);
}

/* Adds @fields as a new row, or writes each of its fields onto @existing, in one change. */
static gboolean
write_row (PepWorkflow  *self,
           PepPlan      *plan,
           PepRecord    *fields,
           PepRecord    *existing,
           GError      **error)
{
  PepTable table = pep_record_get_table (fields);
  PepStoreChange change;
  gboolean ok = TRUE;

  if (existing == NULL)
    return pep_store_add_plan_row (self->store, plan, fields, error);

  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  for (guint i = 0; ok && i < pep_table_get_n_fields (table); i++)
    {
      GVariant *value = pep_record_get (fields, i);
      ok = pep_store_update_plan_row (self->store, plan, existing, i,
                                      value, error);
    }
  return _pep_store_change_end (&change, ok, error);
}

/* Submitting ------------------------------------------------------------------------------ */

static PepRecord *
find_signoff (PepPlan    *plan,
              const char *role)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_SIGNOFF_ROLE), role) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The designated teacher signs the PEP and sends it to QA; a PEP returned to the school is
 * resubmitted the same way. */
gboolean
pep_workflow_submit (PepWorkflow  *self,
                     PepPlan      *plan,
                     GError      **error)
{
  g_autoptr(PepRecord) row = NULL;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);

  if (!pep_role_check (self->role, PEP_OPERATION_SUBMIT, error)
      || !CHECK_STATUS (plan, S (DRAFT) | S (RETURNED),
                        _("This PEP is %s: only a draft or a returned PEP can be submitted."),
                        error))
    return FALSE;

  if (!(row = signed_row (self, plan, "submitted", NULL, error)))
    return FALSE;
  act (self);
  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  ok = write_row (self, plan, row, find_signoff (plan, "designated-teacher"), error);
  ok = ok && pep_store_set_plan_status (self->store, plan, PEP_STATUS_SUBMITTED, error);
  return _pep_store_change_end (&change, ok, error);
}

/* Rating ---------------------------------------------------------------------------------- */

static PepRecord *
find_rating (PepPlan    *plan,
             PepSection  section)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_RATING);
  const char *nick = pep_section_to_nick (section);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_RATING_SECTION), nick) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* Returns: the rating recorded for @section of @plan, or %PEP_RATING_NOT_RATED */
PepRating
pep_workflow_get_section_rating (PepPlan    *plan,
                                 PepSection  section)
{
  PepRecord *row;
  PepRating rating;

  g_return_val_if_fail (PEP_IS_PLAN (plan), PEP_RATING_NOT_RATED);

  row = find_rating (plan, section);
  if (row == NULL || !pep_rating_from_nick (pep_record_get_text (row, PEP_RATING_RATING), &rating))
    return PEP_RATING_NOT_RATED;
  return rating;
}

static gboolean
check_rating_step (PepWorkflow  *self,
                   PepPlan      *plan,
                   GError      **error)
{
  return check_role (self, PEP_OPERATION_RATE, error)
         && CHECK_STATUS (plan, S (SUBMITTED),
                          _("This PEP is %s: only a submitted PEP is rated."), error);
}

/**
 * pep_workflow_rate_section:
 * @checks: the checks of @plan against the workflow's rubric, which propose a range: the
 *   floor they establish and the ceiling they leave open (pep_checks_get_range())
 * @reason: (nullable): why @rating is outside that range; needed when it is
 * @feedback: (nullable): feedback to the school
 *
 * Records the QA officer's rating of one section, beside the proposal.
 */
gboolean
pep_workflow_rate_section (PepWorkflow  *self,
                           PepPlan      *plan,
                           PepChecks    *checks,
                           PepSection    section,
                           PepRating     rating,
                           const char   *reason,
                           const char   *feedback,
                           GError      **error)
{
  g_autoptr(PepRecord) fields = NULL;
  g_autofree char *now = NULL;
  PepKind kind;
  PepRating proposed, ceiling;
  gboolean in_range;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_CHECKS (checks), FALSE);
  g_return_val_if_fail (pep_plan_get_id (pep_checks_get_plan (checks)) == pep_plan_get_id (plan), FALSE);
  g_return_val_if_fail (section < PEP_N_SECTIONS, FALSE);
  g_return_val_if_fail (rating < PEP_N_RATINGS, FALSE);

  if (!check_rating_step (self, plan, error))
    return FALSE;

  kind = pep_plan_get_kind (plan);
  /* The rating scale is the validator's rule, which import applies too. */
  {
    g_autoptr(PepValidator) validator = pep_validator_new (self->rubric);
    g_autoptr(GError) local_error = NULL;

    /* A rating is given, not withdrawn: "not rated" is no rating. */
    if (rating == PEP_RATING_NOT_RATED)
      {
        g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID,
                     _("“%s” cannot be rated %s: it is rated red, amber or green."),
                     pep_section_to_label (section), pep_rating_to_label (rating));
        return FALSE;
      }
    if (!pep_validator_check_rating (validator, kind, pep_section_to_nick (section),
                                     pep_rating_to_nick (rating), &local_error))
      {
        g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID,
                             local_error->message);
        return FALSE;
      }
  }
  /* Inside the range the checks leave open, the rating is the officer's judgement. */
  pep_checks_get_range (checks, section, &proposed, &ceiling);
  in_range = pep_checks_in_range (checks, section, rating);
  if (!in_range && is_blank (reason))
    {
      if (proposed == ceiling)
        g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED,
                     _("The checks propose %s for “%s”: give the reason for rating it %s."),
                     pep_rating_to_label (proposed), pep_section_to_label (section),
                     pep_rating_to_label (rating));
      else
        /* Translators: "The checks propose Amber to Gold for “Meeting”: …" */
        g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED,
                     _("The checks propose %s to %s for “%s”: give the reason for rating it %s."),
                     pep_rating_to_label (proposed), pep_rating_to_label (ceiling),
                     pep_section_to_label (section), pep_rating_to_label (rating));
      return FALSE;
    }

  act (self);
  now = pep_store_now (self->store);
  fields = pep_record_new (PEP_TABLE_RATING);
  pep_record_set_text (fields, PEP_RATING_SECTION, pep_section_to_nick (section));
  pep_record_set_text (fields, PEP_RATING_PROPOSED, pep_rating_to_nick (proposed));
  pep_record_set_text (fields, PEP_RATING_RATING, pep_rating_to_nick (rating));
  if (!in_range)
    pep_record_set_text (fields, PEP_RATING_REASON, reason);
  if (!is_blank (feedback))
    pep_record_set_text (fields, PEP_RATING_FEEDBACK, feedback);
  pep_record_set_text (fields, PEP_RATING_RATED_BY, self->who);
  pep_record_set_text (fields, PEP_RATING_RATED_AT, now);
  return write_row (self, plan, fields, find_rating (plan, section), error);
}

/* Returns: the overall rating the rubric's rule gives from the section ratings recorded */
PepRating
pep_workflow_propose_overall (PepWorkflow *self,
                              PepPlan     *plan)
{
  PepRating recorded[PEP_N_SECTIONS];

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), PEP_RATING_NOT_RATED);
  g_return_val_if_fail (PEP_IS_PLAN (plan), PEP_RATING_NOT_RATED);

  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    recorded[s] = pep_workflow_get_section_rating (plan, s);
  return pep_rubric_combine (self->rubric, pep_plan_get_kind (plan), recorded);
}

/**
 * pep_workflow_rate_overall:
 * @reason: (nullable): why @rating departs from what the rule gives; needed when it does
 *
 * Records the overall rating, once every section the rubric rates is rated.
 */
gboolean
pep_workflow_rate_overall (PepWorkflow  *self,
                           PepPlan      *plan,
                           PepRating     rating,
                           const char   *reason,
                           GError      **error)
{
  g_autofree char *now = NULL;
  PepStoreChange change;
  PepRating proposed;
  PepKind kind;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (rating < PEP_RATING_NOT_RATED, FALSE);

  if (!check_rating_step (self, plan, error))
    return FALSE;

  kind = pep_plan_get_kind (plan);
  for (guint i = 0; i < pep_rubric_get_n_sections (self->rubric); i++)
    {
      PepSection section = pep_rubric_get_section (self->rubric, i);

      if (pep_rubric_rates (self->rubric, section, kind)
          && pep_workflow_get_section_rating (plan, section) == PEP_RATING_NOT_RATED)
        {
          g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                       _("Rate every section first: “%s” is not rated yet."),
                       pep_section_to_label (section));
          return FALSE;
        }
    }
  proposed = pep_workflow_propose_overall (self, plan);
  if (rating != proposed && is_blank (reason))
    {
      g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED,
                   _("The rubric's rule gives %s overall: give the reason for rating it %s."),
                   pep_rating_to_label (proposed), pep_rating_to_label (rating));
      return FALSE;
    }

  act (self);
  now = pep_store_now (self->store);
  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
#define SET(field, text) \
  pep_store_update_plan (self->store, plan, field, (text) ? g_variant_new_string (text) : NULL, error)
  ok = SET (PEP_PLAN_QA_RUBRIC, pep_rubric_get_id (self->rubric))
       && SET (PEP_PLAN_QA_RUBRIC_VERSION, pep_rubric_get_version (self->rubric))
       && SET (PEP_PLAN_QA_OVERALL_PROPOSED, pep_rating_to_nick (proposed))
       && SET (PEP_PLAN_QA_OVERALL, pep_rating_to_nick (rating))
       && SET (PEP_PLAN_QA_OVERRIDE_REASON, rating != proposed ? reason : NULL)
       && SET (PEP_PLAN_QA_OFFICER, self->who)
       && SET (PEP_PLAN_QA_REVIEWED_AT, now);
#undef SET
  return _pep_store_change_end (&change, ok, error);
}

/* Returning, approving, authorising ------------------------------------------------------- */

/**
 * pep_workflow_return:
 * @actions: (array length=n_actions): at least one follow-up action
 *
 * Returns @plan to the school with follow-up actions, each open and due by its date or, when
 * it has none, the default number of school days after today.
 */
gboolean
pep_workflow_return (PepWorkflow              *self,
                     PepPlan                  *plan,
                     const PepFollowUpAction  *actions,
                     guint                     n_actions,
                     GError                  **error)
{
  const PepFieldInfo *owner = pep_table_get_field (PEP_TABLE_FOLLOW_UP, PEP_FOLLOW_UP_OWNER_ROLE);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PepRecord) signoff = NULL;
  GDate default_due;
  PepStoreChange change;
  gboolean ok = TRUE;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (actions != NULL || n_actions == 0, FALSE);

  if (!check_role (self, PEP_OPERATION_RETURN, error)
      || !CHECK_STATUS (plan, S (SUBMITTED),
                        _("This PEP is %s: only a submitted PEP can be returned."), error))
    return FALSE;
  if (n_actions == 0)
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                           _("Say what the school is to put right: returning a PEP needs at "
                             "least one follow-up action."));
      return FALSE;
    }

  pep_workflow_get_default_due (self, &default_due);
  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_FOLLOW_UP);
      GDate due = default_due;
      g_autofree char *due_text = NULL;

      if (is_blank (actions[i].action))
        {
          g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                       _("Follow-up action %u does not say what is to be done."), i + 1);
          return FALSE;
        }
      if (pep_field_find_choice (owner, actions[i].owner_role) == NULL)
        {
          g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID,
                       _("Follow-up action %u is for the designated teacher, the social "
                         "worker or the Virtual School advisor."), i + 1);
          return FALSE;
        }
      if (actions[i].due != NULL && !pep_date_parse (actions[i].due, &due))
        {
          g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID,
                       _("Follow-up action %u has a due date that is not a date."), i + 1);
          return FALSE;
        }
      due_text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&due),
                                  g_date_get_month (&due), g_date_get_day (&due));
      pep_record_set_text (row, PEP_FOLLOW_UP_ACTION, actions[i].action);
      pep_record_set_text (row, PEP_FOLLOW_UP_OWNER_ROLE, actions[i].owner_role);
      pep_record_set_text (row, PEP_FOLLOW_UP_DUE, due_text);
      pep_record_set_text (row, PEP_FOLLOW_UP_STATUS, "open");
      pep_record_set_text (row, PEP_FOLLOW_UP_RAISED_BY, self->who);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  if (!require_key (self, error))
    return FALSE;
  act (self);
  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  for (guint i = 0; ok && i < rows->len; i++)
    ok = pep_store_add_plan_row (self->store, plan, g_ptr_array_index (rows, i), error);
  /* QA's signature covers the follow-up actions it returns the PEP with. */
  ok = ok && (signoff = signed_row (self, plan, "returned", NULL, error)) != NULL
       && pep_store_add_plan_row (self->store, plan, signoff, error);
  ok = ok && pep_store_set_plan_status (self->store, plan, PEP_STATUS_RETURNED, error);
  return _pep_store_change_end (&change, ok, error);
}

/* QA is satisfied: the PEP waits for the advisor's authorisation. It must be rated overall,
 * and not red. */
gboolean
pep_workflow_approve (PepWorkflow  *self,
                      PepPlan      *plan,
                      GError      **error)
{
  g_autoptr(PepRecord) row = NULL;
  PepStoreChange change;
  PepRating overall;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);

  if (!check_role (self, PEP_OPERATION_APPROVE, error)
      || !CHECK_STATUS (plan, S (SUBMITTED),
                        _("This PEP is %s: only a submitted PEP can be approved."), error))
    return FALSE;
  if (!pep_rating_from_nick (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OVERALL),
                             &overall)
      || overall == PEP_RATING_NOT_RATED)
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                           _("Rate the PEP overall before approving it."));
      return FALSE;
    }
  if (overall == PEP_RATING_RED)
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                           _("A PEP rated red overall does not meet the statutory requirements: "
                             "return it to the school with follow-up actions."));
      return FALSE;
    }
  if (!(row = signed_row (self, plan, "approved", NULL, error)))
    return FALSE;
  act (self);
  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  ok = pep_store_add_plan_row (self->store, plan, row, error)
       && pep_store_set_plan_status (self->store, plan, PEP_STATUS_APPROVED, error);
  return _pep_store_change_end (&change, ok, error);
}

/**
 * pep_workflow_authorise:
 * @comment: the advisor's comment, which managers later sample
 *
 * The advisor's sign-off: adds their signature and moves @plan to signed-off, after which it
 * never changes. When @plan amends another PEP, that one is superseded in the same step.
 */
gboolean
pep_workflow_authorise (PepWorkflow  *self,
                        PepPlan      *plan,
                        const char   *comment,
                        GError      **error)
{
  g_autoptr(PepRecord) row = NULL;
  g_autoptr(PepPlan) amended = NULL;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);

  if (!check_role (self, PEP_OPERATION_AUTHORISE, error)
      || !CHECK_STATUS (plan, S (APPROVED),
                        _("This PEP is %s: only a PEP approved by QA can be authorised."), error))
    return FALSE;
  if (is_blank (comment))
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                           _("Authorising a PEP needs a comment."));
      return FALSE;
    }

  if (!(row = signed_row (self, plan, "signed-off", comment, error)))
    return FALSE;
  act (self);

  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  ok = pep_store_add_plan_row (self->store, plan, row, error)
       && pep_store_set_plan_status (self->store, plan, PEP_STATUS_SIGNED_OFF, error);
  if (ok && pep_plan_get_amends_id (plan) != 0)
    ok = (amended = pep_store_load_plan (self->store, pep_plan_get_amends_id (plan), error)) != NULL
         && (pep_plan_get_status (amended) == PEP_STATUS_SUPERSEDED
             || pep_store_set_plan_status (self->store, amended, PEP_STATUS_SUPERSEDED, error));
  return _pep_store_change_end (&change, ok, error);
}

static gint64
open_amendment (PepStore  *store,
                gint64     plan_id,
                GError   **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, "SELECT id FROM plan WHERE amends_id = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/**
 * pep_workflow_amend:
 *
 * Starts an amendment of a signed-off PEP: a new draft with the same content and rows (but no
 * ratings, follow-up actions or signatures) that names @plan. It supersedes @plan when it is
 * authorised in its turn; until then @plan stands.
 *
 * Returns: (transfer full): the new draft, saved
 */
PepPlan *
pep_workflow_amend (PepWorkflow  *self,
                    PepPlan      *plan,
                    GError      **error)
{
  static const PepTable copied[] = { PEP_TABLE_ATTAINMENT, PEP_TABLE_TARGET,
                                     PEP_TABLE_TARGET_REVIEW, PEP_TABLE_FUNDING_REQUEST };
  g_autoptr(PepPlan) amendment = NULL;
  PepRecord *from, *to;
  PepTermId term;
  gint64 existing;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);

  if (!check_role (self, PEP_OPERATION_AMEND, error)
      || !CHECK_STATUS (plan, S (SIGNED_OFF),
                        _("This PEP is %s: only a signed-off PEP is amended; change it directly."),
                        error))
    return NULL;
  if ((existing = open_amendment (self->store, pep_plan_get_id (plan), error)) < 0)
    return NULL;
  if (existing > 0)
    {
      g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS,
                   _("This PEP is already being amended (PEP %lld)."), (long long) existing);
      return NULL;
    }

  pep_plan_get_term (plan, &term);
  amendment = pep_plan_new (pep_plan_get_child_id (plan), &term, pep_plan_get_kind (plan));
  pep_plan_set_amends_id (amendment, pep_plan_get_id (plan));
  pep_plan_set_review_reason (amendment, pep_plan_get_review_reason (plan));
  pep_plan_set_school_urn (amendment, pep_plan_get_school_urn (plan));
  from = pep_plan_get_content (plan);
  to = pep_plan_get_content (amendment);
  for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
    {
      GVariant *value = pep_record_get (from, i);

      if (value != NULL && pep_table_get_field (PEP_TABLE_PLAN, i)->section != PEP_SECTION_QA)
        pep_record_set (to, i, value, NULL);
    }
  for (guint t = 0; t < G_N_ELEMENTS (copied); t++)
    {
      GPtrArray *rows = pep_plan_get_rows (plan, copied[t]);

      for (guint r = 0; r < rows->len; r++)
        {
          PepRecord *row = pep_plan_add_row (amendment, copied[t]);

          for (guint i = 0; i < pep_table_get_n_fields (copied[t]); i++)
            {
              GVariant *value = pep_record_get (g_ptr_array_index (rows, r), i);
              if (value != NULL)
                pep_record_set (row, i, value, NULL);
            }
        }
    }

  act (self);
  {
    g_autofree char *now = pep_store_now (self->store);

    /* The amendment's first step; the PEP it amends is signed off and takes no more but
     * "superseded", when the amendment is authorised. */
    pep_plan_add_event (amendment, "amended", now, self->who, pep_role_to_nick (self->role));
  }
  if (!pep_store_insert_plan (self->store, amendment, error))
    return NULL;
  return g_steal_pointer (&amendment);
}

/* Follow-up actions ----------------------------------------------------------------------- */

/**
 * pep_workflow_set_follow_up_status:
 * @status: "open", "done" or "cancelled"
 *
 * Whom an action is for marks it done; QA (a QA officer or advisor) may also cancel or reopen it.
 */
gboolean
pep_workflow_set_follow_up_status (PepWorkflow  *self,
                                   PepPlan      *plan,
                                   PepRecord    *follow_up,
                                   const char   *status,
                                   GError      **error)
{
  static const struct { const char *owner; PepRole role; } owners[] = {
    { "designated-teacher", PEP_ROLE_DESIGNATED_TEACHER },
    { "social-worker", PEP_ROLE_SOCIAL_WORKER },
    { "advisor", PEP_ROLE_ADVISOR },
  };
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_FOLLOW_UP, PEP_FOLLOW_UP_STATUS);
  const char *owner;
  gboolean is_owner = FALSE;
  g_autofree char *now = NULL;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (follow_up), FALSE);
  g_return_val_if_fail (pep_record_get_table (follow_up) == PEP_TABLE_FOLLOW_UP, FALSE);

  if (pep_field_find_choice (info, status) == NULL)
    {
      g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID,
                   _("A follow-up action is open, done or cancelled."));
      return FALSE;
    }
  owner = pep_record_get_text (follow_up, PEP_FOLLOW_UP_OWNER_ROLE);
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    is_owner |= g_strcmp0 (owner, owners[i].owner) == 0 && owners[i].role == self->role;
  if (!(pep_role_can (self->role, PEP_OPERATION_RETURN)
        || (is_owner && g_str_equal (status, "done"))))
    {
      g_set_error_literal (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED,
                           _("Only whom the action is for can mark it done, and only QA can "
                             "cancel or reopen it."));
      return FALSE;
    }

  act (self);
  now = pep_store_now (self->store);
  if (!_pep_store_change_begin (self->store, &change, error))
    return FALSE;
  ok = pep_store_update_plan_row (self->store, plan, follow_up, PEP_FOLLOW_UP_STATUS,
                                  g_variant_new_string (status), error)
       && pep_store_update_plan_row (self->store, plan, follow_up, PEP_FOLLOW_UP_DONE_AT,
                                     g_str_equal (status, "done") ? g_variant_new_string (now) : NULL,
                                     error);
  return _pep_store_change_end (&change, ok, error);
}
