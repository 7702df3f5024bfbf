/* pep-qa-follow-up.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One follow-up action, as the QA window's follow-ups view lists it: what, for whom, when it
 * is due, whether it is overdue (said in words and with an icon, not by colour alone).
 */

#pragma once

#include "pep-qa-queue.h"

G_BEGIN_DECLS

#define PEP_TYPE_QA_FOLLOW_UP (pep_qa_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (PepQaFollowUp, pep_qa_follow_up, PEP, QA_FOLLOW_UP, GObject)

PepQaFollowUp *pep_qa_follow_up_new             (const PepFollowUpItem *item);
gint64         pep_qa_follow_up_get_id          (PepQaFollowUp         *self);
gint64         pep_qa_follow_up_get_plan_id     (PepQaFollowUp         *self);
const char    *pep_qa_follow_up_get_action      (PepQaFollowUp         *self);
const char    *pep_qa_follow_up_get_owner_role  (PepQaFollowUp         *self);
const char    *pep_qa_follow_up_get_status      (PepQaFollowUp         *self);
const char    *pep_qa_follow_up_get_due         (PepQaFollowUp         *self);
gboolean       pep_qa_follow_up_get_overdue     (PepQaFollowUp         *self);

const char    *pep_follow_up_owner_to_label     (const char            *owner_role);

G_END_DECLS
