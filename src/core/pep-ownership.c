/* pep-ownership.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP arriving from another copy is compared with this copy's (none for a new PEP): each
 * difference is one kind of change of the table below, and each must be one its sender's
 * copy may originate, at the point of the workflow the PEP is at here. The roles column is
 * what the workflow (pep-workflow.c) lets each role do inside its copy; between copies only
 * the copy can be told apart until signatures prove who signed (issue 12's keys).
 */

#define G_LOG_DOMAIN "pep-ownership"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-ownership.h"
#include "pep-xml-private.h"

#define SCHOOL (1u << PEP_COPY_SCHOOL)
#define AUTHORITY (1u << PEP_COPY_AUTHORITY)
#define R(role) (1u << PEP_ROLE_##role)

/* The one table (docs/ownership.md prints it). */
static const PepOwnershipRule rules[PEP_N_CHANGES] = {
  [PEP_CHANGE_SCHOOL_SECTIONS] =
    { "school-sections", N_("the school's sections (meeting, voice, education, attendance, attainment, SEND, targets, PP+, careers …), their rows, and the PEP's term, kind and school"),
      SCHOOL, R (DESIGNATED_TEACHER), N_("while the PEP is a draft or returned to the school") },
  [PEP_CHANGE_SOCIAL_WORKER_SECTION] =
    { "social-worker-section", N_("the social worker's section"),
      SCHOOL, R (SOCIAL_WORKER), N_("while the PEP is a draft or returned to the school") },
  [PEP_CHANGE_CARER_VIEWS] =
    { "carer-views", N_("the carer's views"),
      SCHOOL, R (CARER) | R (DESIGNATED_TEACHER), N_("while the PEP is a draft or returned to the school") },
  [PEP_CHANGE_NEW_PEP] =
    { "new-pep", N_("a PEP the receiving copy does not have"),
      SCHOOL | AUTHORITY, R (DESIGNATED_TEACHER) | R (QA_OFFICER) | R (ADVISOR),
      N_("from a school, as a draft or submitted and at that school; from the Virtual School, in any status") },
  [PEP_CHANGE_SUBMIT] =
    { "submit", N_("submission (draft or returned → submitted) and the designated teacher's signature"),
      SCHOOL, R (DESIGNATED_TEACHER), N_("from a draft or a returned PEP") },
  [PEP_CHANGE_SOCIAL_WORKER_SIGNOFF] =
    { "social-worker-signoff", N_("the social worker's signature"),
      SCHOOL, R (SOCIAL_WORKER), N_("while the PEP is a draft or returned to the school") },
  [PEP_CHANGE_RATINGS] =
    { "ratings", N_("ratings and feedback (section and overall ratings, the QA officer's fields)"),
      AUTHORITY, R (QA_OFFICER) | R (ADVISOR), N_("a rating on its section's scale in the rubric (the validator's rule)") },
  [PEP_CHANGE_RETURN] =
    { "return", N_("return to the school (submitted → returned)"),
      AUTHORITY, R (QA_OFFICER) | R (ADVISOR), N_("from a submitted PEP") },
  [PEP_CHANGE_FOLLOW_UPS] =
    { "follow-ups", N_("follow-up actions: raised, changed, cancelled or reopened"),
      AUTHORITY, R (QA_OFFICER) | R (ADVISOR), "" },
  [PEP_CHANGE_FOLLOW_UP_DONE] =
    { "follow-up-done", N_("a follow-up action marked done"),
      SCHOOL | AUTHORITY, R (DESIGNATED_TEACHER) | R (SOCIAL_WORKER) | R (ADVISOR) | R (QA_OFFICER),
      N_("by the school only for an action for the designated teacher or the social worker") },
  [PEP_CHANGE_FUNDING_DECISION] =
    { "funding-decision", N_("the decision on a request for additional funding"),
      AUTHORITY, R (QA_OFFICER) | R (ADVISOR), "" },
  [PEP_CHANGE_APPROVE] =
    { "approve", N_("approval (submitted → approved)"),
      AUTHORITY, R (QA_OFFICER) | R (ADVISOR), N_("from a submitted PEP") },
  [PEP_CHANGE_AUTHORISE] =
    { "authorise", N_("sign-off (approved → signed off) and the advisor's signature"),
      AUTHORITY, R (ADVISOR), N_("from an approved PEP") },
  [PEP_CHANGE_AMEND] =
    { "amend", N_("an amendment: a new PEP that amends a signed-off one"),
      SCHOOL | AUTHORITY, R (DESIGNATED_TEACHER) | R (QA_OFFICER) | R (ADVISOR),
      N_("from a school, as a draft or submitted; it is signed off by the Virtual School") },
  [PEP_CHANGE_SUPERSEDE] =
    { "supersede", N_("a signed-off PEP superseded by its amendment"),
      AUTHORITY, R (ADVISOR), N_("only when its amendment is signed off, here or in the same document") },
  [PEP_CHANGE_IDENTITY] =
    { "identity", N_("a child's identity: names, date of birth, UPN, ULN, LA child ID"),
      SCHOOL | AUTHORITY, R (DESIGNATED_TEACHER) | R (ADMINISTRATOR),
      N_("listed by the dry run, applied only when the person importing confirms it") },
  [PEP_CHANGE_AUDIT_HISTORY] =
    { "audit-history", N_("the PEP's history (AuditSummary)"),
      SCHOOL | AUTHORITY, 0,
      N_("kept as the sender's history, never as this copy's own audit; nothing new for a PEP signed off here") },
};

