/* pep-plan.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Personal Education Plan: whose it is, which term, its kind, status and revision,
 * its content (a PEP_TABLE_PLAN record) and its rows (attainment, targets, reviews of the
 * previous targets, funding requests, sign-offs).
 */

#pragma once

#include "pep-record.h"
#include "pep-term.h"

G_BEGIN_DECLS

#define PEP_TYPE_PLAN (pep_plan_get_type ())

G_DECLARE_FINAL_TYPE (PepPlan, pep_plan, PEP, PLAN, GObject)

PepPlan     *pep_plan_new                (gint64           child_id,
                                          const PepTermId *term,
                                          PepKind          kind);
gint64       pep_plan_get_id             (PepPlan         *self);
void         pep_plan_set_id             (PepPlan         *self,
                                          gint64           id);
const char  *pep_plan_get_uuid           (PepPlan         *self);
void         pep_plan_set_uuid           (PepPlan         *self,
                                          const char      *uuid);
gint64       pep_plan_get_child_id       (PepPlan         *self);
void         pep_plan_get_term           (PepPlan         *self,
                                          PepTermId       *term);
PepKind      pep_plan_get_kind           (PepPlan         *self);
void         pep_plan_set_kind           (PepPlan         *self,
                                          PepKind          kind);
PepStatus    pep_plan_get_status         (PepPlan         *self);
void         pep_plan_set_status         (PepPlan         *self,
                                          PepStatus        status);
gint64       pep_plan_get_revision       (PepPlan         *self);
void         pep_plan_set_revision       (PepPlan         *self,
                                          gint64           revision);
const char  *pep_plan_get_review_reason  (PepPlan         *self);
void         pep_plan_set_review_reason  (PepPlan         *self,
                                          const char      *reason);
gboolean     pep_plan_is_unscheduled     (PepPlan         *self);
gint64       pep_plan_get_amends_id      (PepPlan         *self);
void         pep_plan_set_amends_id      (PepPlan         *self,
                                          gint64           plan_id);
gint64       pep_plan_get_school_urn     (PepPlan         *self);
void         pep_plan_set_school_urn     (PepPlan         *self,
                                          gint64           urn);
const char  *pep_plan_get_updated_at     (PepPlan         *self);
void         pep_plan_set_updated_at     (PepPlan         *self,
                                          const char      *updated_at);
PepRecord   *pep_plan_get_content        (PepPlan         *self);
GPtrArray   *pep_plan_get_rows           (PepPlan         *self,
                                          PepTable         table);
PepRecord   *pep_plan_add_row            (PepPlan         *self,
                                          PepTable         table);
PepRecord   *pep_plan_add_event          (PepPlan         *self,
                                          const char      *kind,
                                          const char      *at,
                                          const char      *name,
                                          const char      *role);
const char  *pep_plan_get_event_at       (PepPlan         *self,
                                          const char      *kind,
                                          gboolean         last);
gboolean     pep_plan_equal_content      (PepPlan         *a,
                                          PepPlan         *b);
int          pep_plan_get_child_nc_year  (PepPlan         *self,
                                          PepRecord       *child);
gboolean     pep_plan_field_applies      (PepPlan         *self,
                                          PepRecord       *child,
                                          const PepFieldInfo *info);

G_END_DECLS
