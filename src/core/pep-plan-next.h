/* pep-plan-next.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting a child's next PEP from their last one (DOMAIN.md §2, §4): the stable facts are
 * carried forward, every previous target is listed for review before new targets are
 * written, and an unscheduled review records its reason. Also a child's PEP history, term
 * by term, and moving a PEP's rows into a new order.
 */

#pragma once

#include <gio/gio.h>

#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_PLAN_NEXT_ERROR (pep_plan_next_error_quark ())

typedef enum
{
  PEP_PLAN_NEXT_ERROR_NO_REASON,   /* an unscheduled review with no reason */
  PEP_PLAN_NEXT_ERROR_INVALID,     /* a position or row that is not the PEP's */
} PepPlanNextError;

GQuark      pep_plan_next_error_quark     (void);

PepKind     pep_plan_next_kind_for_year   (int               nc_year,
                                           gboolean          has_previous,
                                           PepKind           previous_kind);
gboolean    pep_plan_next_carries_field   (guint             plan_field);
PepPlan    *pep_plan_next_build           (PepPlan          *previous,
                                           PepRecord        *child,
                                           const PepTermId  *term,
                                           const char       *review_reason);
PepPlan    *pep_plan_next_find_previous   (PepStore         *store,
                                           gint64            child_id,
                                           GError          **error);
PepPlan    *pep_plan_next_start           (PepStore         *store,
                                           gint64            child_id,
                                           const PepTermId  *term,
                                           const char       *review_reason,
                                           GError          **error);
GListModel *pep_plan_next_list_history    (PepStore         *store,
                                           gint64            child_id,
                                           GError          **error);

G_END_DECLS
