/* pep-xml-import.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three steps. Read: the strict parser, the namespace and version, the schema. Check: every
 * record into the model, every field through the registry's rules, every digest against
 * the record's canonical form; the first problem refuses the whole document, named by its
 * element path. Apply: one transaction; each PEP is new, updated, unchanged, older or a
 * conflict by the rule in docs/xml-format.md ("Import"), and a dry run rolls it all back.
 * Reading runs in a thread of its own and each record is written as it is handed over, inside
 * that transaction, unless it needs the rest of the document first (stream()); the outcome,
 * and the problem told first, are those of reading the whole document and then writing.
 * Nothing personal is logged: messages name elements, UUIDs and fields, never values.
 */

#define G_LOG_DOMAIN "pep-xml-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-child-history.h"
#include "pep-key-pins.h"
#include "pep-ownership.h"
#include "pep-store-exchange.h"
#include "pep-store-private.h"
#include "pep-signoff.h"
#include "pep-xml-import.h"
#include "pep-xml-private.h"

static const char *outcome_nicks[PEP_XML_N_OUTCOMES] = {
  "new", "updated", "unchanged", "older-ignored", "conflict",
};

const char *
pep_xml_outcome_to_nick (PepXmlOutcome outcome)
{
  g_return_val_if_fail (outcome < PEP_XML_N_OUTCOMES, NULL);
  return outcome_nicks[outcome];
}

static void
item_free (gpointer data)
{
  PepXmlImportItem *item = data;

  if (item == NULL)
    return;
  g_free (item->uuid);
  g_free (item->path);
  g_free (item->detail);
  g_free (item);
}

static void
identity_change_free (gpointer data)
{
  PepXmlIdentityChange *change = data;

  g_free (change->path);
  g_free (change->uuid);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static void
key_change_free (gpointer data)
{
  PepXmlKeyChange *change = data;

  g_free (change->path);
  g_free (change->subject);
  g_free (change->name);
  g_free (change->role);
  g_free (change->public_key);
  g_free (change->fingerprint);
  g_free (change->replaces);
  g_free (change);
}

void
pep_xml_import_report_free (PepXmlImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->identity_changes, g_ptr_array_unref);
  g_clear_pointer (&report->new_keys, g_ptr_array_unref);
  g_free (report->sender);
  g_free (report->authority);
  g_free (report);
}

/* The document as records ---------------------------------------------------------------- */

typedef struct
{
  char      *path;
  PepRecord *record;
} InSchool;

typedef struct
{
  char      *path;
  PepRecord *child;
  PepRecord *stored;     /* the applier's copy of @child: the reader may still read @child */
  gint64     local_id;
  gboolean   existed;
  gboolean   refresh;    /* one of the pupil's PEPs was new or updated */
  GPtrArray *episodes;   /* PepCareEpisode, or NULL when the document has none */
  GPtrArray *spells;     /* PepSchoolSpell, likewise */
} InPupil;

typedef struct
{
  char      *path;
  PepPlan   *plan;
  char      *child_uuid;
  char      *amends_uuid;
  char      *digest;
  GPtrArray *previous;   /* per target review, "UUID#n" or NULL */
  GPtrArray *history;    /* PepAuditEntry */
  PepSeal    sender_seal; /* ChangedAfterSignOff: what the sender's check found, or OK */
  gboolean   written;    /* inserted or replaced: the store holds @plan as it is */
  gboolean   checked;    /* its signatures' verdict is @seal, @seal_reason (check_written()) */
  char      *signed_digest; /* what its authorisation signs, when written but not yet checked */
  PepSeal    seal;
  char      *seal_reason;
  guint      mark;       /* for the dependency order */
  guint      index;      /* in the document */
} InPep;

static void
in_school_free (gpointer data)
{
  InSchool *s = data;

  g_free (s->path);
  g_clear_object (&s->record);
  g_free (s);
}

static void
in_pupil_free (gpointer data)
{
  InPupil *p = data;

  g_free (p->path);
  g_clear_object (&p->child);
  g_clear_object (&p->stored);
  g_clear_pointer (&p->episodes, g_ptr_array_unref);
  g_clear_pointer (&p->spells, g_ptr_array_unref);
  g_free (p);
}

static void
in_pep_free (gpointer data)
{
  InPep *p = data;

  g_free (p->path);
  g_clear_object (&p->plan);
  g_free (p->child_uuid);
  g_free (p->amends_uuid);
  g_free (p->digest);
  g_free (p->seal_reason);
  g_free (p->signed_digest);
  g_clear_pointer (&p->previous, g_ptr_array_unref);
  g_clear_pointer (&p->history, g_ptr_array_unref);
  g_free (p);
}

typedef enum
{
  ITEM_SCHOOL,
  ITEM_PUPIL,
  ITEM_PEP,
  ITEM_END,
} ItemKind;

/* What the reading thread hands over: a record read and checked, or the end. */
typedef struct
{
  ItemKind kind;
  gpointer item;
} Item;

typedef struct
{
  PepStore           *store;
  PepXmlImportReport *report;

  /* The reader's: the document's pupils and PEPs so far, to refuse one given twice. */
  GHashTable         *read_pupils;  /* UUID → InPupil */
  GHashTable         *read_peps;    /* UUIDs */
  guint               n_read_peps;
  GAsyncQueue        *queue;        /* Item, to the applier; NULL: given at once */
  GError             *authorities_error;
  const char         *data;
  gsize               length;
  gboolean            read_ok;
  GError             *read_error;

  /* The applier's, from what was handed over. */
  GPtrArray          *schools;   /* InSchool */
  GPtrArray          *pupils;    /* InPupil */
  GPtrArray          *peps;      /* InPep */
  GHashTable         *pupil_by_uuid;
  GHashTable         *pep_by_uuid;
  GHashTable         *amended_signed_off; /* UUIDs a signed-off PEP of the document amends */
  PepValidator       *validator;
  PepXmlImportFlags   flags;
  PepCopyOwner       *sender;     /* Header/Sender */
  char               *sender_nick;
  PepAuthority       *profile;    /* the sending authority's, from AuthorityRules */
  GPtrArray          *authorities; /* the file's profiles, read at the first PEP */
  PepAuthorityVerifyFunc verify;  /* its signature's check, or NULL (taken as it comes) */
  gpointer            verify_data;
  gboolean            pseudonymised_copy;  /* the store is one (pep_store_is_pseudonymised()) */
  const char * const *accepted_keys;  /* fingerprints a person confirmed */
  PepSignatureBatch  *batch;      /* the PEPs' signatures, verified while the rest is read */
  PepOfficers        *officers;   /* the trusted officers list, once a signature needs it */

  /* Writing as the document is read (see pep_xml_import_full()). */
  gboolean            reading;     /* not everything has been handed over yet */
  gboolean            streaming;   /* each record is applied as it comes */
  gboolean            started;     /* apply_begin() has run */
  gboolean            pupils_done; /* one_export() has run */
  guint               n_schools_applied;
  guint               n_pupils_applied;
  GError             *begin_error;  /* apply_begin()'s, told before anything else */
  GError             *apply_error;  /* the first refusal while streaming */
  gint64              n_children;   /* the pseudonymised copy's, before the import */
} Import;

static void give (Import *im, ItemKind kind, gpointer item);

static gboolean
refuse_at (xmlNode     *node,
           GError     **error,
           PepXmlError  code,
           const char  *reason)
{
  g_autofree char *path = pep_xml_node_path (node);

  g_set_error (error, PEP_XML_ERROR, code, "%s: %s", path, reason);
  return FALSE;
}

static gboolean
is (xmlNode    *node,
    const char *name)
{
  return xmlStrEqual (node->name, BAD_CAST name);
}

static char *
text_of (xmlNode *node)
{
  return pep_xml_node_text (node);
}

/* Slots by "group/element", for each table. */
static GHashTable *slot_maps[PEP_N_TABLES];

static gpointer
init_slot_maps (gpointer data)
{
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      const PepXmlSlot *slots;
      guint n;

      slot_maps[t] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      slots = pep_xml_layout (t, &n);
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (slot_maps[t],
                             g_strconcat (slots[i].group ? slots[i].group : "", "/",
                                          slots[i].element, NULL),
                             (gpointer) &slots[i]);
    }
  return NULL;
}

/* The reading thread's recent look-ups, by where the names are: an element's name is the
 * reader's dictionary's, at one address for the whole document, and a group's is interned.
 * A hit is taken only when its slot's own names are the ones asked for (another document's
 * dictionary may put another name at that address), so it is what the map would say. */
typedef struct
{
  PepTable          table;
  const char       *group;
  const char       *element;
  const PepXmlSlot *slot;
} SlotHit;

#define N_SLOT_HITS 512

static _Thread_local SlotHit slot_hits[N_SLOT_HITS];

static const PepXmlSlot *
find_slot (PepTable    table,
           const char *group,
           const char *element)
{
  static GOnce once = G_ONCE_INIT;
  guint at = (guint) ((((guintptr) element >> 3) ^ ((guintptr) group >> 3) ^ table)
                      % N_SLOT_HITS);
  SlotHit *hit = &slot_hits[at];
  const PepXmlSlot *slot;
  gsize group_length, element_length;
  char key[128];

  if (hit->slot != NULL && hit->table == table && hit->group == group && hit->element == element
      && strcmp (hit->slot->element, element) == 0 && g_strcmp0 (hit->slot->group, group) == 0)
    return hit->slot;

  g_once (&once, init_slot_maps, NULL);
  group_length = group ? strlen (group) : 0;
  element_length = strlen (element);
  /* Every field's key is short: one longer is no field. */
  if (group_length + element_length + 2 > sizeof key)
    return NULL;
  memcpy (key, group ? group : "", group_length);
  key[group_length] = '/';
  memcpy (key + group_length + 1, element, element_length + 1);
  slot = g_hash_table_lookup (slot_maps[table], key);
  if (slot != NULL)
    *hit = (SlotHit) { table, group, element, slot };
  return slot;
}

static gboolean
read_field (xmlNode           *node,
            PepRecord         *record,
            const PepXmlSlot  *slot,
            GError           **error)
{
  const PepFieldInfo *info = pep_table_get_field (pep_record_get_table (record), slot->field);
  g_autofree char *text = text_of (node);
  g_autoptr(GError) local_error = NULL;
  PepFieldValue value;

  if (pep_record_has (record, slot->field))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("this field is given twice"));
  /* Parsed and checked against the field (pep_field_validate_new()) in one, without a
   * GVariant: the record holds it as it is. */
  if (!pep_xml_parse_native (info, text, &value, &local_error))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, local_error->message);
  pep_record_set_value_checked (record, slot->field, &value);
  return TRUE;
}

static gboolean
unexpected (xmlNode  *node,
            GError  **error)
{
  return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("this element is not expected here"));
}

/* Every rule a value must meet, as the editor applies it (pep-validator.c), on a whole record
 * once it is read: refused at the element the problem is in. */
static gboolean
check_rules (Import     *im,
             xmlNode    *node,
             PepRecord  *child,
             PepPlan    *plan,
             GError    **error)
{
  PepValidationSite site = { PEP_TABLE_CHILD, 0, -1 };
  g_autoptr(GError) local_error = NULL;

  /* A PEP is held to its child's authority's PP+ rules: the rules the document brings for
   * that authority, else the file's. */
  if (plan != NULL)
    {
      const char *care = child ? pep_record_get_text (child, PEP_CHILD_CARE_AUTHORITY) : NULL;
      PepAuthority *authority = NULL;

      if (im->profile != NULL && pep_authority_looks_after (im->profile, care))
        authority = im->profile;
      else if (im->store != NULL)
        {
          /* Loaded before reading began: the reading thread does not use the store. */
          if (im->authorities == NULL)
            {
              g_propagate_error (error, g_error_copy (im->authorities_error));
              return FALSE;
            }
          authority = pep_authority_find_for_child (im->authorities, care);
        }
      pep_validator_set_authority (im->validator, authority);
    }
  if (plan != NULL ? pep_validator_check_plan (im->validator, plan, child, &site, &local_error)
                   : pep_validator_check_child (im->validator, child, &site, &local_error))
    return TRUE;
  return refuse_at (pep_xml_find_site (node, &site), error, PEP_XML_ERROR_INVALID,
                    local_error->message);
}

