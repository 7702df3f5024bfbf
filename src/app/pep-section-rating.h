/* pep-section-rating.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rated section of a PEP in the QA review, or its overall rating: the rating the rubric
 * proposes, a row of toggle buttons for the ratings the section's scale allows, the reason
 * (asked for when the rating departs from the proposal), feedback to the school, and the
 * criteria with their results. It does not write anything: it emits "rate" when the officer
 * chooses a rating or confirms their text, and the review view records it.
 */

#pragma once

#include <adwaita.h>

#include "pep-checks.h"

G_BEGIN_DECLS

#define PEP_TYPE_SECTION_RATING (pep_section_rating_get_type ())

G_DECLARE_FINAL_TYPE (PepSectionRating, pep_section_rating, PEP, SECTION_RATING, GtkWidget)

GtkWidget      *pep_section_rating_new            (PepSection             section);
PepSection      pep_section_rating_get_section    (PepSectionRating      *self);
void            pep_section_rating_set_title      (PepSectionRating      *self,
                                                   const char            *title);
void            pep_section_rating_set_allowed    (PepSectionRating      *self,
                                                   PepRubric             *rubric);
void            pep_section_rating_set_proposed   (PepSectionRating      *self,
                                                   PepRating              proposed);
void            pep_section_rating_set_range      (PepSectionRating      *self,
                                                   PepRating              floor,
                                                   PepRating              ceiling);
PepRating       pep_section_rating_get_proposed   (PepSectionRating      *self);
void            pep_section_rating_set_rating     (PepSectionRating      *self,
                                                   PepRating              rating);
PepRating       pep_section_rating_get_rating     (PepSectionRating      *self);
void            pep_section_rating_set_reason     (PepSectionRating      *self,
                                                   const char            *reason);
const char     *pep_section_rating_get_reason     (PepSectionRating      *self);
void            pep_section_rating_set_feedback   (PepSectionRating      *self,
                                                   const char            *feedback);
const char     *pep_section_rating_get_feedback   (PepSectionRating      *self);
void            pep_section_rating_set_show_feedback (PepSectionRating   *self,
                                                   gboolean               show);
void            pep_section_rating_set_results    (PepSectionRating      *self,
                                                   const PepCheckResult  *results,
                                                   guint                  n_results);
void            pep_section_rating_set_editable   (PepSectionRating      *self,
                                                   gboolean               editable);
void            pep_section_rating_set_saved      (PepSectionRating      *self,
                                                   gboolean               saved);
gboolean        pep_section_rating_get_saved      (PepSectionRating      *self);
void            pep_section_rating_set_error      (PepSectionRating      *self,
                                                   const GError          *error);
const char     *pep_section_rating_get_message    (PepSectionRating      *self);
GtkToggleButton *pep_section_rating_get_button    (PepSectionRating      *self,
                                                   PepRating              rating);
AdwEntryRow    *pep_section_rating_get_reason_row (PepSectionRating      *self);
AdwEntryRow    *pep_section_rating_get_feedback_row (PepSectionRating    *self);

G_END_DECLS
