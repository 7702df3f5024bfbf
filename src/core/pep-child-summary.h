/* pep-child-summary.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line of the child list: who the child is and where their PEP for a term stands.
 * Immutable; cheap enough to hold tens of thousands of.
 */

#pragma once

#include "pep-types.h"

G_BEGIN_DECLS

#define PEP_TYPE_CHILD_SUMMARY (pep_child_summary_get_type ())

G_DECLARE_FINAL_TYPE (PepChildSummary, pep_child_summary, PEP, CHILD_SUMMARY, GObject)

PepChildSummary *pep_child_summary_new           (gint64           child_id,
                                                  const char      *upn,
                                                  const char      *forename,
                                                  const char      *surname,
                                                  const char      *preferred_name,
                                                  int              nc_year,
                                                  const char      *school,
                                                  gint64           plan_id,
                                                  int              status,
                                                  int              kind);
gint64           pep_child_summary_get_child_id  (PepChildSummary *self);
gint64           pep_child_summary_get_plan_id   (PepChildSummary *self);
const char      *pep_child_summary_get_name      (PepChildSummary *self);
const char      *pep_child_summary_get_upn       (PepChildSummary *self);
const char      *pep_child_summary_get_school    (PepChildSummary *self);
const char      *pep_child_summary_get_status_label (PepChildSummary *self);
int              pep_child_summary_get_status    (PepChildSummary *self);
int              pep_child_summary_get_nc_year   (PepChildSummary *self);
char            *pep_child_summary_fold          (const char      *text);
void             pep_child_summary_set_left_care (PepChildSummary *self,
                                                  const char      *left_care);
gboolean         pep_child_summary_get_left_care (PepChildSummary *self,
                                                  GDate           *left_care);
void             pep_child_summary_set_seal      (PepChildSummary *self,
                                                  int              seal);
int              pep_child_summary_get_seal      (PepChildSummary *self);
gboolean         pep_child_summary_matches       (PepChildSummary *self,
                                                  const char      *folded_query);

G_END_DECLS
