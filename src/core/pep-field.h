/* pep-field.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field registry: what each field of each record is called, which section it belongs
 * to, its type, its choices and its bounds. Values travel as GVariants of one type per
 * PepValueType (see pep_value_type_signature()).
 */

#pragma once

#include "pep-types.h"
#include "pep-field-list.h"

G_BEGIN_DECLS

#define PEP_FIELD_ERROR (pep_field_error_quark ())

typedef enum
{
  PEP_FIELD_ERROR_INVALID,
  PEP_FIELD_ERROR_OUT_OF_RANGE,
} PepFieldError;

typedef enum
{
  PEP_VALUE_TEXT,      /* "s" */
  PEP_VALUE_INT,       /* "x" */
  PEP_VALUE_REAL,      /* "d" */
  PEP_VALUE_BOOL,      /* "b" */
  PEP_VALUE_DATE,      /* "s", YYYY-MM-DD */
  PEP_VALUE_DATETIME,  /* "s", YYYY-MM-DDTHH:MM:SSZ */
  PEP_VALUE_MONEY,     /* "x", pence */
  PEP_VALUE_CHOICE,    /* "s", one of the field's choice nicks */
} PepValueType;

typedef enum
{
  PEP_FIELD_REQUIRED  = 1 << 0,
  PEP_FIELD_SENSITIVE = 1 << 1,
  PEP_FIELD_PERSONAL  = 1 << 2,
  PEP_FIELD_NAMES     = 1 << 3,  /* is or holds people's names (docs/privacy.md) */
} PepFieldFlags;

typedef struct
{
  const char *nick;
  const char *label;
} PepChoice;

typedef struct
{
  PepTable         table;
  guint            index;
  const char      *name;
  PepSection       section;
  PepValueType     type;
  const PepChoice *choices;   /* NULL-nick terminated, or NULL */
  guint            kinds;     /* 1 << PepKind for each kind the field applies to */
  PepFieldFlags    flags;
  double           min;
  double           max;
  const char      *label;     /* untranslated; pass through _() to show */
} PepFieldInfo;

#define PEP_FIELD_ENUM_SCHOOL(id, ...)          PEP_SCHOOL_##id,
#define PEP_FIELD_ENUM_CHILD(id, ...)           PEP_CHILD_##id,
#define PEP_FIELD_ENUM_PLAN(id, ...)            PEP_PLAN_##id,
#define PEP_FIELD_ENUM_ATTAINMENT(id, ...)      PEP_ATTAINMENT_##id,
#define PEP_FIELD_ENUM_TARGET(id, ...)          PEP_TARGET_##id,
#define PEP_FIELD_ENUM_TARGET_REVIEW(id, ...)   PEP_TARGET_REVIEW_##id,
#define PEP_FIELD_ENUM_FUNDING_REQUEST(id, ...) PEP_FUNDING_REQUEST_##id,
#define PEP_FIELD_ENUM_SIGNOFF(id, ...)         PEP_SIGNOFF_##id,
#define PEP_FIELD_ENUM_RATING(id, ...)          PEP_RATING_##id,
#define PEP_FIELD_ENUM_FOLLOW_UP(id, ...)       PEP_FOLLOW_UP_##id,
#define PEP_FIELD_ENUM_EVENT(id, ...)           PEP_EVENT_##id,

typedef enum { PEP_SCHOOL_FIELDS (PEP_FIELD_ENUM_SCHOOL) PEP_SCHOOL_N_FIELDS } PepSchoolField;
typedef enum { PEP_CHILD_FIELDS (PEP_FIELD_ENUM_CHILD) PEP_CHILD_N_FIELDS } PepChildField;
typedef enum { PEP_PLAN_FIELDS (PEP_FIELD_ENUM_PLAN) PEP_PLAN_N_FIELDS } PepPlanField;
typedef enum
{
  PEP_ATTAINMENT_FIELDS (PEP_FIELD_ENUM_ATTAINMENT)
  PEP_ATTAINMENT_N_FIELDS
} PepAttainmentField;
typedef enum { PEP_TARGET_FIELDS (PEP_FIELD_ENUM_TARGET) PEP_TARGET_N_FIELDS } PepTargetField;
typedef enum
{
  PEP_TARGET_REVIEW_FIELDS (PEP_FIELD_ENUM_TARGET_REVIEW)
  PEP_TARGET_REVIEW_N_FIELDS
} PepTargetReviewField;
typedef enum
{
  PEP_FUNDING_REQUEST_FIELDS (PEP_FIELD_ENUM_FUNDING_REQUEST)
  PEP_FUNDING_REQUEST_N_FIELDS
} PepFundingRequestField;
typedef enum { PEP_SIGNOFF_FIELDS (PEP_FIELD_ENUM_SIGNOFF) PEP_SIGNOFF_N_FIELDS } PepSignoffField;
typedef enum { PEP_RATING_FIELDS (PEP_FIELD_ENUM_RATING) PEP_RATING_N_FIELDS } PepRatingField;
typedef enum
{
  PEP_FOLLOW_UP_FIELDS (PEP_FIELD_ENUM_FOLLOW_UP)
  PEP_FOLLOW_UP_N_FIELDS
} PepFollowUpField;
typedef enum { PEP_EVENT_FIELDS (PEP_FIELD_ENUM_EVENT) PEP_EVENT_N_FIELDS } PepEventField;

GQuark               pep_field_error_quark      (void);

const char          *pep_table_get_name         (PepTable             table);
guint                pep_table_get_n_fields     (PepTable             table);
gboolean             pep_table_is_plan_row      (PepTable             table);
const PepFieldInfo  *pep_table_get_field        (PepTable             table,
                                                 guint                index);
const PepFieldInfo  *pep_table_lookup_field     (PepTable             table,
                                                 const char          *name);

const GVariantType  *pep_value_type_get_variant_type (PepValueType    type);

gboolean             pep_field_applies_to_year  (const PepFieldInfo  *info,
                                                 PepKind              kind,
                                                 int                  nc_year);
gboolean             pep_field_applies_to       (const PepFieldInfo  *info,
                                                 PepKind              kind);
const PepChoice     *pep_field_find_choice      (const PepFieldInfo  *info,
                                                 const char          *nick);
gboolean             pep_field_validate         (const PepFieldInfo  *info,
                                                 GVariant            *value,
                                                 GError             **error);
gboolean             pep_field_validate_new     (const PepFieldInfo  *info,
                                                 GVariant            *value,
                                                 GError             **error);
gboolean             pep_field_check_name_text  (const char          *label,
                                                 const char          *text,
                                                 GError             **error);
char                *pep_field_normalize_name   (const char          *text);
GVariant            *pep_field_parse            (const PepFieldInfo  *info,
                                                 const char          *text,
                                                 GError             **error);
char                *pep_field_format           (const PepFieldInfo  *info,
                                                 GVariant            *value);

gboolean             pep_date_parse             (const char          *text,
                                                 GDate               *date);
gboolean             pep_date_parse_typed       (const char          *text,
                                                 GDate               *date,
                                                 GError             **error);
char                *pep_date_format            (const GDate         *date);
char                *pep_field_describe         (const PepFieldInfo  *info,
                                                 GVariant            *value);
const char          *pep_ethnicity_to_label     (const char          *code);
char                *pep_date_format_iso        (const char          *iso);
char                *pep_datetime_format        (const char          *iso);
gboolean             pep_money_parse            (const char          *text,
                                                 gint64              *pence);
char                *pep_money_format           (gint64               pence);

G_END_DECLS