static gboolean
check_digest (xmlNode     *record,
              xmlNode     *digest,
              char       **out,
              GError     **error)
{
  g_autofree char *computed = NULL;
  g_autofree char *given = NULL;

  if (digest == NULL)
    return refuse_at (record, error, PEP_XML_ERROR_DIGEST, _("the record has no Digest"));
  given = g_strstrip (text_of (digest));
  computed = pep_xml_node_canonical_digest (record);
  if (!g_str_equal (given, computed))
    return refuse_at (digest, error, PEP_XML_ERROR_DIGEST,
                      _("the digest does not match the record's content: it was changed after "
                        "it was exported, so it is refused"));
  if (out != NULL)
    *out = g_steal_pointer (&given);
  return TRUE;
}

/* Fields of @table directly under @parent (group NULL) or in @group's element. */
static gboolean
read_fields_in (xmlNode    *parent,
                PepRecord  *record,
                const char *group,
                GError    **error)
{
  PepTable table = pep_record_get_table (record);

  for (xmlNode *c = pep_xml_first_element (parent); c != NULL; c = pep_xml_next_element (c))
    {
      const PepXmlSlot *slot = find_slot (table, group, (const char *) c->name);

      if (slot == NULL)
        return unexpected (c, error);
      if (!read_field (c, record, slot, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_school_into (InSchool  *school,
                  xmlNode   *node,
                  GError   **error)
{
  xmlNode *digest = NULL;

  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      const PepXmlSlot *slot;

      if (is (c, "Digest"))
        {
          digest = c;
          continue;
        }
      if (!(slot = find_slot (PEP_TABLE_SCHOOL, NULL, (const char *) c->name)))
        return unexpected (c, error);
      if (!read_field (c, school->record, slot, error))
        return FALSE;
    }
  if (!pep_record_has (school->record, PEP_SCHOOL_URN))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("the school has no URN"));
  return check_digest (node, digest, NULL, error);
}

static gboolean
read_school (Import      *im,
             xmlNode     *node,
             const char  *path,
             GError     **error)
{
  InSchool *school = g_new0 (InSchool, 1);

  school->path = g_strdup (path);
  school->record = pep_record_new (PEP_TABLE_SCHOOL);
  if (!read_school_into (school, node, error))
    {
      in_school_free (school);
      return FALSE;
    }
  give (im, ITEM_SCHOOL, school);
  return TRUE;
}

/* The text of @node's child element @name, stripped, or NULL when there is none. */
static char *
child_text (xmlNode    *node,
            const char *name)
{
  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    if (is (c, name))
      return g_strstrip (text_of (c));
  return NULL;
}

/* LookedAfter/CareEpisodes/Episode, in the document's order. */
static gboolean
read_care_episodes (InPupil   *pupil,
                    xmlNode   *node,
                    GError   **error)
{
  pupil->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);
  for (xmlNode *e = pep_xml_first_element (node); e != NULL; e = pep_xml_next_element (e))
    {
      g_autofree char *entered = child_text (e, "EnteredCare");
      g_autofree char *left = child_text (e, "LeftCare");
      g_autofree char *legal = child_text (e, "LegalStatus");
      g_autofree char *placement = child_text (e, "PlacementType");
      PepCareEpisode *episode;
      GDate check;

      if (!is (e, "Episode"))
        return unexpected (e, error);
      if (entered == NULL || !pep_date_parse (entered, &check)
          || (left != NULL && !pep_date_parse (left, &check)))
        return refuse_at (e, error, PEP_XML_ERROR_INVALID, _("not a date (YYYY-MM-DD)"));
      episode = pep_care_episode_new (entered, left, legal, placement);
      g_ptr_array_add (pupil->episodes, episode);
    }
  return TRUE;
}

/* BasicDetails/SchoolHistory/School, in the document's order. */
static gboolean
read_school_history (InPupil   *pupil,
                     xmlNode   *node,
                     GError   **error)
{
  pupil->spells = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);
  for (xmlNode *e = pep_xml_first_element (node); e != NULL; e = pep_xml_next_element (e))
    {
      g_autofree char *urn = child_text (e, "SchoolURN");
      g_autofree char *entry = child_text (e, "EntryDate");
      g_autofree char *leaving = child_text (e, "LeavingDate");
      guint64 number;
      GDate check;

      if (!is (e, "School"))
        return unexpected (e, error);
      if (urn == NULL || !g_ascii_string_to_unsigned (urn, 10, 100000, 999999, &number, NULL))
        return refuse_at (e, error, PEP_XML_ERROR_INVALID, _("a school needs its URN, six digits"));
      if ((entry != NULL && !pep_date_parse (entry, &check))
          || (leaving != NULL && !pep_date_parse (leaving, &check)))
        return refuse_at (e, error, PEP_XML_ERROR_INVALID, _("not a date (YYYY-MM-DD)"));
      g_ptr_array_add (pupil->spells, pep_school_spell_new ((gint64) number, entry, leaving));
    }
  return TRUE;
}

/* BasicDetails and LookedAfter: the child's fields, InCare, and the histories. */
static gboolean
read_pupil_group (InPupil     *pupil,
                  xmlNode     *group,
                  const char  *name,
                  xmlNode    **in_care,
                  GError     **error)
{
  for (xmlNode *c = pep_xml_first_element (group); c != NULL; c = pep_xml_next_element (c))
    {
      const PepXmlSlot *slot = find_slot (PEP_TABLE_CHILD, name, (const char *) c->name);

      if (slot != NULL)
        {
          if (!read_field (c, pupil->child, slot, error))
            return FALSE;
        }
      else if (g_str_equal (name, "LookedAfter") && is (c, "InCare"))
        *in_care = c;
      else if (g_str_equal (name, "LookedAfter") && is (c, "CareEpisodes"))
        {
          if (!read_care_episodes (pupil, c, error))
            return FALSE;
        }
      else if (g_str_equal (name, "BasicDetails") && is (c, "SchoolHistory"))
        {
          if (!read_school_history (pupil, c, error))
            return FALSE;
        }
      else
        return unexpected (c, error);
    }
  return TRUE;
}

/* The histories agree with themselves, with the child's fields that stand for the latest of
 * each, and with InCare: a pupil out of care says when they left. */
static gboolean
check_histories (InPupil   *pupil,
                 xmlNode   *node,
                 xmlNode   *in_care,
                 GError   **error)
{
  g_autofree char *in_care_text = in_care ? g_strstrip (text_of (in_care)) : NULL;
  gboolean out_of_care = in_care_text && (g_str_equal (in_care_text, "false") || g_str_equal (in_care_text, "0"));
  g_autoptr(GError) local_error = NULL;
  GDate dob;

  if (pupil->episodes != NULL)
    {
      const PepCareEpisode *latest = g_ptr_array_index (pupil->episodes, pupil->episodes->len - 1);
      const char *entered = pep_record_get_text (pupil->child, PEP_CHILD_ENTERED_CARE);
      GDate date;

      g_date_clear (&dob, 1);
      if (pep_record_has (pupil->child, PEP_CHILD_DOB))
        pep_date_parse (pep_record_get_text (pupil->child, PEP_CHILD_DOB), &dob);
      if (!pep_care_episodes_check (pupil->episodes, &dob, &local_error))
        return refuse_at (node, error, PEP_XML_ERROR_INVALID, local_error->message);
      for (guint i = 0; i < pupil->episodes->len; i++)
        if (g_date_compare (&((PepCareEpisode *) pupil->episodes->pdata[i])->entered, &latest->entered) > 0)
          return refuse_at (node, error, PEP_XML_ERROR_INVALID,
                            _("the care episodes are not in order, the earliest first"));
      if (entered != NULL && pep_date_parse (entered, &date) && g_date_compare (&date, &latest->entered) != 0)
        return refuse_at (node, error, PEP_XML_ERROR_INVALID,
                          _("LookedAfter/EnteredCare is not the day the last care episode began"));
      if (out_of_care != g_date_valid (&latest->left))
        return refuse_at (in_care, error, PEP_XML_ERROR_INVALID,
                          out_of_care ? _("InCare is false, but the last care episode has no LeftCare")
                                      : _("InCare is true, but the last care episode has ended (LeftCare)"));
    }
  else if (out_of_care)
    return refuse_at (in_care, error, PEP_XML_ERROR_INVALID,
                      _("InCare is false, but no LookedAfter/CareEpisodes/Episode gives the day the "
                        "pupil left care"));

  if (pupil->spells != NULL)
    {
      const PepSchoolSpell *latest = g_ptr_array_index (pupil->spells, pupil->spells->len - 1);

      if (!pep_school_history_check (pupil->spells, &local_error))
        return refuse_at (node, error, PEP_XML_ERROR_INVALID, local_error->message);
      if (pep_record_has (pupil->child, PEP_CHILD_SCHOOL_URN)
          && pep_record_get_int (pupil->child, PEP_CHILD_SCHOOL_URN, 0) != latest->school_urn)
        return refuse_at (node, error, PEP_XML_ERROR_INVALID,
                          _("BasicDetails/SchoolURN is not the last school of SchoolHistory"));
    }
  return TRUE;
}

static gboolean
read_pupil_into (Import      *im,
                 InPupil     *pupil,
                 xmlNode     *node,
                 GError     **error)
{
  xmlNode *digest = NULL;
  xmlNode *in_care = NULL;

  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      const char *name = (const char *) c->name;
      const PepXmlSlot *slot;

      if (is (c, "Digest"))
        digest = c;
      else if (is (c, "UUID"))
        {
          g_autofree char *uuid = g_strstrip (text_of (c));

          if (!g_uuid_string_is_valid (uuid))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a UUID"));
          if (g_hash_table_contains (im->read_pupils, uuid))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("a second pupil with this UUID"));
          pep_record_set_uuid (pupil->child, uuid);
        }
      else if (is (c, "Initials") && im->store == NULL)
        continue;
      else if (is (c, "Initials"))
        return refuse_at (c, error, PEP_XML_ERROR_PROFILE,
                          _("initials stand for names only in pseudonymised documents, which "
                            "cannot be imported"));
      else if ((slot = find_slot (PEP_TABLE_CHILD, NULL, name)) != NULL)
        {
          if (!read_field (c, pupil->child, slot, error))
            return FALSE;
        }
      else if (is (c, "BasicDetails") || is (c, "LookedAfter"))
        {
          if (!read_pupil_group (pupil, c, name, &in_care, error))
            return FALSE;
        }
      else if (is (c, "SEN") || is (c, "People"))
        {
          if (!read_fields_in (c, pupil->child, name, error))
            return FALSE;
        }
      else
        return unexpected (c, error);
    }
  if (pep_record_get_uuid (pupil->child) == NULL)
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("the pupil has no UUID"));
  return check_digest (node, digest, NULL, error)
         && check_rules (im, node, pupil->child, NULL, error)
         && check_histories (pupil, node, in_care, error);
}

