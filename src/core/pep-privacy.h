/* pep-privacy.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The written policy (docs/privacy.md) as code: what every field is, and what each export
 * profile and each role does with it. A test holds the two to each other field by field.
 */

#pragma once

#include "pep-field.h"
#include "pep-types.h"
#include "pep-xml.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_PRIVACY_ORDINARY,
  PEP_PRIVACY_SENSITIVE,
  PEP_PRIVACY_IDENTIFYING,
} PepPrivacyClass;

typedef enum
{
  PEP_PRIVACY_KEEP,
  PEP_PRIVACY_INITIAL,    /* a name as its initials */
  PEP_PRIVACY_DROP,
  PEP_PRIVACY_PSEUDONYM,  /* replaced by one made afresh for each export */
  PEP_PRIVACY_COARSEN,    /* a date as the first day of its term */
} PepPrivacyAction;

PepPrivacyClass   pep_privacy_class            (const PepFieldInfo *info);
PepPrivacyAction  pep_privacy_action           (PepXmlProfile       profile,
                                                const PepFieldInfo *info);
const char       *pep_privacy_class_to_nick    (PepPrivacyClass     klass);
const char       *pep_privacy_action_to_nick   (PepPrivacyAction    action);
PepXmlProfile     pep_privacy_profile_for_role (PepRole             role);
gboolean          pep_privacy_role_may_use     (PepRole             role,
                                                PepXmlProfile       profile);

typedef enum
{
  PEP_PSEUDONYM_UUID,
  PEP_PSEUDONYM_URN,
  PEP_PSEUDONYM_SCHOOL,
  PEP_PSEUDONYM_PERSON,
  PEP_PSEUDONYM_CHILD,    /* an LA child ID */
  PEP_PSEUDONYM_N_KINDS
} PepPseudonymKind;

typedef struct _PepPseudonyms PepPseudonyms;

PepPseudonyms    *pep_pseudonyms_new           (void);
void              pep_pseudonyms_free          (PepPseudonyms      *self);
const char       *pep_pseudonyms_get           (PepPseudonyms      *self,
                                                PepPseudonymKind    kind,
                                                const char         *real);
char             *pep_privacy_coarsen          (const char         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepPseudonyms, pep_pseudonyms_free)

G_END_DECLS
