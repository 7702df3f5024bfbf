/* pep-upn.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PEP_UPN_ERROR (pep_upn_error_quark ())

typedef enum
{
  PEP_UPN_ERROR_LENGTH,
  PEP_UPN_ERROR_CHARACTER,
  PEP_UPN_ERROR_CHECK_LETTER,
} PepUpnError;

GQuark   pep_upn_error_quark       (void);
gboolean pep_upn_validate          (const char  *upn,
                                    gboolean    *is_temporary,
                                    GError     **error);
char     pep_upn_check_letter      (const char  *upn);
char    *pep_upn_make              (guint        la_code,
                                    guint        estab,
                                    guint        year,
                                    guint        serial);

G_END_DECLS