const PepOwnershipRule *
pep_ownership_get_rule (PepChange change)
{
  g_return_val_if_fail (change < PEP_N_CHANGES, NULL);
  return &rules[change];
}

gboolean
pep_ownership_copy_may (PepCopyKind sender,
                        PepChange   change)
{
  g_return_val_if_fail (change < PEP_N_CHANGES, FALSE);
  return (rules[change].copies & (1u << sender)) != 0;
}

/* The fields that say who the child is: a change to one is confirmed by a person. */
gboolean
pep_ownership_is_identity (guint child_field)
{
  switch (child_field)
    {
    case PEP_CHILD_UPN:
    case PEP_CHILD_ULN:
    case PEP_CHILD_LA_CHILD_ID:
    case PEP_CHILD_LEGAL_FORENAME:
    case PEP_CHILD_LEGAL_SURNAME:
    case PEP_CHILD_PREFERRED_NAME:
    case PEP_CHILD_DOB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Checking one PEP ------------------------------------------------------------------------ */

typedef struct
{
  const PepCopyOwner *sender;
  const char         *path;
  PepStatus           before;    /* the status here; meaningless when new */
  gboolean            is_new;
} Check;

static const char *
sender_words (const PepCopyOwner *sender)
{
  return sender->kind == PEP_COPY_SCHOOL ? _("a school's copy") : _("the Virtual School's copy");
}

static const char *
owner_words (PepChange change)
{
  guint copies = rules[change].copies;

  if (copies == (SCHOOL | AUTHORITY))
    return _("either copy");
  return copies == SCHOOL ? _("the school's copy") : _("the Virtual School's copy");
}

static gboolean
refuse (Check       *check,
        const char  *where,
        PepChange    change,
        GError     **error)
{
  g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
               _("%s%s: %s changes %s, which only %s may change; the document is refused"),
               check->path, where, sender_words (check->sender), _(rules[change].what),
               owner_words (change));
  return FALSE;
}

/* The school writes its sections while the PEP is with the school. */
static gboolean
may (Check       *check,
     PepChange    change,
     const char  *where,
     GError     **error)
{
  gboolean content = change == PEP_CHANGE_SCHOOL_SECTIONS
                     || change == PEP_CHANGE_SOCIAL_WORKER_SECTION
                     || change == PEP_CHANGE_CARER_VIEWS
                     || change == PEP_CHANGE_SOCIAL_WORKER_SIGNOFF;

  if (!pep_ownership_copy_may (check->sender->kind, change))
    return refuse (check, where, change, error);
  if (content && !check->is_new
      && check->before != PEP_STATUS_DRAFT && check->before != PEP_STATUS_RETURNED)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("%s%s: the PEP is %s here, and %s changes only while a PEP is a draft or "
                     "returned to the school; the document is refused"),
                   check->path, where, pep_status_to_label (check->before), _(rules[change].what));
      return FALSE;
    }
  return TRUE;
}

