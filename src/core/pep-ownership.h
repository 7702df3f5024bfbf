/* pep-ownership.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who owns what between copies (DOMAIN.md §9, docs/ownership.md): one table, one row per
 * kind of change a PEP can bring, saying which copy (a school's, a Virtual School's) and
 * which roles may originate it. Import applies a PEP from another copy only when every
 * change it brings is its sender's to make; anything else refuses the whole document, with
 * the element's path and the reason.
 */

#pragma once

#include "pep-copy-owner.h"
#include "pep-plan.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_CHANGE_SCHOOL_SECTIONS,        /* the school's sections, their rows, the PEP's term and kind */
  PEP_CHANGE_SOCIAL_WORKER_SECTION,
  PEP_CHANGE_CARER_VIEWS,
  PEP_CHANGE_NEW_PEP,                /* a PEP the receiving copy has not seen */
  PEP_CHANGE_SUBMIT,                 /* draft or returned → submitted, the DT's signature */
  PEP_CHANGE_SOCIAL_WORKER_SIGNOFF,
  PEP_CHANGE_RATINGS,                /* section and overall ratings, feedback, QA's fields */
  PEP_CHANGE_RETURN,                 /* submitted → returned */
  PEP_CHANGE_FOLLOW_UPS,             /* raised, changed, cancelled, reopened */
  PEP_CHANGE_FOLLOW_UP_DONE,         /* marked done by whom it is for */
  PEP_CHANGE_FUNDING_DECISION,       /* the Virtual School's decision on a funding request */
  PEP_CHANGE_APPROVE,                /* submitted → approved */
  PEP_CHANGE_AUTHORISE,              /* approved → signed off, the advisor's signature */
  PEP_CHANGE_AMEND,                  /* a new PEP that amends a signed-off one */
  PEP_CHANGE_SUPERSEDE,              /* signed off → superseded, once its amendment is signed off */
  PEP_CHANGE_IDENTITY,               /* a child's names, date of birth, UPN, ULN, LA child ID */
  PEP_CHANGE_AUDIT_HISTORY,          /* the sender's AuditSummary */
  PEP_N_CHANGES
} PepChange;

typedef struct
{
  const char *nick;
  const char *what;     /* the change, in words */
  guint       copies;   /* 1 << PepCopyKind: the copies that may originate it */
  guint       roles;    /* 1 << PepRole: who, in that copy */
  const char *how;      /* conditions, in words */
} PepOwnershipRule;

const PepOwnershipRule *pep_ownership_get_rule     (PepChange            change);
gboolean                pep_ownership_copy_may     (PepCopyKind          sender,
                                                    PepChange            change);
gboolean                pep_ownership_is_identity  (guint                child_field);
gboolean                pep_ownership_check_plan   (const PepCopyOwner  *sender,
                                                    PepPlan             *local,
                                                    PepPlan             *incoming,
                                                    gboolean             amendment_signed_off,
                                                    const char          *path,
                                                    GError             **error);

G_END_DECLS
