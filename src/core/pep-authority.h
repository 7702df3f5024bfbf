/* pep-authority.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An authority's profile: the rules its Virtual School sets for the PEPs of the children it
 * looks after (DOMAIN.md §9) — term dates and closures by academic year, termly deadlines,
 * the statutory days and how they are counted, the cohort rule, follow-up days, PP+ and the
 * rubric. It is kept in the file (pep-store-authority.h), travels as its own XML document
 * (data/schema/authority-profile.xsd, docs/authority-profile.md) and is the one term model:
 * a term's calendar span, its school days, its deadline and its default as-at date.
 *
 * Every function taking a profile accepts %NULL for England's usual pattern and the
 * built-in defaults. A profile handed to a PepWorkContext is not changed afterwards (worker
 * threads read it): an edit works on pep_authority_copy().
 */

#pragma once

#include "pep-calendar.h"
#include "pep-rubric.h"
#include "pep-term.h"

G_BEGIN_DECLS

#define PEP_AUTHORITY_ERROR (pep_authority_error_quark ())

typedef enum
{
  PEP_AUTHORITY_ERROR_MALFORMED,  /* not a profile document */
  PEP_AUTHORITY_ERROR_INVALID,    /* against the schema, or a rule it cannot say */
  PEP_AUTHORITY_ERROR_RUBRIC,     /* the rubric inside is not a valid rubric */
  PEP_AUTHORITY_ERROR_UNVERIFIED, /* the signature does not verify */
} PepAuthorityError;

/* The defaults, written once: England's statutory and usual practice. */
#define PEP_AUTHORITY_DEFAULT_NEW_TO_CARE_DAYS   20   /* working days to the first PEP */
#define PEP_AUTHORITY_DEFAULT_SCHOOL_CHANGE_DAYS 10   /* to a review after a change of school */
#define PEP_AUTHORITY_DEFAULT_FOLLOW_UP_DAYS     10   /* for a QA follow-up action */
#define PEP_AUTHORITY_DEFAULT_COHORT             "years1-11-month"
#define PEP_AUTHORITY_DEFAULT_PPPLUS_PENCE       263000   /* a child a year, 2025-26 */
#define PEP_AUTHORITY_MAX_DAYS                   60

#define PEP_AUTHORITY_SCHEMA_RESOURCE \
  "/io/github/pepstudio/PepStudio/core/data/schema/authority-profile.xsd"

#define PEP_TYPE_AUTHORITY (pep_authority_get_type ())

G_DECLARE_FINAL_TYPE (PepAuthority, pep_authority, PEP, AUTHORITY, GObject)

GQuark        pep_authority_error_quark          (void);

PepAuthority *pep_authority_new                  (void);
PepAuthority *pep_authority_copy                 (PepAuthority    *self);
PepAuthority *pep_authority_new_from_xml         (const char      *data,
                                                  gsize            length,
                                                  GError         **error);
char         *pep_authority_to_xml               (PepAuthority    *self,
                                                  gboolean         with_signature);

/* When the authority saved it: a newer profile replaces an older one on import */
const char   *pep_authority_get_issued           (PepAuthority    *self);
void          pep_authority_set_issued           (PepAuthority    *self,
                                                  const char      *issued);
int           pep_authority_compare_issued       (PepAuthority    *a,
                                                  PepAuthority    *b);

/* Who it is */
const char   *pep_authority_get_la_code          (PepAuthority    *self);
gboolean      pep_authority_set_la_code          (PepAuthority    *self,
                                                  const char      *la_code,
                                                  GError         **error);
const char   *pep_authority_get_name             (PepAuthority    *self);
void          pep_authority_set_name             (PepAuthority    *self,
                                                  const char      *name);
char         *pep_authority_describe             (PepAuthority    *self);
gboolean      pep_authority_looks_after          (PepAuthority    *self,
                                                  const char      *care_authority);
PepAuthority *pep_authority_find_for_child       (GPtrArray       *authorities,
                                                  const char      *care_authority);

/* Deadlines and days */
guint         pep_authority_get_new_to_care_days (PepAuthority    *self);
PepDayBasis   pep_authority_get_new_to_care_basis (PepAuthority   *self);
guint         pep_authority_get_school_change_days (PepAuthority  *self);
PepDayBasis   pep_authority_get_school_change_basis (PepAuthority *self);
guint         pep_authority_get_follow_up_days   (PepAuthority    *self);
gboolean      pep_authority_set_days             (PepAuthority    *self,
                                                  guint            new_to_care_days,
                                                  PepDayBasis      new_to_care_basis,
                                                  guint            school_change_days,
                                                  PepDayBasis      school_change_basis,
                                                  guint            follow_up_days,
                                                  GError         **error);
const char   *pep_authority_get_cohort           (PepAuthority    *self);
gboolean      pep_authority_set_cohort           (PepAuthority    *self,
                                                  const char      *cohort,
                                                  GError         **error);
