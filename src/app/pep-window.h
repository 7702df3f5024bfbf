/* pep-window.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window on one PEP Studio file: the child list for the current term; the page of the
 * child chosen from it, with their PEPs term by term; and the PEP editor.
 */

#pragma once

#include <adwaita.h>

#include "pep-application.h"
#include "pep-child-page.h"
#include "pep-plan-editor.h"
#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_TYPE_WINDOW (pep_window_get_type ())

G_DECLARE_FINAL_TYPE (PepWindow, pep_window, PEP, WINDOW, AdwApplicationWindow)

PepWindow   *pep_window_new                (PepApplication     *application,
                                            PepStore           *store);
PepWindow   *pep_window_new_for_path       (PepApplication     *application,
                                            const char         *path,
                                            PepStoreOpenFlags   flags,
                                            GError            **error);
PepStore    *pep_window_get_store          (PepWindow          *self);
GtkWindow   *pep_window_check_file         (PepWindow          *self);
void         pep_window_check_file_after_paint (PepWindow        *self);
PepWorkContext *pep_window_get_context     (PepWindow          *self);
GListModel  *pep_window_get_children_model (PepWindow          *self);
gboolean     pep_window_get_busy           (PepWindow          *self);
gboolean     pep_window_is_demo            (PepWindow          *self);
char        *pep_window_get_demo_path      (void);
gboolean     pep_window_get_checking_signatures (PepWindow     *self);
GPtrArray   *pep_window_get_tampered       (PepWindow          *self);
const char  *pep_window_get_visible_page   (PepWindow          *self);
void         pep_window_set_search_text    (PepWindow          *self,
                                            const char         *text);
void         pep_window_reload             (PepWindow          *self);
void         pep_window_activate_row       (PepWindow          *self,
                                            guint               position);
gboolean     pep_window_open_child         (PepWindow          *self,
                                            gint64              child_id,
                                            GError            **error);
gboolean     pep_window_open_plan          (PepWindow          *self,
                                            gint64              plan_id,
                                            GError            **error);
PepPlanEditor *pep_window_get_plan_editor  (PepWindow          *self);
PepChildPage *pep_window_get_child_page    (PepWindow          *self);

G_END_DECLS
