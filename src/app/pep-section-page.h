/* pep-section-page.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section of a PEP in the editor, made from the field registry: its fields for the PEP's
 * kind, how many of the required ones are entered, and room for a section's own widgets
 * (the targets editor, the attainment grid, the review of previous targets).
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

#define PEP_TYPE_SECTION_PAGE (pep_section_page_get_type ())

G_DECLARE_FINAL_TYPE (PepSectionPage, pep_section_page, PEP, SECTION_PAGE, GtkWidget)

GtkWidget  *pep_section_page_new          (PepEditSession *session,
                                           PepSection      section);
gboolean    pep_section_page_set_session  (PepSectionPage *self,
                                           PepEditSession *session);
PepEditSession *pep_section_page_get_session (PepSectionPage *self);
PepSection  pep_section_page_get_section  (PepSectionPage *self);
const char *pep_section_page_get_progress (PepSectionPage *self);
void        pep_section_page_add_extra    (PepSectionPage *self,
                                           GtkWidget      *widget);
void        pep_section_page_add_rows     (PepSectionPage *self,
                                           PepTable        table);
char       *pep_section_progress_text     (PepEditSession *session,
                                           PepSection      section);
gboolean    pep_section_applies           (PepSection      section,
                                           PepKind         kind);

G_END_DECLS