static gboolean
values_differ (GVariant *a,
               GVariant *b)
{
  if (a == NULL || b == NULL)
    return a != b;
  return !g_variant_equal (a, b);
}

static PepChange
section_change (PepSection section)
{
  switch (section)
    {
    case PEP_SECTION_QA:
      return PEP_CHANGE_RATINGS;
    case PEP_SECTION_SOCIAL_WORKER:
      return PEP_CHANGE_SOCIAL_WORKER_SECTION;
    case PEP_SECTION_CARER:
      return PEP_CHANGE_CARER_VIEWS;
    default:
      return PEP_CHANGE_SCHOOL_SECTIONS;
    }
}

static gboolean
check_content (Check    *check,
               PepPlan  *local,
               PepPlan  *incoming,
               GError  **error)
{
  PepRecord *ours = pep_plan_get_content (local);
  PepRecord *theirs = pep_plan_get_content (incoming);
  PepTermId a, b;

  pep_plan_get_term (local, &a);
  pep_plan_get_term (incoming, &b);
  if (pep_term_compare (&a, &b) != 0 || pep_plan_get_kind (local) != pep_plan_get_kind (incoming)
      || g_strcmp0 (pep_plan_get_review_reason (local), pep_plan_get_review_reason (incoming)) != 0
      || pep_plan_get_school_urn (local) != pep_plan_get_school_urn (incoming))
    if (!may (check, PEP_CHANGE_SCHOOL_SECTIONS, "", error))
      return FALSE;
  for (guint f = 0; f < PEP_PLAN_N_FIELDS; f++)
    if (values_differ (pep_record_get (ours, f), pep_record_get (theirs, f)))
      {
        g_autofree char *where = pep_xml_field_path (PEP_TABLE_PLAN, f, -1);

        if (!may (check, section_change (pep_table_get_field (PEP_TABLE_PLAN, f)->section), where, error))
          return FALSE;
      }
  return TRUE;
}

static PepChange
signoff_change (const char *role)
{
  if (g_strcmp0 (role, "designated-teacher") == 0)
    return PEP_CHANGE_SUBMIT;
  if (g_strcmp0 (role, "social-worker") == 0)
    return PEP_CHANGE_SOCIAL_WORKER_SIGNOFF;
  return PEP_CHANGE_AUTHORISE;
}

/* A dated step of the workflow (PEP_TABLE_EVENT) is the step's own change: whoever may
 * submit may record a submission, and so on. */
static PepChange
event_change (const char *kind)
{
  if (g_strcmp0 (kind, "submitted") == 0 || g_strcmp0 (kind, "resubmitted") == 0)
    return PEP_CHANGE_SUBMIT;
  if (g_strcmp0 (kind, "returned") == 0)
    return PEP_CHANGE_RETURN;
  if (g_strcmp0 (kind, "approved") == 0)
    return PEP_CHANGE_APPROVE;
  if (g_strcmp0 (kind, "amended") == 0)
    return PEP_CHANGE_AMEND;
  if (g_strcmp0 (kind, "superseded") == 0)
    return PEP_CHANGE_SUPERSEDE;
  return PEP_CHANGE_AUTHORISE;
}

