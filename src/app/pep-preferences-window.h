/* pep-preferences-window.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences: who you are, the rubric and QA defaults, exports, term dates and deadline
 * rules. Every row is bound to its GSettings key; nothing is copied by hand.
 */

#pragma once

#include <adwaita.h>

#include "pep-work-context.h"

G_BEGIN_DECLS

#define PEP_TYPE_PREFERENCES_WINDOW (pep_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PepPreferencesWindow, pep_preferences_window,
                      PEP, PREFERENCES_WINDOW, AdwPreferencesWindow)

PepPreferencesWindow *pep_preferences_window_new          (GtkWindow            *parent,
                                                           GSettings            *settings,
                                                           PepWorkContext       *context);
gboolean              pep_preferences_window_set_rubric   (PepPreferencesWindow *self,
                                                           const char           *xml,
                                                           GError              **error);
GSettings            *pep_preferences_window_get_settings (PepPreferencesWindow *self);

gboolean              pep_preferences_parse_closures      (const char           *text,
                                                           char               ***closures);

void                  pep_preferences_window_add_year   (PepPreferencesWindow *self);
void                  pep_preferences_window_show_year  (PepPreferencesWindow *self,
                                                         int                   year);

G_END_DECLS