static gboolean
read_pupil (Import      *im,
            xmlNode     *node,
            const char  *path,
            GError     **error)
{
  InPupil *pupil = g_new0 (InPupil, 1);

  pupil->path = g_strdup (path);
  pupil->child = pep_record_new (PEP_TABLE_CHILD);
  if (!read_pupil_into (im, pupil, node, error))
    {
      in_pupil_free (pupil);
      return FALSE;
    }
  g_hash_table_insert (im->read_pupils, g_strdup (pep_record_get_uuid (pupil->child)), pupil);
  give (im, ITEM_PUPIL, pupil);
  return TRUE;
}

static gboolean
read_row (InPep     *pep,
          xmlNode   *node,
          PepTable   table,
          GError   **error)
{
  PepRecord *row = pep_plan_add_row (pep->plan, table);
  char *previous = NULL;

  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      const PepXmlSlot *slot;

      if (table == PEP_TABLE_TARGET_REVIEW && is (c, "PreviousTarget"))
        {
          g_free (previous);
          previous = g_strstrip (text_of (c));
          continue;
        }
      if (!(slot = find_slot (table, NULL, (const char *) c->name)))
        {
          g_free (previous);
          return unexpected (c, error);
        }
      if (!read_field (c, row, slot, error))
        {
          g_free (previous);
          return FALSE;
        }
    }
  if (table == PEP_TABLE_TARGET_REVIEW)
    g_ptr_array_add (pep->previous, previous);
  /* The figures count from these dates: a step without one is no step. */
  if (table == PEP_TABLE_EVENT
      && (!pep_record_has (row, PEP_EVENT_KIND) || !pep_record_has (row, PEP_EVENT_AT)))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID,
                      _("a step of the workflow needs its Kind and its time (At)"));
  return TRUE;
}

static gboolean
read_section (InPep     *pep,
              xmlNode   *node,
              GError   **error)
{
  const char *group = g_intern_string ((const char *) node->name);
  PepRecord *content = pep_plan_get_content (pep->plan);

  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      const PepXmlSlot *slot = find_slot (PEP_TABLE_PLAN, group, (const char *) c->name);
      gboolean row = FALSE;

      if (slot != NULL && pep_xml_subgroup (PEP_TABLE_PLAN, slot->field) == NULL)
        {
          if (!read_field (c, content, slot, error))
            return FALSE;
          continue;
        }
      if (is (c, "YearData") && g_str_equal (group, "Attendance"))
        {
          for (xmlNode *f = pep_xml_first_element (c); f != NULL; f = pep_xml_next_element (f))
            {
              slot = find_slot (PEP_TABLE_PLAN, group, (const char *) f->name);
              if (slot == NULL || pep_xml_subgroup (PEP_TABLE_PLAN, slot->field) == NULL)
                return unexpected (f, error);
              if (!read_field (f, content, slot, error))
                return FALSE;
            }
          continue;
        }
      for (PepTable t = 0; !row && t < PEP_N_TABLES; t++)
        if (pep_table_is_plan_row (t) && pep_xml_group_of_rows (t) == group
            && is (c, pep_xml_row_element (t)))
          {
            if (!read_row (pep, c, t, error))
              return FALSE;
            row = TRUE;
          }
      if (!row)
        return unexpected (c, error);
    }
  return TRUE;
}

static gboolean
read_history (InPep     *pep,
              xmlNode   *node,
              GError   **error)
{
  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      PepAuditEntry *entry;
      xmlChar *at, *who, *role, *action, *field;

      if (!is (c, "Change"))
        return unexpected (c, error);
      at = xmlGetNoNsProp (c, BAD_CAST "at");
      who = xmlGetNoNsProp (c, BAD_CAST "who");
      role = xmlGetNoNsProp (c, BAD_CAST "role");
      action = xmlGetNoNsProp (c, BAD_CAST "action");
      field = xmlGetNoNsProp (c, BAD_CAST "field");
      if (at != NULL && who != NULL && role != NULL && action != NULL
          && (g_str_equal (action, "create") || g_str_equal (action, "update")
              || g_str_equal (action, "delete"))
          && g_strcmp0 ((const char *) field, PEP_XML_IMPORT_MARK) != 0)
        {
          entry = g_new0 (PepAuditEntry, 1);
          entry->at = g_strdup ((const char *) at);
          entry->who = g_strdup ((const char *) who);
          entry->role = g_strdup ((const char *) role);
          entry->action = g_strdup ((const char *) action);
          entry->table = g_strdup ("plan");
          entry->field = g_strdup ((const char *) field);
          g_ptr_array_add (pep->history, entry);
        }
      else
        {
          xmlFree (at);
          xmlFree (who);
          xmlFree (role);
          xmlFree (action);
          xmlFree (field);
          return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("an incomplete change"));
        }
      xmlFree (at);
      xmlFree (who);
      xmlFree (role);
      xmlFree (action);
      xmlFree (field);
    }
  return TRUE;
}

static gboolean
read_pep_into (Import      *im,
               InPep       *pep,
               xmlNode     *node,
               GError     **error)
{
  g_autofree char *uuid = NULL;
  PepTermId term = { 0, PEP_TERM_AUTUMN };
  PepKind kind = PEP_KIND_SCHOOL_AGE;
  PepStatus status = PEP_STATUS_DRAFT;
  gint64 revision = 0, school_urn = 0;
  g_autofree char *updated_at = NULL;
  g_autofree char *reason = NULL;
  gboolean has_year = FALSE, has_term = FALSE, has_kind = FALSE, has_status = FALSE;
  xmlNode *digest = NULL;

  /* The fixed part first, so that the PEP can be made; then its sections. */
  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      g_autofree char *text = NULL;
      char *end = NULL;

      if (pep_xml_first_element (c) != NULL || is (c, "Digest"))
        continue;
      text = g_strstrip (text_of (c));
      if (is (c, "UUID") || is (c, "PupilUUID") || is (c, "Amends"))
        {
          if (!g_uuid_string_is_valid (text))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a UUID"));
          if (is (c, "UUID"))
            uuid = g_steal_pointer (&text);
          else if (is (c, "PupilUUID"))
            pep->child_uuid = g_steal_pointer (&text);
          else
            pep->amends_uuid = g_steal_pointer (&text);
        }
      else if (is (c, "Revision"))
        {
          revision = g_ascii_strtoll (text, &end, 10);
          if (*text == '\0' || *end != '\0' || revision < 1)
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a revision number"));
        }
      else if (is (c, "LastChanged"))
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

          if (dt == NULL || strlen (text) != 20 || text[19] != 'Z')
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a UTC time"));
          updated_at = g_steal_pointer (&text);
        }
      else if (is (c, "AcademicYear"))
        {
          gint64 year = g_ascii_strtoll (text, &end, 10);

          if (*text == '\0' || *end != '\0' || year < 1900 || year > 2199)
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not an academic year"));
          term.year = (int) year;
          has_year = TRUE;
        }
      else if (is (c, "Term"))
        {
          if (!(has_term = pep_term_from_nick (text, &term.term)))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a term"));
        }
      else if (is (c, "Kind"))
        {
          if (!(has_kind = pep_kind_from_nick (text, &kind)))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a kind of PEP"));
        }
      else if (is (c, "Status"))
        {
          if (!(has_status = pep_status_from_nick (text, &status)))
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a status"));
        }
      else if (is (c, "ChangedAfterSignOff"))
        {
          if (!pep_seal_from_nick (text, &pep->sender_seal) || pep->sender_seal == PEP_SEAL_OK)
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a signature problem"));
        }
      else if (is (c, "ReviewReason"))
        {
          g_free (reason);
          reason = text_of (c);
        }
      else if (is (c, "SchoolURN"))
        {
          school_urn = g_ascii_strtoll (text, &end, 10);
          if (*text == '\0' || *end != '\0' || school_urn <= 0)
            return refuse_at (c, error, PEP_XML_ERROR_INVALID, _("not a URN"));
        }
      else
        {
          /* An empty section element: allowed, and nothing in it. */
          const char *name = (const char *) c->name;
          gboolean section = FALSE;

          for (PepSection s = 0; s < PEP_N_SECTIONS && !section; s++)
            {
              section = g_str_equal (pep_xml_section_element (s), name);
            }
          if (!section)
            return unexpected (c, error);
        }
    }
  if (uuid == NULL || pep->child_uuid == NULL || revision == 0 || updated_at == NULL
      || !has_year || !has_term || !has_kind || !has_status)
    return refuse_at (node, error, PEP_XML_ERROR_INVALID,
                      _("the PEP lacks its UUID, pupil, revision, time, term, kind or status"));
  if (g_hash_table_contains (im->read_peps, uuid))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("a second PEP with this UUID"));
  if (!g_hash_table_contains (im->read_pupils, pep->child_uuid))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("the PEP's pupil is not in the document"));

  pep->plan = pep_plan_new (0, &term, kind);
  pep_plan_set_uuid (pep->plan, uuid);
  pep_plan_set_status (pep->plan, status);
  pep_plan_set_revision (pep->plan, revision);
  pep_plan_set_updated_at (pep->plan, updated_at);
  pep_plan_set_review_reason (pep->plan, reason);
  pep_plan_set_school_urn (pep->plan, school_urn);

  for (xmlNode *c = pep_xml_first_element (node); c != NULL; c = pep_xml_next_element (c))
    {
      if (is (c, "Digest"))
        digest = c;
      else if (is (c, "AuditSummary"))
        {
          if (!read_history (pep, c, error))
            return FALSE;
        }
      else if (pep_xml_first_element (c) != NULL && !read_section (pep, c, error))
        return FALSE;
    }
  /* check_signatures() will verify them: a thread starts on them now. */
  if (im->batch != NULL)
    pep_signoff_batch_plan (im->batch, pep->plan);
  return check_digest (node, digest, &pep->digest, error)
         && check_rules (im, node, ((InPupil *) g_hash_table_lookup (im->read_pupils,
                                                                     pep->child_uuid))->child,
                         pep->plan, error);
}

static gboolean
read_pep (Import      *im,
          xmlNode     *node,
          const char  *path,
          GError     **error)
{
  InPep *pep = g_new0 (InPep, 1);

  pep->path = g_strdup (path);
  pep->previous = g_ptr_array_new_with_free_func (g_free);
  pep->history = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_audit_entry_free);
  if (!read_pep_into (im, pep, node, error))
    {
      in_pep_free (pep);
      return FALSE;
    }
  pep->index = im->n_read_peps++;
  g_hash_table_add (im->read_peps, g_strdup (pep_plan_get_uuid (pep->plan)));
  give (im, ITEM_PEP, pep);
  return TRUE;
}

/* Whose copy sent the document: a school (its URN) or an authority (its LA code). */
static gboolean
read_sender (Import    *im,
             xmlNode   *node,
             GError   **error)
{
  xmlNode *kind = pep_xml_first_element (node);
  xmlNode *code = kind ? pep_xml_first_element (kind) : NULL;
  xmlNode *name = code ? pep_xml_next_element (code) : NULL;
  g_autofree char *text = code ? g_strstrip (text_of (code)) : NULL;
  g_autofree char *authority = name ? text_of (name) : NULL;
  guint64 number;

  if (kind == NULL || text == NULL || !g_ascii_string_to_unsigned (text, 10, 100, 999999, &number, NULL))
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("the sender is a school's URN or an authority's LA code"));
  g_clear_pointer (&im->sender, pep_copy_owner_free);
  if (is (kind, "School"))
    im->sender = pep_copy_owner_new_school ((gint64) number);
  else
    im->sender = pep_copy_owner_new_authority ((guint) number, authority ? authority : "");
  g_free (im->sender_nick);
  im->sender_nick = pep_copy_owner_to_sender (im->sender);
  return TRUE;
}

