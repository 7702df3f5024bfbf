/* pep-child-history.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child's episodes in care and the schools they attended (tables care_episode and
 * school_history): a child can leave care and return, and change school more than once.
 * Both days of an episode or a spell are included; an empty end means "still". The child's
 * entered_care, legal_status and placement_type are the latest episode's, and school_urn and
 * school_start the latest school's: the store keeps them so, whichever is written.
 */

#pragma once

#include "pep-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;               /* 0 until stored */
  GDate   entered;
  GDate   left;             /* invalid while in care */
  char   *legal_status;     /* a choice nick of PEP_CHILD_LEGAL_STATUS, or NULL */
  char   *placement_type;   /* a choice nick of PEP_CHILD_PLACEMENT_TYPE, or NULL */
} PepCareEpisode;

typedef struct
{
  gint64  id;               /* 0 until stored */
  gint64  school_urn;
  GDate   started;          /* invalid when not known: the first school only */
  GDate   ended;            /* invalid while still there (or, before the last, not recorded) */
} PepSchoolSpell;

PepCareEpisode       *pep_care_episode_new            (const char      *entered,
                                                       const char      *left,
                                                       const char      *legal_status,
                                                       const char      *placement_type);
PepCareEpisode       *pep_care_episode_copy           (const PepCareEpisode *episode);
void                  pep_care_episode_free           (PepCareEpisode  *episode);
gboolean              pep_care_episode_covers         (const PepCareEpisode *episode,
                                                       const GDate     *day);
const PepCareEpisode *pep_care_episodes_on            (GPtrArray       *episodes,
                                                       const GDate     *day);
gboolean              pep_care_episodes_check         (GPtrArray       *episodes,
                                                       const GDate     *dob,
                                                       GError         **error);

PepSchoolSpell       *pep_school_spell_new            (gint64           school_urn,
                                                       const char      *started,
                                                       const char      *ended);
PepSchoolSpell       *pep_school_spell_copy           (const PepSchoolSpell *spell);
void                  pep_school_spell_free           (PepSchoolSpell  *spell);
const PepSchoolSpell *pep_school_history_on           (GPtrArray       *spells,
                                                       const GDate     *day);
gboolean              pep_school_history_check        (GPtrArray       *spells,
                                                       GError         **error);

GPtrArray            *pep_store_list_care_episodes    (PepStore        *store,
                                                       gint64           child_id,
                                                       GError         **error);
gboolean              pep_store_set_care_episodes     (PepStore        *store,
                                                       gint64           child_id,
                                                       GPtrArray       *episodes,
                                                       GError         **error);
GPtrArray            *pep_store_list_school_history   (PepStore        *store,
                                                       gint64           child_id,
                                                       GError         **error);
gboolean              pep_store_set_school_history    (PepStore        *store,
                                                       gint64           child_id,
                                                       GPtrArray       *spells,
                                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepCareEpisode, pep_care_episode_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepSchoolSpell, pep_school_spell_free)

G_END_DECLS