static PepChange
row_change (PepTable    table,
            guint       field,
            PepRecord  *ours,
            PepRecord  *theirs)
{
  switch (table)
    {
    case PEP_TABLE_RATING:
      return PEP_CHANGE_RATINGS;
    case PEP_TABLE_FUNDING_REQUEST:
      return field == PEP_FUNDING_REQUEST_DECISION || field == PEP_FUNDING_REQUEST_DECISION_NOTE
             ? PEP_CHANGE_FUNDING_DECISION : PEP_CHANGE_SCHOOL_SECTIONS;
    case PEP_TABLE_FOLLOW_UP:
      {
        const char *owner = pep_record_get_text (theirs, PEP_FOLLOW_UP_OWNER_ROLE);

        /* Whom an action is for marks it done: the school for its own people's; an action
         * for the advisor is the Virtual School's, like every other change to one. */
        if (ours != NULL
            && (field == PEP_FOLLOW_UP_STATUS || field == PEP_FOLLOW_UP_DONE_AT)
            && g_strcmp0 (pep_record_get_text (ours, PEP_FOLLOW_UP_STATUS), "open") == 0
            && g_strcmp0 (pep_record_get_text (theirs, PEP_FOLLOW_UP_STATUS), "done") == 0
            && (g_strcmp0 (owner, "designated-teacher") == 0 || g_strcmp0 (owner, "social-worker") == 0))
          return PEP_CHANGE_FOLLOW_UP_DONE;
        return PEP_CHANGE_FOLLOW_UPS;
      }
    case PEP_TABLE_SIGNOFF:
      return signoff_change (pep_record_get_text (theirs ? theirs : ours, PEP_SIGNOFF_ROLE));
    case PEP_TABLE_EVENT:
      return event_change (pep_record_get_text (theirs ? theirs : ours, PEP_EVENT_KIND));
    default:
      return PEP_CHANGE_SCHOOL_SECTIONS;
    }
}

/* Rows are matched by place, as import writes them; a review's link to the target it
 * reviews is worked out here, not sent, so it is not compared. */
static gboolean
check_rows (Check     *check,
            PepPlan   *local,
            PepPlan   *incoming,
            PepTable   table,
            GError   **error)
{
  GPtrArray *ours = pep_plan_get_rows (local, table);
  GPtrArray *theirs = pep_plan_get_rows (incoming, table);

  for (guint i = 0; i < MAX (ours->len, theirs->len); i++)
    {
      PepRecord *o = i < ours->len ? g_ptr_array_index (ours, i) : NULL;
      PepRecord *t = i < theirs->len ? g_ptr_array_index (theirs, i) : NULL;

      for (guint f = 0; f < pep_table_get_n_fields (table); f++)
        {
          g_autofree char *where = NULL;

          if (table == PEP_TABLE_TARGET_REVIEW && f == PEP_TARGET_REVIEW_PREVIOUS_TARGET)
            continue;
          if (o != NULL && t != NULL && !values_differ (pep_record_get (o, f), pep_record_get (t, f)))
            continue;
          if (o == NULL && t == NULL)
            continue;
          where = pep_xml_field_path (table, f, (int) i);
          if (!may (check, row_change (table, f, o, t ? t : o), where, error))
            return FALSE;
          if (o == NULL || t == NULL)
            break;  /* a row added or removed: one change */
        }
    }
  return TRUE;
}

/* The workflow's steps between copies: each copy moves a PEP only along its own steps,
 * perhaps several since the last exchange (approved, then signed off). */
static gboolean
status_reachable (PepCopyKind sender,
                  PepStatus   from,
                  PepStatus   to)
{
  static const struct { PepStatus from, to; PepChange change; } steps[] = {
    { PEP_STATUS_DRAFT, PEP_STATUS_SUBMITTED, PEP_CHANGE_SUBMIT },
    { PEP_STATUS_RETURNED, PEP_STATUS_SUBMITTED, PEP_CHANGE_SUBMIT },
    { PEP_STATUS_SUBMITTED, PEP_STATUS_RETURNED, PEP_CHANGE_RETURN },
    { PEP_STATUS_SUBMITTED, PEP_STATUS_APPROVED, PEP_CHANGE_APPROVE },
    { PEP_STATUS_APPROVED, PEP_STATUS_SIGNED_OFF, PEP_CHANGE_AUTHORISE },
    { PEP_STATUS_SIGNED_OFF, PEP_STATUS_SUPERSEDED, PEP_CHANGE_SUPERSEDE },
  };
  guint reached = 1u << from;

  /* At most as many steps as there are statuses. */
  for (guint round = 0; round < PEP_N_STATUSES; round++)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if ((reached & (1u << steps[i].from)) && pep_ownership_copy_may (sender, steps[i].change))
        reached |= 1u << steps[i].to;
  return (reached & (1u << to)) != 0;
}