/* The sending authority's profile (docs/authority-profile.md): only a Virtual School's copy
 * sends one, its own authority's, and, with a verifier, signed by that authority's key. */
static gboolean
read_authority_rules (Import    *im,
                      xmlNode   *node,
                      GError   **error)
{
  xmlNode *document = pep_xml_first_element (node);
  g_autofree char *path = pep_xml_node_path (node);
  g_autofree char *xml = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PepAuthority) profile = NULL;
  xmlBuffer *buffer;

  if (im->sender == NULL || im->sender->kind != PEP_COPY_AUTHORITY)
    return refuse_at (node, error, PEP_XML_ERROR_NOT_OWNER,
                      _("a school’s copy sends no authority profile: an authority’s rules are "
                        "its Virtual School’s, so the document is refused"));
  if (document == NULL)
    return refuse_at (node, error, PEP_XML_ERROR_INVALID, _("the authority's profile is missing"));
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, document->doc, document, 0, 0);
  xml = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  /* Its errors name the element inside the profile: put where the profile is in front. */
  if (!(profile = pep_authority_new_from_xml (xml, strlen (xml), &local_error)))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID, "%s%s", path, local_error->message);
      return FALSE;
    }
  code = g_strdup_printf ("%03u", im->sender->la_code);
  if (g_strcmp0 (pep_authority_get_la_code (profile), code) != 0)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("%s/AuthorityProfile/Authority/LEA: the profile is LA %s’s, but the document "
                     "was sent by the Virtual School of LA %s, which sends only its own rules"),
                   path, pep_authority_get_la_code (profile) ? pep_authority_get_la_code (profile) : "—",
                   code);
      return FALSE;
    }
  g_set_object (&im->profile, profile);
  return TRUE;
}

/* With a verifier, the sending authority's profile must be signed by its authority's key
 * (pep-authority-trust.h). Checked in the import's transaction, once the whole document has
 * been read and checked: what the verifier keeps (a key pinned once confirmed, the officers
 * list) is kept only if the import is. */
static gboolean
verify_profile (Import  *im,
                GError **error)
{
  const char *path = "/PEPExchange/AuthorityRules";
  PepAuthority *profile = im->profile;
  g_autoptr(GError) local_error = NULL;

  if (im->verify != NULL && profile != NULL)
    {
      const char *key_id = NULL;
      const char *signature = pep_authority_get_signature (profile, &key_id);
      g_autoptr(GBytes) bytes = pep_authority_get_signed_bytes (profile);

      if (signature == NULL)
        {
          g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE,
                       _("%s/AuthorityProfile: the authority’s profile is not signed by its "
                         "authority’s key, so the document is refused"), path);
          return FALSE;
        }
      /* The verifier's own error (a key to confirm is not a forgery: the caller tells them
       * apart), at the profile's place in the document. */
      if (!im->verify (profile, bytes, key_id, signature, im->verify_data, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                         _("the profile does not verify"));
          if (local_error->message[0] == '/')
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s", path);
          else
            g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                        _("%s/AuthorityProfile/Signature: the authority’s profile "
                                          "does not verify, so the document is refused: "), path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Any profile is a valid document. A full one is imported into an owned file or one for use
 * on its own; a pseudonymised one into a pseudonymised copy only, and that copy takes nothing
 * else (docs/privacy.md), so that pseudonyms never sit beside real records; a carer's copy,
 * which leaves things out, nowhere. */
static gboolean
profile_taken (Import   *im,
               xmlNode  *node,
               GError  **error)
{
  g_autofree char *profile = g_strstrip (text_of (node));
  gboolean pseudonymised = g_str_equal (profile, "pseudonymised");

  if (im->pseudonymised_copy && !pseudonymised)
    return refuse_at (node, error, PEP_XML_ERROR_PROFILE,
                      _("this is a pseudonymised copy, which takes a pseudonymised export only; "
                        "real records would sit beside pseudonyms"));
  if (pseudonymised && !im->pseudonymised_copy)
    return refuse_at (node, error, PEP_XML_ERROR_PROFILE,
                      _("a pseudonymised export is imported into a pseudonymised copy only, made "
                        "for it (pepctl init FILE --pseudonymised), never beside real records"));
  if (!pseudonymised && !g_str_equal (profile, "full"))
    return refuse_at (node, error, PEP_XML_ERROR_PROFILE,
                      _("only a full export can be imported; a carer or "
                        "pseudonymised document leaves things out"));
  return TRUE;
}

/* One child of the root element, whole, as pep_xml_check_stream() hands it over: the
 * document is read one record at a time and never held whole. */
static gboolean
read_record (xmlNode     *c,
             const char  *path,
             gpointer     user_data,
             GError     **error)
{
  Import *im = user_data;

  if (is (c, "Header"))
    {
      for (xmlNode *h = pep_xml_first_element (c); h != NULL; h = pep_xml_next_element (h))
        if (is (h, "Sender") && !read_sender (im, h, error))
          return FALSE;
        else if (is (h, "Profile") && im->store != NULL && !profile_taken (im, h, error))
          return FALSE;
      return TRUE;
    }
  if (is (c, "AuthorityRules"))
    return read_authority_rules (im, c, error);
  if (is (c, "School"))
    return read_school (im, c, path, error);
  if (is (c, "Pupil"))
    return read_pupil (im, c, path, error);
  if (is (c, "PEP"))
    return read_pep (im, c, path, error);
  return unexpected (c, error);
}

/* Applying ------------------------------------------------------------------------------- */

static void
add_item (Import        *im,
          InPep         *pep,
          PepXmlOutcome  outcome,
          gint64         plan_id,
          const char    *detail)
{
  PepXmlImportItem *item = g_new0 (PepXmlImportItem, 1);

  item->uuid = g_strdup (pep_plan_get_uuid (pep->plan));
  item->path = g_strdup (pep->path);
  item->outcome = outcome;
  item->detail = g_strdup (detail);
  item->plan_id = plan_id;
  g_assert (g_ptr_array_index (im->report->items, pep->index) == NULL);
  im->report->items->pdata[pep->index] = item;
  im->report->counts[outcome]++;
}

static gboolean
apply_school (Import    *im,
              InSchool  *school,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PepRecord) existing =
    pep_store_load_school (im->store, pep_record_get_int (school->record, PEP_SCHOOL_URN, 0),
                           &local_error);

  if (existing != NULL)
    return TRUE;
  if (!g_error_matches (local_error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  if (!pep_store_insert_school (im->store, school->record, &local_error))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID, "%s: %s", school->path,
                   local_error->message);
      return FALSE;
    }
  im->report->n_schools_new++;
  return TRUE;
}

/* A row of the document's history takes the id of the stored row it is, so that what did
 * not change is not written again. */
static void
match_episodes (GPtrArray *stored,
                GPtrArray *theirs)
{
  for (guint i = 0; i < theirs->len; i++)
    for (guint j = 0; j < stored->len; j++)
      {
        PepCareEpisode *t = g_ptr_array_index (theirs, i);
        const PepCareEpisode *o = g_ptr_array_index (stored, j);

        if (g_date_compare (&t->entered, &o->entered) == 0)
          t->id = o->id;
      }
}

static void
match_spells (GPtrArray *stored,
              GPtrArray *theirs)
{
  for (guint i = 0; i < theirs->len; i++)
    for (guint j = 0; j < stored->len; j++)
      {
        PepSchoolSpell *t = g_ptr_array_index (theirs, i);
        const PepSchoolSpell *o = g_ptr_array_index (stored, j);

        if (t->school_urn == o->school_urn && g_date_valid (&t->started) == g_date_valid (&o->started)
            && (!g_date_valid (&t->started) || g_date_compare (&t->started, &o->started) == 0))
          t->id = o->id;
      }
}

/* The pupil's episodes in care and schools, as the document has them. */
static gboolean
apply_histories (Import   *im,
                 InPupil  *pupil,
                 GError  **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  if (pupil->episodes != NULL
      && (!(stored = pep_store_list_care_episodes (im->store, pupil->local_id, &local_error))
          || (match_episodes (stored, pupil->episodes),
              !pep_store_set_care_episodes (im->store, pupil->local_id, pupil->episodes, &local_error))))
    goto failed;
  g_clear_pointer (&stored, g_ptr_array_unref);
  if (pupil->spells != NULL
      && (!(stored = pep_store_list_school_history (im->store, pupil->local_id, &local_error))
          || (match_spells (stored, pupil->spells),
              !pep_store_set_school_history (im->store, pupil->local_id, pupil->spells, &local_error))))
    goto failed;
  return TRUE;

failed:
  g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID, "%s: %s", pupil->path, local_error->message);
  return FALSE;
}

/* The child's fields the histories set, when the document has them. */
static gboolean
set_by_history (InPupil *pupil,
                guint    field)
{
  switch (field)
    {
    case PEP_CHILD_ENTERED_CARE:
    case PEP_CHILD_LEGAL_STATUS:
    case PEP_CHILD_PLACEMENT_TYPE:
      return pupil->episodes != NULL;
    case PEP_CHILD_SCHOOL_URN:
    case PEP_CHILD_SCHOOL_START:
      return pupil->spells != NULL;
    default:
      return FALSE;
    }
}

/* A pseudonymised copy holds one export: another export of the same children has fresh
 * pseudonyms, so each child would be counted twice. The same document again changes nothing. */
static gboolean
one_export (Import  *im,
            gboolean had_children,
            GError **error)
{
  if (!im->pseudonymised_copy || !had_children)
    return TRUE;
  for (guint i = 0; i < im->pupils->len; i++)
    if (!((InPupil *) g_ptr_array_index (im->pupils, i))->existed)
      {
        g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_PROFILE,
                     _("%s: this pseudonymised copy holds another export already; every export "
                       "has fresh pseudonyms, so its children would be counted twice. Import it "
                       "into a new pseudonymised copy."),
                     ((InPupil *) g_ptr_array_index (im->pupils, i))->path);
        return FALSE;
      }
  return TRUE;
}

static gboolean
apply_pupil (Import   *im,
             InPupil  *pupil,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id = pep_store_exchange_find_child (im->store, pep_record_get_uuid (pupil->stored), error);

  if (id < 0)
    return FALSE;
  if (id > 0)
    {
      pupil->local_id = id;
      pupil->existed = TRUE;
      return TRUE;
    }
  if (!pep_store_insert_child (im->store, pupil->stored, &local_error))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID, "%s: %s", pupil->path,
                   local_error->message);
      return FALSE;
    }
  pupil->local_id = pep_record_get_id (pupil->stored);
  im->report->n_children_new++;
  return apply_histories (im, pupil, error);
}

static char *
value_text (const PepFieldInfo *info,
            GVariant           *value)
{
  return value ? pep_xml_format_value (info, value) : NULL;
}

/* A change to who a child is: listed for a person to confirm; refused unless confirmed
 * (PEP_XML_IMPORT_ACCEPT_IDENTITY), except by a dry run, which only lists it. */
