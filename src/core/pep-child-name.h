/* pep-child-name.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way PEP Studio names a child to a person, in every window, on paper and in
 * pepctl's words: the name the child goes by (the preferred name, or else the legal
 * forename) and the surname, "Jay Smith". Lists sort by surname, then that name.
 */

#pragma once

#include "pep-record.h"

G_BEGIN_DECLS

char *pep_child_display_name        (const char *forename,
                                     const char *surname,
                                     const char *preferred_name);
char *pep_child_record_display_name (PepRecord  *child);

G_END_DECLS
