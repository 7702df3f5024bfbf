/* pep-child-page.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One child: their PEPs term by term, starting the next one, and their identity, care,
 * school and people, edited and saved as they are typed.
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"
#include "pep-history-dialog.h"
#include "pep-term.h"

G_BEGIN_DECLS

#define PEP_TYPE_CHILD_PAGE (pep_child_page_get_type ())

G_DECLARE_FINAL_TYPE (PepChildPage, pep_child_page, PEP, CHILD_PAGE, GtkWidget)

GtkWidget      *pep_child_page_new               (void);
gboolean        pep_child_page_set_child         (PepChildPage    *self,
                                                  PepStore        *store,
                                                  gint64           child_id,
                                                  PepWorkflow     *workflow,
                                                  const PepTermId *term,
                                                  GError         **error);
void            pep_child_page_clear             (PepChildPage    *self);
gboolean        pep_child_page_flush             (PepChildPage    *self);
gint64          pep_child_page_get_child_id      (PepChildPage    *self);
const char     *pep_child_page_get_title         (PepChildPage    *self);
GListModel     *pep_child_page_get_history       (PepChildPage    *self);
PepEditSession *pep_child_page_get_session       (PepChildPage    *self);
gboolean        pep_child_page_remove_history    (PepChildPage    *self,
                                                  PepHistoryKind   kind,
                                                  guint            index,
                                                  GError         **error);
gint64          pep_child_page_start_plan        (PepChildPage    *self,
                                                  const char      *review_reason,
                                                  GError         **error);

G_END_DECLS