static gboolean
identity_change (Import    *im,
                 InPupil   *pupil,
                 guint      field,
                 GVariant  *ours,
                 GVariant  *theirs,
                 GError   **error)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, field);
  PepXmlIdentityChange *change = g_new0 (PepXmlIdentityChange, 1);
  g_autofree char *where = pep_xml_field_path (PEP_TABLE_CHILD, field, -1);

  change->path = g_strconcat (pupil->path, where, NULL);
  change->uuid = g_strdup (pep_record_get_uuid (pupil->stored));
  change->field = g_strdup (_(info->label));
  change->old_value = value_text (info, ours);
  change->new_value = value_text (info, theirs);
  g_ptr_array_add (im->report->identity_changes, change);
  im->report->identity_applied = (im->flags & PEP_XML_IMPORT_ACCEPT_IDENTITY) != 0;
  if (im->report->dry_run || (im->flags & PEP_XML_IMPORT_ACCEPT_IDENTITY))
    return TRUE;
  g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_IDENTITY,
               _("%s: the child's %s would change; a child's identity changes only when "
                 "someone confirms it: look at the dry run's list, then import with "
                 "--accept-identity-changes (in the app, confirm the identity changes)"),
               change->path, change->field);
  return FALSE;
}

/* A pupil already here takes the document's details when the document brings a newer PEP of
 * theirs; an old document does not undo newer details. Each change is audited. */
static gboolean
refresh_pupils (Import  *im,
                GError **error)
{
  for (guint i = 0; i < im->pupils->len; i++)
    {
      InPupil *pupil = g_ptr_array_index (im->pupils, i);
      g_autoptr(PepRecord) local = NULL;
      gboolean changed = FALSE;

      if (!pupil->existed || !pupil->refresh)
        continue;
      if (!(local = pep_store_load_child (im->store, pupil->local_id, error)))
        return FALSE;
      for (guint f = 0; f < PEP_CHILD_N_FIELDS; f++)
        {
          GVariant *theirs = pep_record_get (pupil->stored, f);
          GVariant *ours = pep_record_get (local, f);

          if (set_by_history (pupil, f)
              || ((theirs == NULL) == (ours == NULL) && (theirs == NULL || g_variant_equal (theirs, ours))))
            continue;
          if (pep_ownership_is_identity (f) && !identity_change (im, pupil, f, ours, theirs, error))
            return FALSE;
          if (pep_ownership_is_identity (f) && !(im->flags & PEP_XML_IMPORT_ACCEPT_IDENTITY))
            continue;
          if (!pep_store_update_child (im->store, local, f, theirs, error))
            {
              g_prefix_error (error, "%s: ", pupil->path);
              return FALSE;
            }
          changed = TRUE;
        }
      if (!apply_histories (im, pupil, error))
        return FALSE;
      im->report->n_children_updated += changed;
    }
  return TRUE;
}

/* Links each review to the target it reviews here, when that PEP is here. */
static gboolean
resolve_previous (Import  *im,
                  InPep   *pep,
                  GError **error)
{
  GPtrArray *reviews = pep_plan_get_rows (pep->plan, PEP_TABLE_TARGET_REVIEW);

  for (guint i = 0; i < reviews->len && i < pep->previous->len; i++)
    {
      const char *ref = g_ptr_array_index (pep->previous, i);
      PepRecord *row = g_ptr_array_index (reviews, i);
      g_auto(GStrv) parts = NULL;
      gint64 plan_id, target_id = 0;
      guint64 index;

      pep_record_set (row, PEP_TARGET_REVIEW_PREVIOUS_TARGET, NULL, NULL);
      if (ref == NULL)
        continue;
      parts = g_strsplit (ref, "#", 2);
      if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &index, NULL))
        continue;
      if ((plan_id = pep_store_exchange_find_plan (im->store, parts[0], error)) < 0)
        return FALSE;
      if (plan_id > 0 && (target_id = pep_store_exchange_target_at (im->store, plan_id, (guint) index, error)) < 0)
        return FALSE;
      if (target_id > 0)
        pep_record_set_int (row, PEP_TARGET_REVIEW_PREVIOUS_TARGET, target_id);
    }
  return TRUE;
}

static gboolean
is_locked (PepStatus status)
{
  return status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED;
}

typedef enum
{
  ACTION_NONE,
  ACTION_INSERT,
  ACTION_REPLACE,
  ACTION_SUPERSEDE,
} Action;

/* The rule (docs/xml-format.md, "Import"): S is the digest last exchanged here, L this
 * copy's digest now, D the document's. */
static PepXmlOutcome
decide (Import      *im,
        InPep       *pep,
        PepPlan     *local,
        const char  *local_digest,
        const char  *synced,
        Action      *action,
        const char **detail)
{
  gint64 theirs = pep_plan_get_revision (pep->plan);
  gint64 ours = pep_plan_get_revision (local);
  PepXmlOutcome outcome;

  *action = ACTION_NONE;
  *detail = NULL;
  if (g_str_equal (local_digest, pep->digest))
    return PEP_XML_OUTCOME_UNCHANGED;

  if (synced != NULL)
    {
      if (g_str_equal (pep->digest, synced))
        {
          *detail = _("the document holds the version last exchanged; this copy has changed since");
          return PEP_XML_OUTCOME_OLDER;
        }
      if (!g_str_equal (local_digest, synced))
        {
          *detail = _("changed both here and in the document since they were last exchanged");
          return PEP_XML_OUTCOME_CONFLICT;
        }
      /* Unchanged here since the exchange: the revision says which copy is newer. */
      if (theirs < ours)
        {
          *detail = _("this copy holds a later revision");
          return PEP_XML_OUTCOME_OLDER;
        }
      if (theirs == ours)
        {
          *detail = _("the same revision with different content");
          return PEP_XML_OUTCOME_CONFLICT;
        }
      outcome = PEP_XML_OUTCOME_UPDATED;
    }
  else if (theirs > ours)
    outcome = PEP_XML_OUTCOME_UPDATED;
  else if (theirs < ours)
    {
      *detail = _("this copy holds a later revision");
      return PEP_XML_OUTCOME_OLDER;
    }
  else
    {
      *detail = _("the same revision with different content, and no record of an earlier "
                  "exchange to tell which is newer");
      return PEP_XML_OUTCOME_CONFLICT;
    }

  if (is_locked (pep_plan_get_status (local)))
    {
      *detail = _("signed off here, so it cannot change; a correction must come as an amendment");
      return PEP_XML_OUTCOME_CONFLICT;
    }
  *action = ACTION_REPLACE;
  return outcome;
}

/* Whether the document's PEP is this copy's signed-off PEP, superseded by its amendment
 * elsewhere and nothing else: the one change the lock allows. */
static gboolean
only_superseded (Import   *im,
                 InPep    *pep,
                 PepPlan  *local,
                 GError  **error)
{
  g_autofree char *digest = NULL;
  GPtrArray *ours, *theirs;

  if (pep_plan_get_status (local) != PEP_STATUS_SIGNED_OFF
      || pep_plan_get_status (pep->plan) != PEP_STATUS_SUPERSEDED
      || pep_plan_get_revision (pep->plan) <= pep_plan_get_revision (local))
    return FALSE;
  pep_plan_set_status (local, PEP_STATUS_SUPERSEDED);
  pep_plan_set_revision (local, pep_plan_get_revision (pep->plan));
  pep_plan_set_updated_at (local, pep_plan_get_updated_at (pep->plan));
  /* Their steps are ours and then the superseding, which is all the lock lets us add. */
  ours = pep_plan_get_rows (local, PEP_TABLE_EVENT);
  theirs = pep_plan_get_rows (pep->plan, PEP_TABLE_EVENT);
  for (guint i = ours->len; i < theirs->len; i++)
    {
      PepRecord *event = g_ptr_array_index (theirs, i);

      if (g_strcmp0 (pep_record_get_text (event, PEP_EVENT_KIND), "superseded") != 0)
        return FALSE;
      pep_plan_add_event (local, "superseded", pep_record_get_text (event, PEP_EVENT_AT),
                          pep_record_get_text (event, PEP_EVENT_NAME),
                          pep_record_get_text (event, PEP_EVENT_ROLE));
    }
  digest = pep_xml_plan_digest (im->store, local, error);
  return digest != NULL && g_str_equal (digest, pep->digest);
}

/* The sender's AuditSummary is outside the digest, so anyone could write it: it is kept as
 * the sender's history (never as this copy's own audit rows), and refused when it cannot be
 * true — a role that does not exist, or a change this copy does not know to a PEP signed
 * off here, whose history is closed. (Not "after the document's time": copies' clocks
 * differ.) @closed_at: the
 * time the PEP was signed off here, or NULL; a supersession made by this document may add
 * changes after it. */
static gboolean
check_history (Import      *im,
               InPep       *pep,
               gint64       plan_id,
               const char  *closed_at,
               gboolean     superseding,
               GError     **error)
{
  for (guint i = 0; i < pep->history->len; i++)
    {
      const PepAuditEntry *entry = g_ptr_array_index (pep->history, i);
      PepRole role;
      int known;

      if (!pep_role_from_nick (entry->role, &role))
        {
          g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID,
                       _("%s/AuditSummary/Change[%u]: “%s” is not a role; the document is refused"),
                       pep->path, i + 1, entry->role);
          return FALSE;
        }
      if (closed_at == NULL || plan_id == 0 || (superseding && g_strcmp0 (entry->at, closed_at) > 0))
        continue;
      if ((known = pep_store_exchange_knows_history (im->store, plan_id, entry, error)) < 0)
        return FALSE;
      if (!known)
        {
          g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                       _("%s/AuditSummary/Change[%u]: a change this copy does not know, to a "
                         "PEP signed off here: a signed-off PEP's history is closed, and "
                         "history is no one's to rewrite; the document is refused"),
                       pep->path, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
record_exchange (Import   *im,
                 InPep    *pep,
                 gint64    plan_id,
                 gboolean  written,
                 GError  **error)
{
  for (guint i = 0; i < pep->history->len; i++)
    if (!pep_store_exchange_add_history (im->store, plan_id, im->sender_nick,
                                         g_ptr_array_index (pep->history, i), error))
      return FALSE;
  if (written && !pep_store_exchange_mark_import (im->store, plan_id, pep->digest, error))
    return FALSE;
  return pep_store_exchange_set_sync (im->store, plan_id, pep->digest, error);
}

/* A school sends its own school's PEPs only: each PEP's school (or, when it names none, its
 * pupil's) is the sender's. */
static gboolean
at_senders_school (Import   *im,
                   InPep    *pep,
                   InPupil  *pupil,
                   GError  **error)
{
  gint64 urn = pep_plan_get_school_urn (pep->plan);

  if (im->sender->kind != PEP_COPY_SCHOOL)
    return TRUE;
  if (urn == 0)
    urn = pep_record_get_int (pupil->stored, PEP_CHILD_SCHOOL_URN, 0);
  if (urn == im->sender->urn)
    return TRUE;
  if (urn == 0)
    g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                 _("%s/SchoolURN: the PEP names no school, and it comes from the school with URN "
                   "%" G_GINT64_FORMAT "; a school sends its own school's PEPs only, so the "
                   "document is refused"), pep->path, im->sender->urn);
  else
    g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                 _("%s/SchoolURN: the PEP is for a child at another school (URN %" G_GINT64_FORMAT
                   ") than the sending school's (URN %" G_GINT64_FORMAT "); the document is "
                   "refused"), pep->path, urn, im->sender->urn);
  return FALSE;
}

