/* pep-target-review.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review of every target of the last PEP, before new targets are written: its outcome
 * and a comment.
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

#define PEP_TYPE_TARGET_REVIEW (pep_target_review_get_type ())

G_DECLARE_FINAL_TYPE (PepTargetReview, pep_target_review, PEP, TARGET_REVIEW, GtkWidget)

GtkWidget *pep_target_review_new (PepEditSession *session);

G_END_DECLS