static PepChange
status_change (PepStatus to)
{
  switch (to)
    {
    case PEP_STATUS_SUBMITTED:  return PEP_CHANGE_SUBMIT;
    case PEP_STATUS_RETURNED:   return PEP_CHANGE_RETURN;
    case PEP_STATUS_APPROVED:   return PEP_CHANGE_APPROVE;
    case PEP_STATUS_SIGNED_OFF: return PEP_CHANGE_AUTHORISE;
    case PEP_STATUS_SUPERSEDED: return PEP_CHANGE_SUPERSEDE;
    case PEP_STATUS_DRAFT:
    default:                    return PEP_CHANGE_SCHOOL_SECTIONS;
    }
}

static gboolean
check_status (Check    *check,
              PepPlan  *incoming,
              gboolean  amendment_signed_off,
              GError  **error)
{
  PepStatus to = pep_plan_get_status (incoming);
  PepStatus from = check->is_new ? PEP_STATUS_DRAFT : check->before;

  /* A new PEP from a school is a draft or submitted; from the Virtual School, as it is there. */
  if (check->is_new && check->sender->kind == PEP_COPY_AUTHORITY)
    return TRUE;
  if (!check->is_new && from == to)
    return TRUE;
  if (!status_reachable (check->sender->kind, from, to))
    {
      PepChange change = status_change (to);

      if (!pep_ownership_copy_may (check->sender->kind, change))
        return refuse (check, "/Status", change, error);
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("%s/Status: no step of the workflow takes a PEP from %s to %s; the "
                     "document is refused"), check->path, pep_status_to_label (from),
                   pep_status_to_label (to));
      return FALSE;
    }
  if (to == PEP_STATUS_SUPERSEDED && !amendment_signed_off)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("%s/Status: a PEP is superseded only by its amendment, once that is signed "
                     "off, and no signed-off amendment of it is here or in the document; the "
                     "document is refused"), check->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_ownership_check_plan:
 * @sender: whose copy sent @incoming
 * @local: (nullable): this copy's PEP, or NULL when @incoming is new here
 * @incoming: the PEP as the document has it, to be written here
 * @amendment_signed_off: whether a signed-off amendment of @incoming is here or in the document
 * @path: the PEP's element path, like /PEPExchange/PEP[3]
 *
 * Whether every change @incoming brings is one @sender's copy may make.
 *
 * Returns: FALSE with @error (%PEP_XML_ERROR_NOT_OWNER) naming the element and the reason
 */
gboolean
pep_ownership_check_plan (const PepCopyOwner  *sender,
                          PepPlan             *local,
                          PepPlan             *incoming,
                          gboolean             amendment_signed_off,
                          const char          *path,
                          GError             **error)
{
  Check check = { sender, path, local ? pep_plan_get_status (local) : PEP_STATUS_DRAFT, local == NULL };

  g_return_val_if_fail (sender != NULL && sender->kind != PEP_COPY_UNOWNED, FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (incoming), FALSE);

  /* A rating off its section's scale (gold on a red/amber/green section) was refused as the
   * document was read, by the one validator (pep-validator.c). */
  if (!check_status (&check, incoming, amendment_signed_off, error))
    return FALSE;

  if (local == NULL)
    {
      g_autoptr(PepPlan) blank = NULL;
      PepTermId term;

      if (sender->kind == PEP_COPY_AUTHORITY)
        return TRUE;
      /* A school's new PEP: everything in it is compared with an empty PEP of the same
       * term and kind, so that QA's parts and the Virtual School's signatures stand out. */
      pep_plan_get_term (incoming, &term);
      blank = pep_plan_new (0, &term, pep_plan_get_kind (incoming));
      pep_plan_set_review_reason (blank, pep_plan_get_review_reason (incoming));
      pep_plan_set_school_urn (blank, pep_plan_get_school_urn (incoming));
      local = blank;
      if (!check_content (&check, local, incoming, error))
        return FALSE;
      for (PepTable t = 0; t < PEP_N_TABLES; t++)
        if (pep_table_is_plan_row (t) && !check_rows (&check, local, incoming, t, error))
          return FALSE;
      return TRUE;
    }

  if (!check_content (&check, local, incoming, error))
    return FALSE;
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t) && !check_rows (&check, local, incoming, t, error))
      return FALSE;
  return TRUE;
}
