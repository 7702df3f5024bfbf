/* pep-qa-window.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QA officer's workspace on one PEP Studio file: the queue of PEPs waiting for QA (or
 * for the advisor's authorisation), the follow-up actions across all PEPs, and the review of
 * one PEP. It shares the main window's PepStore, on the main thread; the lists are read on
 * worker threads, each with a PepStore of its own.
 */

#pragma once

#include <adwaita.h>

#include "pep-application.h"
#include "pep-review-view.h"
#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_TYPE_QA_WINDOW (pep_qa_window_get_type ())

G_DECLARE_FINAL_TYPE (PepQaWindow, pep_qa_window, PEP, QA_WINDOW, AdwApplicationWindow)

PepQaWindow   *pep_qa_window_new                (PepApplication *application,
                                                 PepStore       *store);
PepStore      *pep_qa_window_get_store          (PepQaWindow    *self);
gboolean       pep_qa_window_get_busy           (PepQaWindow    *self);
void           pep_qa_window_reload             (PepQaWindow    *self);
const char    *pep_qa_window_get_visible_page   (PepQaWindow    *self);
void           pep_qa_window_set_visible_page   (PepQaWindow    *self,
                                                 const char     *page);
void           pep_qa_window_set_waiting_for    (PepQaWindow    *self,
                                                 PepStatus       status);
GListModel    *pep_qa_window_get_queue_model    (PepQaWindow    *self);
GListModel    *pep_qa_window_get_follow_ups_model (PepQaWindow  *self);
void           pep_qa_window_activate_queue_row (PepQaWindow    *self,
                                                 guint           position);
gboolean       pep_qa_window_open_plan          (PepQaWindow    *self,
                                                 gint64          plan_id,
                                                 GError        **error);
PepReviewView *pep_qa_window_get_review_view    (PepQaWindow    *self);
PepWorkflow   *pep_qa_window_get_workflow       (PepQaWindow    *self);
void           pep_qa_window_open_from_spec     (PepQaWindow    *self,
                                                 const char     *spec);

G_END_DECLS