gint64        pep_authority_get_ppplus_pence     (PepAuthority    *self);
gboolean      pep_authority_set_ppplus_pence     (PepAuthority    *self,
                                                  gint64           pence,
                                                  GError         **error);

/* Pupil Premium Plus (DOMAIN.md §4, §5): the yearly amount a child; the most a school is
 * allocated a term for a child (0: no limit); the most one request for additional funding
 * may ask (0: no limit) and what it must name besides its amount and rationale. Applied by
 * the validator to PEPs still being written (editor, import and pepctl alike); the termly
 * allocation that follows the QA rating is the rubric's <ppplus>. */
typedef enum
{
  PEP_REQUEST_NEEDS_INTERVENTION     = 1 << 0,   /* an evidence-based intervention */
  PEP_REQUEST_NEEDS_EXPECTED_OUTCOME = 1 << 1,   /* a well-defined expected outcome */
} PepRequestNeeds;

gint64        pep_authority_get_ppplus_term_pence (PepAuthority   *self);
gint64        pep_authority_get_request_max_pence (PepAuthority   *self);
PepRequestNeeds pep_authority_get_request_needs  (PepAuthority    *self);
gboolean      pep_authority_set_ppplus_rules     (PepAuthority    *self,
                                                  gint64           term_pence,
                                                  gint64           request_max_pence,
                                                  PepRequestNeeds  needs,
                                                  GError         **error);

/* Terms, closures and termly deadlines by academic year: a date left unset (NULL) falls
 * back to England's usual pattern (the deadline: the term's last school day). */
gboolean      pep_authority_set_term             (PepAuthority    *self,
                                                  const PepTermId *term,
                                                  const GDate     *first,
                                                  const GDate     *last,
                                                  const GDate     *deadline,
                                                  GError         **error);
gboolean      pep_authority_get_term             (PepAuthority    *self,
                                                  const PepTermId *term,
                                                  GDate           *first,
                                                  GDate           *last,
                                                  GDate           *deadline);
gboolean      pep_authority_set_closures         (PepAuthority    *self,
                                                  int              academic_year,
                                                  const char * const *closures,
                                                  GError         **error);
GStrv         pep_authority_get_closures         (PepAuthority    *self,
                                                  int              academic_year);
GArray       *pep_authority_get_years            (PepAuthority    *self);

/* The term model */
void          pep_authority_term_span            (PepAuthority    *self,
                                                  const PepTermId *term,
                                                  GDate           *first,
                                                  GDate           *last);
void          pep_authority_school_days          (PepAuthority    *self,
                                                  const PepTermId *term,
                                                  GDate           *first,
                                                  GDate           *last);
void          pep_authority_term_for_date        (PepAuthority    *self,
                                                  const GDate     *date,
                                                  PepTermId       *term);
void          pep_authority_deadline             (PepAuthority    *self,
                                                  const PepTermId *term,
                                                  GDate           *deadline);
gboolean      pep_authority_is_school_day        (PepAuthority    *self,
                                                  const GDate     *date);
void          pep_authority_add_days             (PepAuthority    *self,
                                                  const GDate     *from,
                                                  guint            n_days,
                                                  PepDayBasis      basis,
                                                  GDate           *out);

/* The rubric */
PepRubric    *pep_authority_get_rubric           (PepAuthority    *self);
const char   *pep_authority_get_rubric_xml       (PepAuthority    *self);
gboolean      pep_authority_set_rubric_xml       (PepAuthority    *self,
                                                  const char      *xml,
                                                  gsize            length,
                                                  GError         **error);

/* The seam for the authority's key (issue 12): the bytes a signature covers are
 * pep_authority_to_xml (self, FALSE); the officers list travels inside them unread. */
const char   *pep_authority_get_officers_xml     (PepAuthority    *self);
void          pep_authority_set_officers_xml     (PepAuthority    *self,
                                                  const char      *xml);
GBytes       *pep_authority_get_signed_bytes     (PepAuthority    *self);
const char   *pep_authority_get_signature        (PepAuthority    *self,
                                                  const char     **key_id);
void          pep_authority_set_signature        (PepAuthority    *self,
                                                  const char      *key_id,
                                                  const char      *signature);

/* Whether a profile's signature is good: the keys helper's verifier. */
typedef gboolean (*PepAuthorityVerifyFunc)       (PepAuthority    *profile,
                                                  GBytes          *signed_bytes,
                                                  const char      *key_id,
                                                  const char      *signature,
                                                  gpointer         user_data,
                                                  GError         **error);

const char   *pep_day_basis_to_nick              (PepDayBasis      basis);
gboolean      pep_day_basis_from_nick            (const char      *nick,
                                                  PepDayBasis     *basis);

G_END_DECLS
