/* pep-validator.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule a value must meet, in one place, applied alike by the editor (through the edit
 * session), import (and so pepctl import and validate) and the store: the registry's own
 * type, bounds and choices; the UPN's check letter; dates against the child's date of birth
 * and today; attainment in its scheme's terms; each section's rating on the rubric's scale;
 * and a sane maximum of rows of each kind in one PEP. The messages are written for the
 * person who typed the value; import puts the element path in front of them.
 */

#pragma once

#include "pep-authority.h"
#include "pep-plan.h"
#include "pep-rubric.h"

G_BEGIN_DECLS

#define PEP_VALIDATOR_ERROR (pep_validator_error_quark ())

/* Values are refused with PEP_FIELD_ERROR or PEP_UPN_ERROR, as the registry and the UPN
 * refuse them; what concerns a PEP as a whole with these. */
typedef enum
{
  PEP_VALIDATOR_ERROR_TOO_MANY_ROWS,
  PEP_VALIDATOR_ERROR_UNKNOWN_SECTION,
  PEP_VALIDATOR_ERROR_NOT_RATED,      /* the rubric does not rate the section in this kind */
  PEP_VALIDATOR_ERROR_SCALE,          /* a rating the section's scale does not have */
  PEP_VALIDATOR_ERROR_RATED_TWICE,
  PEP_VALIDATOR_ERROR_INCONSISTENT,   /* fields that contradict each other */
} PepValidatorError;

/* What a value is checked against, beyond the validator's today. */
typedef struct
{
  GDate       dob;      /* the child's date of birth; cleared (invalid) when unknown */
  const char *scheme;   /* for an attainment line: its assessment scheme nick, or NULL */
  gboolean    ppplus_open;  /* the authority's PP+ rules apply: a PEP still being written,
                             * a request not yet decided */
} PepValueContext;

/* Where a whole-record check found its problem. */
typedef struct
{
  PepTable table;   /* PEP_TABLE_CHILD, PEP_TABLE_PLAN (the PEP's own content) or a row table */
  guint    row;     /* for a row table: which row, from 0 */
  int      field;   /* the field, or -1 for the row or the table as a whole */
} PepValidationSite;

#define PEP_TYPE_VALIDATOR (pep_validator_get_type ())

G_DECLARE_FINAL_TYPE (PepValidator, pep_validator, PEP, VALIDATOR, GObject)

GQuark        pep_validator_error_quark   (void);

PepValidator *pep_validator_new           (PepRubric               *rubric);
PepRubric    *pep_validator_get_rubric    (PepValidator            *self);
void          pep_validator_set_authority (PepValidator            *self,
                                           PepAuthority            *authority);
PepAuthority *pep_validator_get_authority (PepValidator            *self);
void          pep_validator_set_values_checked (PepValidator       *self,
                                                gboolean            checked);
void          pep_validator_set_today     (PepValidator            *self,
                                           const GDate             *today);
void          pep_validator_get_today     (PepValidator            *self,
                                           GDate                   *today);

void          pep_value_context_init      (PepValueContext         *context,
                                           const char              *dob);

gboolean      pep_validator_check_value   (PepValidator            *self,
                                           const PepFieldInfo      *info,
                                           GVariant                *value,
                                           const PepValueContext   *context,
                                           GError                 **error);
GVariant     *pep_validator_parse         (PepValidator            *self,
                                           const PepFieldInfo      *info,
                                           const char              *text,
                                           const PepValueContext   *context,
                                           GError                 **error);
gboolean      pep_validator_check_rating  (PepValidator            *self,
                                           PepKind                  kind,
                                           const char              *section,
                                           const char              *rating,
                                           GError                 **error);
gboolean      pep_validator_check_child   (PepValidator            *self,
                                           PepRecord               *child,
                                           PepValidationSite       *site,
                                           GError                 **error);
gboolean      pep_validator_check_plan    (PepValidator            *self,
                                           PepPlan                 *plan,
                                           PepRecord               *child,
                                           PepValidationSite       *site,
                                           GError                 **error);

gboolean      pep_funding_request_is_pending (PepRecord            *request);

guint         pep_validator_max_rows      (PepTable                 table);
gboolean      pep_validator_check_n_rows  (PepTable                 table,
                                           guint                    n_rows,
                                           GError                 **error);

G_END_DECLS
