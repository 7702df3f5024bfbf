/* pep-attainment-grid.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Attainment, one line per subject, in the assessment scheme of the child's phase (EYFS
 * areas, phonics, key stage 1 and 2 standards and scaled scores, GCSE 9–1, post-16
 * qualifications): current, targets, progress and effort.
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

#define PEP_TYPE_ATTAINMENT_GRID (pep_attainment_grid_get_type ())

G_DECLARE_FINAL_TYPE (PepAttainmentGrid, pep_attainment_grid, PEP, ATTAINMENT_GRID, GtkWidget)

GtkWidget  *pep_attainment_grid_new            (PepEditSession *session);
const char *pep_attainment_default_scheme      (PepKind         kind,
                                                int             nc_year);

G_END_DECLS