/* Whether a signed-off amendment of PEP @pep is in the document or here. */
static gboolean
amendment_signed_off (Import   *im,
                      InPep    *pep,
                      gint64    local_id,
                      GError  **error)
{
  const char *uuid = pep_plan_get_uuid (pep->plan);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  if (g_hash_table_contains (im->amended_signed_off, uuid))
    return TRUE;
  if (local_id == 0)
    return FALSE;
  stmt = _pep_store_prepare (im->store,
    "SELECT 1 FROM plan WHERE amends_id = ? AND status = 'signed-off'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, local_id);
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* The ownership table's rules (pep-ownership.c), against this copy's PEP as it is now. */
static gboolean
check_owner (Import    *im,
             InPep     *pep,
             gint64     local_id,
             gboolean  *deferred,
             GError   **error)
{
  g_autoptr(PepPlan) here = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean signed_off;

  if (local_id != 0 && !(here = pep_store_load_plan (im->store, local_id, error)))
    return FALSE;
  signed_off = amendment_signed_off (im, pep, local_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* While the document is still being read, a signed-off amendment of the PEP may yet come
   * in it: a PEP that passes without one passes with one; any other waits for the whole
   * document, as if it had been read first. */
  if (!signed_off && im->reading)
    {
      if (pep_ownership_check_plan (im->sender, here, pep->plan, FALSE, pep->path, NULL))
        return TRUE;
      *deferred = TRUE;
      return FALSE;
    }
  return pep_ownership_check_plan (im->sender, here, pep->plan, signed_off, pep->path, error);
}

/* @deferred: set, with nothing written, when the PEP cannot be applied before the whole
 * document has been read (check_owner()) */
static gboolean
apply_pep (Import    *im,
           InPep     *pep,
           gboolean  *deferred,
           GError   **error)
{
  InPupil *pupil = g_hash_table_lookup (im->pupil_by_uuid, pep->child_uuid);
  g_autoptr(PepPlan) local = NULL;
  g_autofree char *local_digest = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *closed_at = NULL;
  g_autoptr(GError) apply_error = NULL;
  const char *detail = NULL;
  PepXmlOutcome outcome;
  Action action;
  PepStoreChange change;
  gint64 local_id, amends_id = 0;
  gboolean ok;

  if (!at_senders_school (im, pep, pupil, error)
      || (local_id = pep_store_exchange_find_plan (im->store, pep_plan_get_uuid (pep->plan), error)) < 0)
    return FALSE;

  if (local_id == 0)
    {
      outcome = PEP_XML_OUTCOME_NEW;
      action = ACTION_INSERT;
    }
  else
    {
      if (!(local = pep_store_load_plan (im->store, local_id, error))
          || !(local_digest = pep_xml_plan_digest (im->store, local, error))
          || !pep_store_exchange_get_sync (im->store, local_id, &synced, error))
        return FALSE;
      if (is_locked (pep_plan_get_status (local)))
        closed_at = g_strdup (pep_plan_get_updated_at (local));
      outcome = decide (im, pep, local, local_digest, synced, &action, &detail);
      if (outcome == PEP_XML_OUTCOME_CONFLICT && is_locked (pep_plan_get_status (local)))
        {
          g_autoptr(GError) local_error = NULL;

          if (only_superseded (im, pep, local, &local_error))
            {
              outcome = PEP_XML_OUTCOME_UPDATED;
              action = ACTION_SUPERSEDE;
              detail = NULL;
            }
          else if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }

  if ((outcome == PEP_XML_OUTCOME_UNCHANGED || action != ACTION_NONE)
      && !check_history (im, pep, local_id, closed_at, action == ACTION_SUPERSEDE, error))
    return FALSE;
  /* Only what the sender owns: anything else refuses the whole document. */
  if (action != ACTION_NONE && !check_owner (im, pep, local_id, deferred, error))
    return FALSE;

  if (action == ACTION_NONE)
    {
      ok = outcome != PEP_XML_OUTCOME_UNCHANGED || record_exchange (im, pep, local_id, FALSE, error);
      if (ok)
        add_item (im, pep, outcome, local_id, detail);
      return ok;
    }

  /* Written in a savepoint: a PEP the lock or a rule of the file refuses is a conflict,
   * and the rest of the document goes on. */
  if (pep->amends_uuid != NULL
      && (amends_id = pep_store_exchange_find_plan (im->store, pep->amends_uuid, error)) < 0)
    return FALSE;
  if (pep->amends_uuid != NULL && amends_id == 0)
    {
      add_item (im, pep, PEP_XML_OUTCOME_CONFLICT, local_id,
                _("it amends a PEP that could not be imported"));
      return TRUE;
    }
  pep_plan_set_amends_id (pep->plan, amends_id);
  if (!resolve_previous (im, pep, error)
      || !_pep_store_change_begin (im->store, &change, error))
    return FALSE;
  switch (action)
    {
    case ACTION_INSERT:
      ok = pep_store_exchange_insert_plan (im->store, pep->plan, pupil->local_id,
                                           &apply_error);
      local_id = ok ? pep_plan_get_id (pep->plan) : 0;
      break;
    case ACTION_REPLACE:
      ok = pep_store_exchange_replace_plan (im->store, local_id, pep->plan,
                                            pupil->local_id, &apply_error);
      break;
    case ACTION_SUPERSEDE:
      ok = pep_store_exchange_supersede (im->store, local_id, pep_plan_get_revision (pep->plan),
                                         pep_plan_get_updated_at (pep->plan), &apply_error);
      /* The superseding step only_superseded() took from the document. */
      for (guint i = 0; ok && i < pep_plan_get_rows (local, PEP_TABLE_EVENT)->len; i++)
        {
          PepRecord *event = g_ptr_array_index (pep_plan_get_rows (local, PEP_TABLE_EVENT), i);

          if (pep_record_get_id (event) == 0)
            ok = pep_store_exchange_add_event (im->store, local_id, i, event, &apply_error);
        }
      break;
    case ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
  ok = ok && record_exchange (im, pep, local_id, TRUE, &apply_error);
  _pep_store_change_end (&change, ok, ok ? &apply_error : NULL);

  if (apply_error != NULL)
    {
      if (g_error_matches (apply_error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED)
          || g_error_matches (apply_error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE))
        {
          add_item (im, pep, PEP_XML_OUTCOME_CONFLICT, action == ACTION_INSERT ? 0 : local_id,
                    apply_error->message);
          return TRUE;
        }
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_FAILED, "%s: %s", pep->path,
                   apply_error->message);
      return FALSE;
    }
  pupil->refresh = TRUE;
  pep->written = action == ACTION_INSERT || action == ACTION_REPLACE;
  add_item (im, pep, outcome, local_id, NULL);
  return TRUE;
}

/* Every PEP the document brought (new or updated) that is signed, or signed off, must be
 * borne out by its signatures as this copy now holds it (pep-signoff.h): otherwise the whole
 * document is refused. The same rule as pepctl verify; a PEP written as it was read is
 * checked from memory (the store holds exactly that), one superseded here from the store. */
static gboolean
check_signatures (Import  *im,
                  GError **error)
{
  for (guint i = 0; i < im->peps->len; i++)
    {
      InPep *pep = g_ptr_array_index (im->peps, i);
      PepXmlImportItem *item = g_ptr_array_index (im->report->items, pep->index);
      g_autoptr(PepPlan) loaded = NULL;
      g_autofree char *reason = NULL;
      PepSeal seal;

      if (item == NULL || item->plan_id == 0
          || (item->outcome != PEP_XML_OUTCOME_NEW && item->outcome != PEP_XML_OUTCOME_UPDATED))
        continue;
      if (pep->checked)
        {
          seal = pep->seal;
          reason = g_strdup (pep->seal_reason);
        }
      else if (pep->written)
        {
          /* Its content digest, when it was taken as the PEP was written. */
          g_assert (pep_plan_get_id (pep->plan) == item->plan_id);
          if (!pep_signoff_check_plan_given (im->store, pep->plan, pep->child_uuid,
                                             pep->amends_uuid, pep->signed_digest, im->batch,
                                             &im->officers, &seal, &reason, error))
            return FALSE;
        }
      else if (!(loaded = pep_store_load_plan (im->store, item->plan_id, error))
               || !pep_signoff_check_plan_given (im->store, loaded, NULL, NULL, NULL, im->batch,
                                                 &im->officers, &seal, &reason, error))
        return FALSE;
      if (seal != PEP_SEAL_OK && pep->sender_seal == PEP_SEAL_OK)
        {
          g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE, "%s/Signoff: %s: %s",
                       pep->path, pep_seal_to_label (seal), reason);
          return FALSE;
        }
      /* The mark is the sender's word that the PEP fails its signatures: one that passes
       * here was edited after it was written. */
      if (seal == PEP_SEAL_OK && pep->sender_seal != PEP_SEAL_OK)
        {
          g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE,
                       _("%s/ChangedAfterSignOff: marked “%s” by its sender, but its "
                         "signatures verify: the document was edited"),
                       pep->path, pep_seal_to_label (pep->sender_seal));
          return FALSE;
        }
      /* Taken as what it is, and recorded, so that no figure counts it as authorised. */
      if (seal != PEP_SEAL_OK)
        {
          if (!pep_signoff_record (im->store, item->plan_id, seal, reason, error))
            return FALSE;
          if (item->detail == NULL)
            item->detail = g_strdup_printf ("%s: %s", pep_seal_to_label (seal), reason);
        }
    }
  return TRUE;
}

static gboolean
is_accepted (Import     *im,
             const char *public_key)
{
  for (guint i = 0; im->accepted_keys != NULL && im->accepted_keys[i] != NULL; i++)
    if (pep_fingerprint_matches (im->accepted_keys[i], public_key))
      return TRUE;
  return FALSE;
}

/* The Virtual School's copy pins a school's designated teachers' keys the first time it
 * imports from that school, once a person has confirmed each fingerprint; a designated
 * teacher's changed key needs confirming too. Every submission signature of a PEP the
 * document brought must be by a key pinned for the sending school: a key that is not is
 * listed (report->new_keys), pinned when accepted, and otherwise refuses the whole document
 * (a dry run lists them and refuses nothing). */
static gboolean
check_pins (Import  *im,
            GError **error)
{
  g_autoptr(PepCopyOwner) here = pep_store_get_owner (im->store, error);
  g_autofree char *subject = NULL;
  PepXmlKeyChange *refused = NULL;

  if (here == NULL)
    return FALSE;
  if (here->kind != PEP_COPY_AUTHORITY || im->sender->kind != PEP_COPY_SCHOOL)
    return TRUE;
  subject = g_strdup_printf ("school %" G_GINT64_FORMAT, im->sender->urn);
  for (guint i = 0; i < im->peps->len; i++)
    {
      InPep *pep = g_ptr_array_index (im->peps, i);
      PepXmlImportItem *item = g_ptr_array_index (im->report->items, pep->index);
      GPtrArray *rows;

      if (item == NULL || item->plan_id == 0
          || (item->outcome != PEP_XML_OUTCOME_NEW && item->outcome != PEP_XML_OUTCOME_UPDATED))
        continue;
      rows = pep_plan_get_rows (pep->plan, PEP_TABLE_SIGNOFF);
      for (guint r = 0; r < rows->len; r++)
        {
          PepRecord *row = g_ptr_array_index (rows, r);
          const char *key = pep_record_get_text (row, PEP_SIGNOFF_PUBLIC_KEY);
          const char *name = pep_record_get_text (row, PEP_SIGNOFF_NAME);
          g_autoptr(PepKeyPin) before = NULL;
          GError *local_error = NULL;
          PepXmlKeyChange *change = NULL;
          gboolean pinned;

          if (key == NULL || pep_record_get_text (row, PEP_SIGNOFF_VALUE) == NULL
              || g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_ROLE), "designated-teacher") != 0)
            continue;
          pinned = pep_store_is_pinned (im->store, subject, key, &local_error);
          if (local_error == NULL && !pinned)
            before = pep_store_find_pin (im->store, subject, "designated-teacher", name, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (pinned)
            continue;
          for (guint k = 0; k < im->report->new_keys->len && change == NULL; k++)
            if (g_str_equal (((PepXmlKeyChange *) g_ptr_array_index (im->report->new_keys, k))->public_key, key))
              change = g_ptr_array_index (im->report->new_keys, k);
          if (change != NULL)
            continue;
          change = g_new0 (PepXmlKeyChange, 1);
          change->path = g_strdup_printf ("%s/Signoff", pep->path);
          change->subject = g_strdup (subject);
          change->name = g_strdup (name);
          change->role = g_strdup ("designated-teacher");
          change->public_key = g_strdup (key);
          change->fingerprint = pep_public_key_fingerprint (key);
          change->replaces = before ? pep_public_key_fingerprint (before->public_key) : NULL;
          g_ptr_array_add (im->report->new_keys, change);
          if (is_accepted (im, key))
            {
              /* Pinned in the import's transaction: kept only if the import is. */
              if (!pep_store_pin_key (im->store, subject, key, name, "designated-teacher", error))
                return FALSE;
              change->pinned = TRUE;
            }
          else if (refused == NULL)
            refused = change;
        }
    }
  if (refused == NULL || im->report->dry_run)
    return TRUE;
  if (refused->replaces != NULL)
    g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE,
                 _("%s: %s, designated teacher at the school with URN %" G_GINT64_FORMAT ", now "
                   "signs with a different key from the one this copy pinned (%s). Confirm the "
                   "new key’s fingerprint %s with the school, then accept it; nothing was "
                   "imported"),
                 refused->path, refused->name, im->sender->urn, refused->replaces,
                 refused->fingerprint);
  else
    g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE,
                 _("%s: this copy has not pinned the key of %s, designated teacher at the "
                   "school with URN %" G_GINT64_FORMAT ". Confirm its fingerprint %s with the "
                   "school, then accept it; nothing was imported"),
                 refused->path, refused->name, im->sender->urn, refused->fingerprint);
  return FALSE;
}

