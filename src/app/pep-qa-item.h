/* pep-qa-item.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One PEP waiting for the Virtual School, as the QA window's queue lists it: submitted and
 * waiting for QA, or approved and waiting for the advisor's authorisation. Read-only
 * properties for the column view's bindings and sorters.
 */

#pragma once

#include "pep-qa-queue.h"

G_BEGIN_DECLS

#define PEP_TYPE_QA_ITEM (pep_qa_item_get_type ())

G_DECLARE_FINAL_TYPE (PepQaItem, pep_qa_item, PEP, QA_ITEM, GObject)

PepQaItem   *pep_qa_item_new             (const PepQaQueueItem *item,
                                          PepStatus             status);
gint64       pep_qa_item_get_plan_id     (PepQaItem            *self);
PepStatus    pep_qa_item_get_status      (PepQaItem            *self);
const char  *pep_qa_item_get_name        (PepQaItem            *self);
const char  *pep_qa_item_get_school      (PepQaItem            *self);
gint64       pep_qa_item_get_school_urn  (PepQaItem            *self);
const char  *pep_qa_item_get_advisor     (PepQaItem            *self);
const char  *pep_qa_item_get_phase       (PepQaItem            *self);
void         pep_qa_item_get_term        (PepQaItem            *self,
                                          PepTermId            *term);
PepKind      pep_qa_item_get_kind        (PepQaItem            *self);
PepRating    pep_qa_item_get_proposed    (PepQaItem            *self);
gboolean     pep_qa_item_proposal_is_settled (PepQaItem        *self);
gboolean     pep_qa_item_proposal_includes (PepQaItem          *self,
                                            PepRating           rating);
gint64       pep_qa_item_get_waiting_days (PepQaItem           *self);
PepSeal      pep_qa_item_get_seal        (PepQaItem            *self);

/* The style classes that colour a rating: "rating", "rating-red" and so on. */
char       **pep_rating_css_classes      (PepRating             rating);

G_END_DECLS
