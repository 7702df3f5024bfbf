/* pep-work-context.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The working context: who is working on a file, in which role, and the authorities'
 * profiles the file holds. The app makes one per file (PepApplication) and hands it to every
 * window; pepctl makes the same from the file. Whatever rates, dates or counts a child's PEP
 * asks it for that child's authority: the rubric, the deadlines, the terms.
 */

#pragma once

#include "pep-authority.h"
#include "pep-plan.h"
#include "pep-store.h"
#include "pep-workflow.h"
#include "pep-xml-import.h"

G_BEGIN_DECLS

#define PEP_TYPE_WORK_CONTEXT (pep_work_context_get_type ())

G_DECLARE_FINAL_TYPE (PepWorkContext, pep_work_context, PEP, WORK_CONTEXT, GObject)

PepWorkContext *pep_work_context_new                (PepStore        *store,
                                                     const char      *who,
                                                     PepRole          role,
                                                     GError         **error);
PepStore       *pep_work_context_get_store          (PepWorkContext  *self);
const char     *pep_work_context_get_who            (PepWorkContext  *self);
PepRole         pep_work_context_get_role           (PepWorkContext  *self);
void            pep_work_context_set_actor          (PepWorkContext  *self,
                                                     const char      *who,
                                                     PepRole          role);

GPtrArray      *pep_work_context_get_authorities    (PepWorkContext  *self);
PepAuthority   *pep_work_context_get_own            (PepWorkContext  *self);
PepAuthority   *pep_work_context_find               (PepWorkContext  *self,
                                                     const char      *la_code);
PepAuthority   *pep_work_context_for_care_authority (PepWorkContext  *self,
                                                     const char      *care_authority);
PepAuthority   *pep_work_context_for_child          (PepWorkContext  *self,
                                                     gint64           child_id,
                                                     GError         **error);
PepAuthority   *pep_work_context_for_plan           (PepWorkContext  *self,
                                                     PepPlan         *plan,
                                                     GError         **error);
PepWorkflow    *pep_work_context_get_workflow       (PepWorkContext  *self,
                                                     PepAuthority    *authority);

gboolean        pep_work_context_can_edit_rules     (PepWorkContext  *self);
gboolean        pep_work_context_save_own           (PepWorkContext  *self,
                                                     PepAuthority    *profile,
                                                     GError         **error);
gboolean        pep_work_context_needs_authority_passphrase (PepWorkContext *self);
gboolean        pep_work_context_unlock_authority_key (PepWorkContext  *self,
                                                     const char      *passphrase,
                                                     GError         **error);
gboolean        pep_work_context_sign_own           (PepWorkContext  *self,
                                                     GError         **error);
PepAuthority   *pep_work_context_import             (PepWorkContext  *self,
                                                     const char      *data,
                                                     gsize            length,
                                                     gboolean         as_own,
                                                     gboolean         dry_run,
                                                     GError         **error);
void            pep_work_context_set_verifier       (PepWorkContext  *self,
                                                     PepAuthorityVerifyFunc verify,
                                                     gpointer         user_data,
                                                     GDestroyNotify   destroy);
void            pep_work_context_get_verifier       (PepWorkContext  *self,
                                                     PepAuthorityVerifyFunc *verify,
                                                     gpointer        *user_data);
void            pep_work_context_set_accepted_keys  (PepWorkContext  *self,
                                                     const char * const *fingerprints);
PepXmlImportReport *pep_work_context_import_exchange (PepWorkContext *self,
                                                     const char      *data,
                                                     gsize            length,
                                                     PepXmlImportFlags flags,
                                                     GError         **error);
gboolean        pep_work_context_reload             (PepWorkContext  *self,
                                                     GError         **error);

G_END_DECLS