/* The @i-th PEP that @pep points to in the document: 0 the one it amends, then those whose
 * targets it reviews; %NULL when there is none, or it is not in the document. */
static InPep *
dependency (Import *im,
            InPep  *pep,
            guint   i)
{
  const char *ref;
  g_autofree char *uuid = NULL;

  if (i == 0)
    return pep->amends_uuid ? g_hash_table_lookup (im->pep_by_uuid, pep->amends_uuid) : NULL;
  ref = g_ptr_array_index (pep->previous, i - 1);
  if (ref == NULL)
    return NULL;
  uuid = g_strndup (ref, strcspn (ref, "#"));
  return g_hash_table_lookup (im->pep_by_uuid, uuid);
}

typedef struct
{
  InPep *pep;
  guint  next;  /* the next of its dependencies to visit */
} Visit;

/* PEPs after the PEPs they point to (the one they amend, those whose targets they review),
 * otherwise in document order. A stack of our own, not recursion: a hostile document's
 * chain of a hundred thousand amendments must not overflow the thread's. */
static void
visit (Import    *im,
       InPep     *start,
       GPtrArray *order)
{
  g_autoptr(GArray) stack = NULL;
  Visit first = { start, 0 };

  if (start->mark != 0)
    return;
  stack = g_array_new (FALSE, FALSE, sizeof (Visit));
  start->mark = 1;
  g_array_append_val (stack, first);
  while (stack->len > 0)
    {
      Visit *top = &g_array_index (stack, Visit, stack->len - 1);
      InPep *pep = top->pep;

      if (top->next <= pep->previous->len)
        {
          InPep *dep = dependency (im, pep, top->next++);

          if (dep != NULL && dep->mark == 0)
            {
              Visit next = { dep, 0 };

              dep->mark = 1;
              g_array_append_val (stack, next);
            }
          continue;
        }
      pep->mark = 2;
      g_ptr_array_add (order, pep);
      g_array_set_size (stack, stack->len - 1);
    }
}

/* Copies exchange with their counterpart: a Virtual School's copy takes files from schools
 * and from its own authority's copies, never another authority's; a school's copy from the
 * Virtual School and from copies of the same school, never another school's. A file with no
 * owner yet takes any. */
static gboolean
check_counterpart (Import  *im,
                   GError **error)
{
  g_autoptr(PepCopyOwner) here = pep_store_get_owner (im->store, error);

  if (here == NULL)
    return FALSE;
  if (here->kind == PEP_COPY_AUTHORITY && im->sender->kind == PEP_COPY_AUTHORITY
      && here->la_code != im->sender->la_code)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("/PEPExchange/Header/Sender: sent by another authority's Virtual School "
                     "(LA %u); this is the Virtual School's copy of LA %u, which takes only its "
                     "own authority's and schools' files, so the document is refused"),
                   im->sender->la_code, here->la_code);
      return FALSE;
    }
  if (here->kind == PEP_COPY_SCHOOL && im->sender->kind == PEP_COPY_SCHOOL
      && here->urn != im->sender->urn)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
                   _("/PEPExchange/Header/Sender: sent by another school (URN %" G_GINT64_FORMAT
                     "); this is the copy of the school with URN %" G_GINT64_FORMAT ", which "
                     "takes files from the Virtual School, so the document is refused"),
                   im->sender->urn, here->urn);
      return FALSE;
    }
  return TRUE;
}

/* What comes before the first school: whether this copy takes the sender's files at all, and
 * how many children a pseudonymised copy had. */
static gboolean
apply_begin (Import  *im,
             GError **error)
{
  im->started = TRUE;
  if (!check_counterpart (im, error))
    return FALSE;
  return !im->pseudonymised_copy
         || (im->n_children = pep_store_count (im->store, PEP_TABLE_CHILD, error)) >= 0;
}

/* Whether every PEP @pep points to that is in the document has been written: then it is
 * written now, in the order visit() gives. One that points to a PEP not yet read (later in
 * the document, or in none) waits for the whole document. */
static gboolean
deps_written (Import *im,
              InPep  *pep)
{
  InPep *dep;

  if (pep->amends_uuid != NULL
      && (!(dep = g_hash_table_lookup (im->pep_by_uuid, pep->amends_uuid)) || dep->mark != 2))
    return FALSE;
  for (guint i = 0; i < pep->previous->len; i++)
    {
      const char *ref = g_ptr_array_index (pep->previous, i);
      g_autofree char *uuid = ref ? g_strndup (ref, strcspn (ref, "#")) : NULL;

      if (uuid != NULL && (!(dep = g_hash_table_lookup (im->pep_by_uuid, uuid)) || dep->mark != 2))
        return FALSE;
    }
  return TRUE;
}

/* A PEP just written is checked against its signatures at once, while the reader is still
 * busy, rather than after the whole document: check_signatures() takes the verdict as it
 * is, and tells what it finds in its turn. Only when nothing the import does later can
 * change it: the officers list changes only when a verified profile brings one, and a
 * superseded PEP's verdict asks whether its amendment, perhaps still to come, is signed
 * off. A check that fails outright is left to check_signatures() to do again and tell. */
static void
check_written (Import *im,
               InPep  *pep)
{
  PepXmlImportItem *item = g_ptr_array_index (im->report->items, pep->index);

  if (im->pseudonymised_copy || !pep->written || item == NULL || item->plan_id == 0
      || (item->outcome != PEP_XML_OUTCOME_NEW && item->outcome != PEP_XML_OUTCOME_UPDATED))
    return;
  /* The verdict must wait, but not the content digest, which nothing later changes (the
   * Status, Revision and LastChanged a supersession moves are not in it): computed now,
   * while the reader is still busy, not in the serial work after the whole document. */
  if ((im->verify != NULL && im->profile != NULL)
      || pep_plan_get_status (pep->plan) == PEP_STATUS_SUPERSEDED)
    {
      if (is_locked (pep_plan_get_status (pep->plan)))
        pep->signed_digest = pep_xml_plan_signed_digest_given (pep->plan, pep->child_uuid,
                                                               pep->amends_uuid);
      return;
    }
  pep->checked = pep_signoff_check_plan_given (im->store, pep->plan, pep->child_uuid,
                                               pep->amends_uuid, NULL, im->batch, &im->officers,
                                               &pep->seal, &pep->seal_reason, NULL);
  if (!pep->checked)
    g_clear_pointer (&pep->seal_reason, g_free);
}

/* Applies what has just been handed over, while nothing needs the rest of the document:
 * schools and pupils as they come (the schema puts them before the PEPs), each PEP once the
 * PEPs it points to are written. Otherwise everything from there on waits for apply(), which
 * then goes on as if the whole document had been read first. The first refusal is kept for
 * apply(), which tells it in the order a whole-document import would have found it. */
static void
stream (Import   *im,
        ItemKind  kind,
        gpointer  item)
{
  g_autoptr(GError) error = NULL;
  gboolean deferred = FALSE;
  InPep *pep = item;

  if (!im->started && !apply_begin (im, &error))
    {
      im->begin_error = g_steal_pointer (&error);
      im->streaming = FALSE;
      return;
    }
  switch (kind)
    {
    case ITEM_SCHOOL:
      if (apply_school (im, item, &error))
        im->n_schools_applied++;
      break;
    case ITEM_PUPIL:
      if (apply_pupil (im, item, &error))
        im->n_pupils_applied++;
      break;
    case ITEM_PEP:
      if (!im->pupils_done)
        {
          im->pupils_done = TRUE;
          if (!one_export (im, im->n_children > 0, &error))
            break;
        }
      if (!deps_written (im, pep))
        {
          im->streaming = FALSE;
          return;
        }
      if (apply_pep (im, pep, &deferred, &error))
        {
          pep->mark = 2;
          check_written (im, pep);
        }
      else if (deferred)
        {
          g_clear_error (&error);
          pep->mark = 0;
          im->streaming = FALSE;
          return;
        }
      break;
    case ITEM_END:
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    {
      im->apply_error = g_steal_pointer (&error);
      im->streaming = FALSE;
    }
}

/* A record read and checked, handed over by the reader (in its thread, through the queue,
 * or at once when there is none). */
static void
receive (Import   *im,
         ItemKind  kind,
         gpointer  item)
{
  switch (kind)
    {
    case ITEM_SCHOOL:
      g_ptr_array_add (im->schools, item);
      break;
    case ITEM_PUPIL:
      {
        InPupil *pupil = item;

        pupil->stored = pep_record_copy (pupil->child);
        g_ptr_array_add (im->pupils, pupil);
        g_hash_table_insert (im->pupil_by_uuid, g_strdup (pep_record_get_uuid (pupil->child)),
                             pupil);
      }
      break;
    case ITEM_PEP:
      {
        InPep *pep = item;

        g_assert (pep->index == im->peps->len);
        g_ptr_array_add (im->peps, pep);
        g_hash_table_insert (im->pep_by_uuid, g_strdup (pep_plan_get_uuid (pep->plan)), pep);
        /* amendment_signed_off() asks this of every PEP: a look-up, not a pass over the rest. */
        if (pep->amends_uuid != NULL && pep_plan_get_status (pep->plan) == PEP_STATUS_SIGNED_OFF)
          g_hash_table_add (im->amended_signed_off, g_strdup (pep->amends_uuid));
        /* One item per PEP, in document order, whatever order they are applied in. */
        if (im->report != NULL)
          g_ptr_array_set_size (im->report->items, im->peps->len);
      }
      break;
    case ITEM_END:
    default:
      g_assert_not_reached ();
    }
  if (im->streaming)
    stream (im, kind, item);
}

static void
give (Import   *im,
      ItemKind  kind,
      gpointer  item)
{
  Item *handed;

  if (im->queue == NULL)
    {
      receive (im, kind, item);
      return;
    }
  handed = g_new (Item, 1);
  handed->kind = kind;
  handed->item = item;
  g_async_queue_push (im->queue, handed);
}

/* Once the whole document has been read and checked: what stream() did not apply, in the
 * order a whole-document import applies it, and the checks that need every PEP. A refusal
 * met while streaming is told where that order would have met it. */
static gboolean
apply (Import  *im,
       GError **error)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  gboolean deferred = FALSE;

  if (im->begin_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im->begin_error));
      return FALSE;
    }
  if (!im->started && !apply_begin (im, error))
    return FALSE;

  if (!verify_profile (im, error))
    return FALSE;
  if (im->profile != NULL)
    {
      PepAuthorityTaken taken;

      if (!pep_store_take_authority (im->store, im->profile, &taken, error))
        {
          g_prefix_error (error, "/PEPExchange/AuthorityRules: ");
          return FALSE;
        }
      im->report->authority = g_strdup (pep_authority_get_la_code (im->profile));
      im->report->authority_taken = taken;
    }
  if (im->apply_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&im->apply_error));
      return FALSE;
    }

  for (; im->n_schools_applied < im->schools->len; im->n_schools_applied++)
    if (!apply_school (im, g_ptr_array_index (im->schools, im->n_schools_applied), error))
      return FALSE;
  for (; im->n_pupils_applied < im->pupils->len; im->n_pupils_applied++)
    if (!apply_pupil (im, g_ptr_array_index (im->pupils, im->n_pupils_applied), error))
      return FALSE;
  if (!im->pupils_done && !one_export (im, im->n_children > 0, error))
    return FALSE;
  im->pupils_done = TRUE;

  /* Those written already are marked: the rest follow them as if none had been. */
  for (guint i = 0; i < im->peps->len; i++)
    visit (im, g_ptr_array_index (im->peps, i), order);
  g_debug ("%u of %u PEPs written as they were read", im->peps->len - order->len, im->peps->len);
  for (guint i = 0; i < order->len; i++)
    if (!apply_pep (im, g_ptr_array_index (order, i), &deferred, error))
      return FALSE;
  if (!refresh_pupils (im, error))
    return FALSE;

  /* A pseudonymised document carries no signatures: they signed the real names and dates. */
  return im->pseudonymised_copy || (check_signatures (im, error) && check_pins (im, error));
}

