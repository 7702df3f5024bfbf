/* pep-types.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forward declarations and the enums shared across the core. Only GLib here: the core
 * builds and is tested with no GTK on the include path.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _PepChildSummary PepChildSummary;
typedef struct _PepPlan         PepPlan;
typedef struct _PepRecord       PepRecord;
typedef struct _PepStore        PepStore;

/* The tables whose fields the registry in pep-field.h describes. */
typedef enum
{
  PEP_TABLE_SCHOOL,
  PEP_TABLE_CHILD,
  PEP_TABLE_PLAN,
  PEP_TABLE_ATTAINMENT,
  PEP_TABLE_TARGET,
  PEP_TABLE_TARGET_REVIEW,
  PEP_TABLE_FUNDING_REQUEST,
  PEP_TABLE_SIGNOFF,
  PEP_TABLE_RATING,
  PEP_TABLE_FOLLOW_UP,
  PEP_TABLE_EVENT,
  PEP_N_TABLES
} PepTable;

/* The sections of a PEP, in the order a designated teacher meets them (DOMAIN.md §4). */
typedef enum
{
  PEP_SECTION_IDENTITY,
  PEP_SECTION_CARE,
  PEP_SECTION_SCHOOL,
  PEP_SECTION_PEOPLE,
  PEP_SECTION_MEETING,
  PEP_SECTION_VOICE,
  PEP_SECTION_EDUCATION,
  PEP_SECTION_EARLY_YEARS,
  PEP_SECTION_ATTENDANCE,
  PEP_SECTION_ATTAINMENT,
  PEP_SECTION_SEND,
  PEP_SECTION_SOCIAL_EMOTIONAL,
  PEP_SECTION_TARGETS,
  PEP_SECTION_PPPLUS,
  PEP_SECTION_CAREERS,
  PEP_SECTION_SOCIAL_WORKER,
  PEP_SECTION_CARER,
  PEP_SECTION_SIGNOFF,
  PEP_SECTION_QA,
  PEP_N_SECTIONS
} PepSection;

typedef enum
{
  PEP_KIND_EARLY_YEARS,
  PEP_KIND_SCHOOL_AGE,
  PEP_KIND_POST_16,
  PEP_KIND_POST_18,
  PEP_KIND_NEET,
  PEP_N_KINDS
} PepKind;

typedef enum
{
  PEP_STATUS_DRAFT,
  PEP_STATUS_SUBMITTED,
  PEP_STATUS_RETURNED,
  PEP_STATUS_APPROVED,
  PEP_STATUS_SIGNED_OFF,
  PEP_STATUS_SUPERSEDED,
  PEP_N_STATUSES
} PepStatus;

typedef enum
{
  PEP_TERM_AUTUMN,
  PEP_TERM_SPRING,
  PEP_TERM_SUMMER,
  PEP_N_TERMS
} PepTerm;

/* Worst to best, then "not rated"; the nicks are those of the ratings choices. */
typedef enum
{
  PEP_RATING_RED,
  PEP_RATING_AMBER,
  PEP_RATING_GREEN,
  PEP_RATING_GOLD,
  PEP_RATING_NOT_RATED,
  PEP_N_RATINGS
} PepRating;

/* Who is making a change: recorded in the audit trail with every edit. */
typedef enum
{
  PEP_ROLE_DESIGNATED_TEACHER,
  PEP_ROLE_SOCIAL_WORKER,
  PEP_ROLE_CARER,
  PEP_ROLE_QA_OFFICER,
  PEP_ROLE_ADVISOR,
  PEP_ROLE_HEADTEACHER,
  PEP_ROLE_ADMINISTRATOR,
  PEP_N_ROLES
} PepRole;

const char *pep_kind_to_nick      (PepKind      kind);
const char *pep_kind_to_label     (PepKind      kind);
gboolean    pep_kind_from_nick    (const char  *nick,
                                   PepKind     *kind);
const char *pep_status_to_nick    (PepStatus    status);
const char *pep_status_to_label   (PepStatus    status);
gboolean    pep_status_from_nick  (const char  *nick,
                                   PepStatus   *status);
const char *pep_role_to_nick      (PepRole      role);
const char *pep_role_to_label     (PepRole      role);
gboolean    pep_role_from_nick    (const char  *nick,
                                   PepRole     *role);
const char *pep_section_to_label  (PepSection   section);
const char *pep_section_to_nick   (PepSection   section);
gboolean    pep_section_from_nick (const char  *nick,
                                   PepSection  *section);

G_END_DECLS
