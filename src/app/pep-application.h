/* pep-application.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pep-work-context.h"

G_BEGIN_DECLS

#define PEP_TYPE_APPLICATION (pep_application_get_type ())

G_DECLARE_FINAL_TYPE (PepApplication, pep_application, PEP, APPLICATION, AdwApplication)

PepApplication *pep_application_new               (void);
void            pep_application_choose_renderer   (void);
GSettings      *pep_application_get_settings      (PepApplication *self);
void            pep_application_open_path         (PepApplication *self,
                                                   const char     *path,
                                                   gboolean        create);
GtkWidget      *pep_application_open_error_dialog (GtkWindow      *parent,
                                                   const GError   *error);
PepWorkContext *pep_application_dup_context       (PepApplication *self,
                                                   PepStore       *store,
                                                   GError        **error);

G_END_DECLS