/* The reading thread: pep_xml_check_stream() hands each record to read_record(), which
 * hands it on, checked, through the queue; the end goes last, with the reading's result. */
static gpointer
read_in_thread (gpointer data)
{
  static Item end = { ITEM_END, NULL };
  Import *im = data;

  im->read_ok = pep_xml_check_stream (im->data, im->length, read_record, im, &im->read_error);
  g_async_queue_push (im->queue, &end);
  return NULL;
}

static void
import_init (Import             *im,
             PepStore           *store,
             PepXmlImportReport *report)
{
  im->store = store;
  im->report = report;
  im->schools = g_ptr_array_new_with_free_func (in_school_free);
  im->pupils = g_ptr_array_new_with_free_func (in_pupil_free);
  im->peps = g_ptr_array_new_with_free_func (in_pep_free);
  im->pupil_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->pep_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->read_pupils = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->read_peps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->amended_signed_off = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->validator = pep_validator_new (NULL);
  /* read_field() checked each value against its field as it parsed it. */
  pep_validator_set_values_checked (im->validator, TRUE);
  if (store != NULL)
    {
      /* "Today" by the store's clock, which tests fix. */
      g_autofree char *now = pep_store_now (store);
      g_autofree char *day = g_strndup (now, 10);
      GDate today;

      if (pep_date_parse (day, &today))
        pep_validator_set_today (im->validator, &today);
      im->pseudonymised_copy = pep_store_is_pseudonymised (store);
      /* A pseudonymised copy checks no signatures (check_signatures() is not run). */
      if (!im->pseudonymised_copy)
        im->batch = pep_signature_batch_new ();
    }
}

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->schools, g_ptr_array_unref);
  g_clear_pointer (&im->pupils, g_ptr_array_unref);
  g_clear_pointer (&im->peps, g_ptr_array_unref);
  g_clear_pointer (&im->pupil_by_uuid, g_hash_table_unref);
  g_clear_pointer (&im->pep_by_uuid, g_hash_table_unref);
  g_clear_pointer (&im->amended_signed_off, g_hash_table_unref);
  g_clear_pointer (&im->read_pupils, g_hash_table_unref);
  g_clear_pointer (&im->read_peps, g_hash_table_unref);
  g_clear_pointer (&im->queue, g_async_queue_unref);
  g_clear_error (&im->authorities_error);
  g_clear_error (&im->read_error);
  g_clear_error (&im->begin_error);
  g_clear_error (&im->apply_error);
  g_clear_object (&im->validator);
  g_clear_pointer (&im->sender, pep_copy_owner_free);
  g_clear_pointer (&im->sender_nick, g_free);
  g_clear_object (&im->profile);
  g_clear_pointer (&im->authorities, g_ptr_array_unref);
  g_clear_object (&im->officers);
  g_clear_pointer (&im->batch, pep_signature_batch_free);
}

/**
 * pep_xml_validate:
 *
 * Checks @data as import does before it writes anything: safe, well-formed, of this
 * version, following the schema, every field within its rules and every digest matching.
 */
gboolean
pep_xml_validate (const char  *data,
                  gsize        length,
                  GError     **error)
{
  Import im = { 0 };
  gboolean ok;

  import_init (&im, NULL, NULL);
  ok = pep_xml_check_stream (data, length, read_record, &im, error);
  import_clear (&im);
  return ok;
}

gboolean
pep_xml_validate_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return pep_xml_validate (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                           error);
}

/**
 * pep_xml_import:
 * @data: the document, UTF-8
 * @flags: %PEP_XML_IMPORT_DRY_RUN to report what would happen and change nothing
 *
 * Imports a PEP exchange document into @store as one transaction. A document that is
 * unsafe, malformed, of another version or profile, invalid, or altered after export is
 * refused with an error naming the element and the reason, and nothing changes.
 *
 * Returns: (transfer full): what happened to each PEP, or NULL with @error set
 */
PepXmlImportReport *
pep_xml_import (PepStore           *store,
                const char         *data,
                gsize               length,
                PepXmlImportFlags   flags,
                GError            **error)
{
  return pep_xml_import_verified (store, data, length, flags, NULL, NULL, error);
}

/**
 * pep_xml_import_verified:
 * @verify: (nullable): how the sending authority's profile is verified (the work context's,
 *   pep_work_context_get_verifier()); with one, a document whose profile is unsigned or does
 *   not verify is refused whole; with none, the profile is taken as it comes
 *
 * Imports as pep_xml_import() does, and takes in the profile a Virtual School's document
 * carries (one per authority: a newer one replaces an older), in the same transaction.
 */
PepXmlImportReport *
pep_xml_import_verified (PepStore               *store,
                         const char             *data,
                         gsize                   length,
                         PepXmlImportFlags       flags,
                         PepAuthorityVerifyFunc  verify,
                         gpointer                verify_data,
                         GError                **error)
{
  return pep_xml_import_full (store, data, length, flags, verify, verify_data, NULL, error);
}

/**
 * pep_xml_import_full:
 * @accepted_keys: (nullable) (array zero-terminated=1): fingerprints of signing keys a person
 *   has confirmed (report->new_keys of a dry run lists those that need it)
 *
 * pep_xml_import_verified(), pinning the designated teachers' keys confirmed.
 */
PepXmlImportReport *
pep_xml_import_full (PepStore               *store,
                     const char             *data,
                     gsize                   length,
                     PepXmlImportFlags       flags,
                     PepAuthorityVerifyFunc  verify,
                     gpointer                verify_data,
                     const char * const     *accepted_keys,
                     GError                **error)
{
  g_autoptr(PepXmlImportReport) report = g_new0 (PepXmlImportReport, 1);
  Import im = { 0 };
  GThread *reader;
  Item *item;
  gboolean began, ok;
  int spilled = 0, unused = 0;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  report->dry_run = (flags & PEP_XML_IMPORT_DRY_RUN) != 0;
  report->items = g_ptr_array_new_with_free_func (item_free);
  report->identity_changes = g_ptr_array_new_with_free_func (identity_change_free);
  report->new_keys = g_ptr_array_new_with_free_func (key_change_free);
  import_init (&im, store, report);
  im.flags = flags;
  im.verify = verify;
  im.verify_data = verify_data;
  im.accepted_keys = accepted_keys;

  /* The document is read and checked in a thread of its own, one record at a time, and each
   * record is written as it is handed over, in one transaction: nothing is kept unless all
   * of it passes (stream(), apply()). SQLite's cache (2 MB, the store never sets it) is given
   * room while it is written, so that pages are not spilled to the WAL and written again, and
   * the savepoints' journals are kept in memory rather than written to a temporary file (the
   * pages they hold are personal). The reader does not use the store: what it needs from it
   * is read first. */
  im.authorities = pep_store_list_authorities (store, &im.authorities_error);
  _pep_store_exec (store, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", NULL);
  sqlite3_db_status (_pep_store_get_db (store), SQLITE_DBSTATUS_CACHE_SPILL, &spilled, &unused, TRUE);
  /* Without the transaction now, it is tried again once the document has been read. */
  began = im.streaming = pep_store_begin (store, NULL);
  im.reading = TRUE;
  im.queue = g_async_queue_new ();
  im.data = data;
  im.length = length;
  xmlInitParser ();
  reader = g_thread_new ("pep-import-read", read_in_thread, &im);
  while ((item = g_async_queue_pop (im.queue))->kind != ITEM_END)
    {
      receive (&im, item->kind, item->item);
      g_free (item);
    }
  g_thread_join (reader);
  im.reading = FALSE;

  if (!(ok = im.read_ok))
    g_propagate_error (error, g_steal_pointer (&im.read_error));
  if (ok)
    report->sender = g_strdup (im.sender_nick);
  if (ok && !began)
    ok = began = pep_store_begin (store, error);
  if (ok)
    {
      ok = apply (&im, error);
      if (ok && !report->dry_run)
        ok = pep_store_commit (store, error);
    }
  if (began && (!ok || report->dry_run))
    {
      pep_store_rollback (store);
      /* A document larger than the cache spilled pages into the write-ahead log as it was
       * written; after the rollback they would stay in that file until overwritten.
       * Emptied now, unless another connection is reading it. */
      sqlite3_db_status (_pep_store_get_db (store), SQLITE_DBSTATUS_CACHE_SPILL, &spilled,
                         &unused, FALSE);
      if (spilled > 0)
        _pep_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
    }
  _pep_store_exec (store, "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT", NULL);

  import_clear (&im);
  return ok ? g_steal_pointer (&report) : NULL;
}

PepXmlImportReport *
pep_xml_import_file (PepStore           *store,
                     const char         *path,
                     PepXmlImportFlags   flags,
                     GError            **error)
{
  return pep_xml_import_file_verified (store, path, flags, NULL, NULL, error);
}

PepXmlImportReport *
pep_xml_import_file_verified (PepStore               *store,
                              const char             *path,
                              PepXmlImportFlags       flags,
                              PepAuthorityVerifyFunc  verify,
                              gpointer                verify_data,
                              GError                **error)
{
  return pep_xml_import_file_full (store, path, flags, verify, verify_data, NULL, error);
}

PepXmlImportReport *
pep_xml_import_file_full (PepStore               *store,
                          const char             *path,
                          PepXmlImportFlags       flags,
                          PepAuthorityVerifyFunc  verify,
                          gpointer                verify_data,
                          const char * const     *accepted_keys,
                          GError                **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return pep_xml_import_full (store, g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped), flags, verify, verify_data,
                              accepted_keys, error);
}
