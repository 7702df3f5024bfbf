/* pep-review-view.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QA review of one PEP: each section the rubric rates beside its rating control, the
 * proposal and the criteria results; the overall rating the rubric's rule proposes; the PEP
 * itself, read-only, alongside; and the steps that follow — return to the school with
 * follow-up actions, approve, authorise — each enabled by the user's role.
 */

#pragma once

#include <adwaita.h>

#include "pep-return-dialog.h"
#include "pep-section-rating.h"
#include "pep-workflow.h"

G_BEGIN_DECLS

#define PEP_TYPE_REVIEW_VIEW (pep_review_view_get_type ())

G_DECLARE_FINAL_TYPE (PepReviewView, pep_review_view, PEP, REVIEW_VIEW, GtkWidget)

GtkWidget        *pep_review_view_new                (void);
gboolean          pep_review_view_set_plan           (PepReviewView *self,
                                                      PepStore      *store,
                                                      PepWorkflow   *workflow,
                                                      PepRubric     *rubric,
                                                      gint64         plan_id,
                                                      GError       **error);
void              pep_review_view_clear              (PepReviewView *self);
PepPlan          *pep_review_view_get_plan           (PepReviewView *self);
const char       *pep_review_view_get_title          (PepReviewView *self);
gboolean          pep_review_view_flush              (PepReviewView *self);
PepSectionRating *pep_review_view_get_section_rating (PepReviewView *self,
                                                      PepSection     section);
PepSectionRating *pep_review_view_get_overall_rating (PepReviewView *self);
PepReturnDialog  *pep_review_view_get_return_dialog  (PepReviewView *self);
AdwEntryRow      *pep_review_view_get_comment_row    (PepReviewView *self);
const char       *pep_review_view_get_notice         (PepReviewView *self);
const char       *pep_review_view_get_seal_notice    (PepReviewView *self);

G_END_DECLS
