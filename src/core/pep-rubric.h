/* pep-rubric.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Virtual School's quality-assurance rubric, as data (DOMAIN.md §5): which sections are
 * rated and on which scale, the criteria of each level (computed by a named check or judged
 * by the QA officer), the rule that combines section ratings into the overall rating, and
 * the Pupil Premium Plus allocation that follows the rating. The file format is
 * data/schema/rubric.xsd; data/rubric/default.xml is built in.
 */

#pragma once

#include "pep-types.h"

G_BEGIN_DECLS

#define PEP_RUBRIC_ERROR (pep_rubric_error_quark ())

typedef enum
{
  PEP_RUBRIC_ERROR_IO,          /* the file could not be read */
  PEP_RUBRIC_ERROR_TOO_LARGE,
  PEP_RUBRIC_ERROR_MALFORMED,   /* not well-formed XML, or it carries a DOCTYPE */
  PEP_RUBRIC_ERROR_INVALID,     /* does not follow rubric.xsd */
  PEP_RUBRIC_ERROR_UNKNOWN,     /* names a section or check PEP Studio does not have */
} PepRubricError;

typedef enum
{
  PEP_SCALE_RAG,    /* red, amber, green */
  PEP_SCALE_RAGG,   /* red, amber, green, gold */
} PepScale;

/* Progress judgements of attainment lines, worst to best. */
typedef enum
{
  PEP_PROGRESS_BELOW,
  PEP_PROGRESS_EXPECTED,
  PEP_PROGRESS_ABOVE,
} PepProgress;

/* What a criterion asks: its level is the rating it is needed for (amber: statutory, green:
 * good practice, gold: outstanding); @check names the automatic check that computes it, or is
 * NULL when the QA officer judges it. Owned by the rubric. */
typedef struct
{
  const char *id;
  PepSection  section;
  PepRating   level;
  const char *check;
  const char *description;
} PepCriterion;

/* What the PP+ rule looks at: the overall rating and the progress judgements of the PEP's
 * attainment lines. */
typedef struct
{
  PepKind   kind;
  PepRating overall;
  guint     n_below;
  guint     n_expected;
  guint     n_above;
} PepAllocationFacts;

#define PEP_RUBRIC_MAX_SIZE (1024 * 1024)
#define PEP_RUBRIC_RESOURCE_PATH "/io/github/pepstudio/PepStudio/core/data/rubric/default.xml"
#define PEP_RUBRIC_SCHEMA_RESOURCE_PATH "/io/github/pepstudio/PepStudio/core/data/schema/rubric.xsd"

#define PEP_TYPE_RUBRIC (pep_rubric_get_type ())

G_DECLARE_FINAL_TYPE (PepRubric, pep_rubric, PEP, RUBRIC, GObject)

GQuark              pep_rubric_error_quark          (void);

PepRubric          *pep_rubric_new_default          (void);
PepRubric          *pep_rubric_new_from_file        (const char          *path,
                                                     GError             **error);
PepRubric          *pep_rubric_new_from_data        (const char          *data,
                                                     gsize                length,
                                                     const char          *display_name,
                                                     GError             **error);

const char         *pep_rubric_get_id               (PepRubric           *self);
const char         *pep_rubric_get_version          (PepRubric           *self);
const char         *pep_rubric_get_title            (PepRubric           *self);
const char         *pep_rubric_get_rule             (PepRubric           *self);
const char         *pep_rubric_get_rule_description (PepRubric           *self);
const char         *pep_rubric_translate            (const char          *text);

guint               pep_rubric_get_n_sections       (PepRubric           *self);
PepSection          pep_rubric_get_section          (PepRubric           *self,
                                                     guint                index);
gboolean            pep_rubric_has_section          (PepRubric           *self,
                                                     PepSection           section);
PepScale            pep_rubric_get_scale            (PepRubric           *self,
                                                     PepSection           section);
gboolean            pep_rubric_rates                (PepRubric           *self,
                                                     PepSection           section,
                                                     PepKind              kind);
gboolean            pep_rubric_counts               (PepRubric           *self,
                                                     PepSection           section);
gboolean            pep_rubric_allows_rating        (PepRubric           *self,
                                                     PepSection           section,
                                                     PepRating            rating);
const PepCriterion *pep_rubric_get_criteria         (PepRubric           *self,
                                                     PepSection           section,
                                                     guint               *n_criteria);

PepRating           pep_rubric_combine              (PepRubric           *self,
                                                     PepKind              kind,
                                                     const PepRating      section_ratings[PEP_N_SECTIONS]);
gint64              pep_rubric_allocate             (PepRubric           *self,
                                                     const PepAllocationFacts *facts,
                                                     const char         **description);

const char         *pep_rating_to_nick              (PepRating            rating);
const char         *pep_rating_to_label             (PepRating            rating);
gboolean            pep_rating_from_nick            (const char          *nick,
                                                     PepRating           *rating);
gboolean            pep_progress_from_nick          (const char          *nick,
                                                     PepProgress         *progress);

G_END_DECLS
