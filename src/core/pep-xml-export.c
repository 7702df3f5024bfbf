/* pep-xml-export.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the XML (in xmlTextWriter's layout) and, beside it, each record's canonical form
 * through PepXmlCanon (pep-xml.c, the one definition import uses too; docs/xml-format.md,
 * "Canonical form and digest"), so that the digest is of exactly what the document says;
 * a PEP's form gives the digest its sign-offs sign as well, in the same pass. The document is read back as import reads it and validated
 * against the schema as it is written (a thread beside the writer), before a byte of it
 * reaches the disk.
 */

#define G_LOG_DOMAIN "pep-xml-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pep-child-history.h"
#include "pep-copy-owner.h"
#include "pep-privacy.h"
#include "pep-sha256.h"
#include "pep-signoff.h"
#include "pep-store-authority.h"
#include "pep-store-exchange.h"
#include "pep-xml-export.h"
#include "pep-xml-private.h"

/* The document as it is written, laid out as libxml2's xmlTextWriter laid it out before
 * (two spaces a level, a leaf's text on its own line), byte for byte: built here rather
 * than through xmlTextWriter, which spent more than the rest of the writing, and so that
 * a PEP is finished in memory before any of it goes to the check (write_plan() adds its
 * ChangedAfterSignOff last). */
typedef struct
{
  GString  *text;        /* not yet handed to the check */
  guint     depth;       /* elements open */
  gboolean  tag_open;    /* the last start tag still lacks its '>' */
  gboolean  after_text;  /* text came last: the end tag follows it on its line */
} Writer;

/* @str's own length, appended (pep_xml_append()). */
static inline void
append (GString    *str,
        const char *text)
{
  pep_xml_append (str, text, strlen (text));
}

static void
writer_indent (Writer *w)
{
  static const char spaces[] = "                                                                ";
  gsize n = 2 * (gsize) w->depth;

  for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
    pep_xml_append (w->text, spaces, sizeof spaces - 1);
  pep_xml_append (w->text, spaces, n);
}

static void
writer_start (Writer     *w,
              const char *name)
{
  if (w->tag_open)
    pep_xml_append (w->text, ">\n", 2);
  writer_indent (w);
  pep_xml_append (w->text, "<", 1);
  append (w->text, name);
  w->depth++;
  w->tag_open = TRUE;
  w->after_text = FALSE;
}

static void
writer_end (Writer     *w,
            const char *name)
{
  w->depth--;
  if (w->tag_open)
    pep_xml_append (w->text, "/>\n", 3);
  else
    {
      if (!w->after_text)
        writer_indent (w);
      pep_xml_append (w->text, "</", 2);
      append (w->text, name);
      pep_xml_append (w->text, ">\n", 2);
    }
  w->tag_open = FALSE;
  w->after_text = FALSE;
}

/* @text escaped onto @str as xmlTextWriter escaped it: text as xmlTextWriterWriteString()
 * (xmlEncodeSpecialChars()), and an @attribute's value as xmlTextWriterWriteAttribute(),
 * which escapes line feeds and tabs too. */
static void
escape_into (GString    *str,
             const char *text,
             gboolean    attribute)
{
  const char *run = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      const char *escaped;
      gsize len;

      switch (*p)
        {
        case '<': escaped = "&lt;"; len = 4; break;
        case '>': escaped = "&gt;"; len = 4; break;
        case '&': escaped = "&amp;"; len = 5; break;
        case '"': escaped = "&quot;"; len = 6; break;
        case '\r': escaped = "&#13;"; len = 5; break;
        case '\n': if (!attribute) continue; escaped = "&#10;"; len = 5; break;
        case '\t': if (!attribute) continue; escaped = "&#9;"; len = 4; break;
        default: continue;
        }
      pep_xml_append (str, run, p - run);
      pep_xml_append (str, escaped, len);
      run = p + 1;
    }
  pep_xml_append (str, run, p - run);
}

/* A leaf's text, escaped; @raw: as it is (markup already made). */
static void
writer_text (Writer     *w,
             const char *text,
             gboolean    raw)
{
  if (w->tag_open)
    pep_xml_append (w->text, ">", 1);
  w->tag_open = FALSE;
  w->after_text = TRUE;
  if (raw)
    append (w->text, text);
  else
    escape_into (w->text, text, FALSE);
}

/* An attribute of the element just started. */
static void
writer_attribute (Writer     *w,
                  const char *name,
                  const char *value)
{
  pep_xml_append (w->text, " ", 1);
  append (w->text, name);
  pep_xml_append (w->text, "=\"", 2);
  escape_into (w->text, value, TRUE);
  pep_xml_append (w->text, "\"", 1);
}

/* The writer, and the canonical form of the record being written (NULL outside records and
 * once its digest is made). No writer: a digest only. */
typedef struct
{
  Writer        *writer;
  PepXmlCanon   *canon;
  PepXmlCanon    record;   /* each record's in turn (cleared by whoever made the Out) */
  /* Where the canonical form differs from what a sign-off signs (Revision, Status, the
   * signatures themselves, the workflow…): spans of it, start and end offsets in order,
   * noted as it is written so that one pass gives both digests. NULL: not noted. */
  GArray        *unsigned_spans;
} Out;

static void
out_start (Out        *out,
           const char *name)
{
  if (out->writer != NULL)
    writer_start (out->writer, name);
  if (out->canon != NULL)
    pep_xml_canon_start (out->canon, name);
}

static void
out_end (Out        *out,
         const char *name)
{
  if (out->writer != NULL)
    writer_end (out->writer, name);
  if (out->canon != NULL)
    pep_xml_canon_end (out->canon, name);
}

static void
out_leaf (Out        *out,
          const char *name,
          const char *text)
{
  out_start (out, name);
  if (out->writer != NULL && *text != '\0')
    writer_text (out->writer, text, FALSE);
  if (out->canon != NULL)
    pep_xml_canon_text (out->canon, text);
  out_end (out, name);
}

static void
out_attribute (Out        *out,
               const char *name,
               const char *value)
{
  if (out->writer != NULL && value != NULL)
    writer_attribute (out->writer, name, value);
}

/* Where the canonical form is, to begin a span a sign-off does not sign. */
static gsize
out_mark (Out *out)
{
  return out->canon != NULL ? out->canon->text->len : 0;
}

/* What was written since @start is not signed. Spans inside it are dropped: it covers them. */
static void
out_unsigned_since (Out   *out,
                    gsize  start)
{
  gsize span[2] = { start, out_mark (out) };

  if (out->unsigned_spans == NULL || out->canon == NULL)
    return;
  while (out->unsigned_spans->len >= 2
         && g_array_index (out->unsigned_spans, gsize, out->unsigned_spans->len - 2) >= start)
    g_array_set_size (out->unsigned_spans, out->unsigned_spans->len - 2);
  if (span[1] > span[0])
    g_array_append_vals (out->unsigned_spans, span, 2);
}

/* An element between the record and its fields, opened when the first thing goes in it. */
typedef struct
{
  Out        *out;
  const char *open;
  gsize       began;    /* out_mark() before it */
  gboolean    has_signed;  /* a sign-off signs something in it (write_plan() says so) */
} Group;

static void
group_leave (Group *group)
{
  if (group->open != NULL)
    {
      out_end (group->out, group->open);
      /* Holding nothing a sign-off signs, a sign-off's form has no such element. */
      if (!group->has_signed)
        out_unsigned_since (group->out, group->began);
    }
  group->open = NULL;
}

static void
group_enter (Group      *group,
             const char *name)
{
  if (g_strcmp0 (group->open, name) == 0)
    return;
  group_leave (group);
  group->began = out_mark (group->out);
  group->has_signed = FALSE;
  if (name != NULL)
    out_start (group->out, name);
  group->open = name;
}

typedef struct
{
  PepStore                   *store;
  const PepXmlExportOptions  *options;
  PepXmlProfile               profile;
  GHashTable                 *exported;   /* plan ids in this document; NULL for a digest only */
  PepPseudonyms              *pseudonyms; /* the pseudonymised profile's, for this document */
  guint64                     suppressed; /* child fields left out for k-anonymity (1 << field) */
  gint64                      sender_urn; /* the sending school's, or 0 */
  gboolean                    signing;    /* the content a sign-off signs (docs/signatures.md) */
  /* The PEP's child's and amended PEP's UUIDs when the caller has them (import): then
   * write_plan() reads nothing from the store for them. */
  gboolean                    uuids_given;
  const char                 *child_uuid;
  const char                 *amends_uuid;
  PepOfficers                *officers;   /* the trusted list, for write_seal() */
  PepSignatureBatch          *batch;      /* the signatures being verified ahead */
} Export;

/* The pseudonymised profile (docs/privacy.md) ---------------------------------------------- */

/* @real as this document names it: itself, or its pseudonym in a pseudonymised one. */
static const char *
pseudo_id (Export           *ex,
           PepPseudonymKind  kind,
           const char       *real)
{
  return ex->pseudonyms != NULL && real != NULL ? pep_pseudonyms_get (ex->pseudonyms, kind, real) : real;
}

static gboolean
suppressed (Export             *ex,
            const PepFieldInfo *info)
{
  if (ex->pseudonyms == NULL)
    return FALSE;
  /* Without the pupil's school, the school's own fields would give it away. */
  if (info->table == PEP_TABLE_SCHOOL)
    return (ex->suppressed & (G_GUINT64_CONSTANT (1) << PEP_CHILD_SCHOOL_URN)) != 0;
  return info->table == PEP_TABLE_CHILD && (ex->suppressed & (G_GUINT64_CONSTANT (1) << info->index));
}

/* A kept field's text in a pseudonymised document. */
static char *
pseudonymised_text (Export             *ex,
                    PepRecord          *record,
                    const PepFieldInfo *info,
                    GVariant           *value)
{
  g_autofree char *text = pep_xml_format_value (info, value);

  switch (pep_privacy_action (PEP_XML_PROFILE_PSEUDONYMISED, info))
    {
    case PEP_PRIVACY_COARSEN:
      return pep_privacy_coarsen (text);
    case PEP_PRIVACY_PSEUDONYM:
      if (info->type == PEP_VALUE_INT)
        return g_strdup (pseudo_id (ex, PEP_PSEUDONYM_URN, text));
      if (info->table == PEP_TABLE_SCHOOL)
        {
          /* A school's name stands for its URN: the same school, the same "School N". */
          g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  pep_record_get_int (record, PEP_SCHOOL_URN, 0));
          return g_strdup (pseudo_id (ex, PEP_PSEUDONYM_SCHOOL, urn));
        }
      if (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_LA_CHILD_ID)
        return g_strdup (pseudo_id (ex, PEP_PSEUDONYM_CHILD, text));
      return g_strdup (pseudo_id (ex, PEP_PSEUDONYM_PERSON, text));
    case PEP_PRIVACY_KEEP:
    case PEP_PRIVACY_INITIAL:
    case PEP_PRIVACY_DROP:
    default:
      return g_steal_pointer (&text);
    }
}

/* The facts about a pupil that someone could know from outside, least useful first: what
 * the k-anonymity check counts, and leaves out one at a time until each combination is
 * shared by at least k pupils. */
static const guint quasi_identifiers[] = {
  PEP_CHILD_ENTERED_CARE, PEP_CHILD_INTERPRETER, PEP_CHILD_FIRST_LANGUAGE,
  PEP_CHILD_PLACEMENT_IN_LA, PEP_CHILD_PLACEMENT_TYPE, PEP_CHILD_LEGAL_STATUS,
  PEP_CHILD_SEN_STATUS, PEP_CHILD_SCHOOL_URN, PEP_CHILD_NC_YEAR,
};

/* A date of a pupil's history in a pseudonymised document: the first day of its term, or
 * of its academic year (@year_only, or when the k-anonymity check left the field out). */
static char *
pseudonymised_date (Export     *ex,
                    const char *date,
                    guint       field,
                    gboolean    year_only)
{
  char *term_start = pep_privacy_coarsen (date);
  int year, month;

  if (term_start == NULL
      || (!year_only && !suppressed (ex, pep_table_get_field (PEP_TABLE_CHILD, field))))
    return term_start;
  year = atoi (term_start);
  month = atoi (term_start + 5);
  g_free (term_start);
  return g_strdup_printf ("%04d-09-01", month >= 9 ? year : year - 1);
}

/* A table of rows the profile leaves out whole (a carer's copy has no QA ratings). */
static gboolean
rows_left_out (Export   *ex,
               PepTable  table)
{
  for (guint f = 0; f < pep_table_get_n_fields (table); f++)
    if (pep_xml_profile_keeps (ex->profile, pep_table_get_field (table, f)))
      return FALSE;
  return TRUE;
}

/* The smallest number of pupils sharing one combination of what remains about them. */
static guint
smallest_group (Export    *ex,
                GPtrArray *children)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer count;
  guint k = G_MAXUINT;

  for (guint c = 0; c < children->len; c++)
    {
      PepRecord *child = g_ptr_array_index (children, c);
      GString *key = g_string_new (NULL);

      for (guint q = 0; q < G_N_ELEMENTS (quasi_identifiers); q++)
        {
          const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, quasi_identifiers[q]);
          GVariant *value = pep_record_get (child, quasi_identifiers[q]);
          g_autofree char *text = NULL;

          if (value != NULL && pep_xml_profile_keeps (ex->profile, info) && !suppressed (ex, info))
            text = pseudonymised_text (ex, child, info, value);
          g_string_append_printf (key, "%s\x1f", text ? text : "");
        }
      count = g_hash_table_lookup (groups, key->str);
      g_hash_table_replace (groups, g_string_free (key, FALSE), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &count))
    k = MIN (k, GPOINTER_TO_UINT (count));
  return k == G_MAXUINT ? 0 : k;
}

/* Leaves out quasi-identifiers until every pupil shares what remains with k − 1 others;
 * refuses when even leaving them all out does not. */
static gboolean
reach_k_anonymity (Export                     *ex,
                   const PepXmlExportOptions  *options,
                   GPtrArray                  *children,
                   GError                    **error)
{
  guint wanted = options->k_anonymity > 0 ? options->k_anonymity : PEP_XML_DEFAULT_K;
  guint k = smallest_group (ex, children);

  for (guint q = 0; k < wanted && q < G_N_ELEMENTS (quasi_identifiers); q++)
    {
      ex->suppressed |= G_GUINT64_CONSTANT (1) << quasi_identifiers[q];
      k = smallest_group (ex, children);
    }
  if (options->k_reached != NULL)
    *options->k_reached = k;
  if (k < wanted && children->len > 0)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_FAILED,
                   _("A pseudonymised export of these PEPs would let someone pick out a pupil: "
                     "even with the school, year group and the rest left out, %u of them share "
                     "what remains with fewer than %u others. Nothing was written; export more "
                     "pupils, or ask for a smaller k."), k, wanted);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_text (PepTable      table,
             const char   *record_id,
             const char   *element,
             GError      **error)
{
  g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_INVALID,
               _("The %s %s holds a control character in %s, which XML cannot carry. Correct "
                 "the field and export again."), pep_table_get_name (table), record_id, element);
  return FALSE;
}

/* The text a field is written with in this profile, or NULL when the profile leaves it out:
 * the record's own when it holds text (not a copy of every field of every PEP), else made
 * into @made. */
static const char *
field_text (Export     *ex,
            PepRecord  *record,
            guint       field,
            char      **made)
{
  PepTable table = pep_record_get_table (record);
  const PepFieldInfo *info = pep_table_get_field (table, field);
  PepFieldValue value;

  if (!pep_record_get_value (record, field, &value) || !pep_xml_profile_keeps (ex->profile, info)
      || suppressed (ex, info))
    return NULL;
  if (ex->pseudonyms != NULL)
    return *made = pseudonymised_text (ex, record, info, pep_record_get (record, field));
  /* What pep_xml_format_native() would copy. */
  if (value.kind == PEP_VALUE_KIND_TEXT)
    return value.v.text;
  return *made = pep_xml_format_native (&value);
}

static gboolean
write_field (Export      *ex,
             Out         *out,
             Group       *group,
             const char  *group_name,
             PepRecord   *record,
             const char  *record_id,
             guint        field,
             const char  *element,
             GError     **error)
{
  g_autofree char *made = NULL;
  const char *text = field_text (ex, record, field, &made);

  if (text == NULL)
    return TRUE;
  if (!pep_xml_text_is_safe (text))
    return refuse_text (pep_record_get_table (record), record_id, element, error);
  group_enter (group, group_name);
  out_leaf (out, element, text);
  return TRUE;
}

/* A record begins: its canonical form from here. */
static void
start_record (Out         *out,
              const char  *name)
{
  pep_xml_canon_init (&out->record);
  out->canon = &out->record;
  if (out->unsigned_spans != NULL)
    g_array_set_size (out->unsigned_spans, 0);
  out_start (out, name);
}

/* Returns: the record's digest, its canonical form ended here; the Digest element and the
 * record's end are written after it (Digest would be left out of it in any case). */
static char *
digest_record (Out        *out,
               const char *name)
{
  char *digest;

  pep_xml_canon_end (out->canon, name);
  digest = pep_xml_canon_digest (out->canon);
  out->canon = NULL;
  return digest;
}

static void
end_record (Out        *out,
            const char *name)
{
  g_autofree char *digest = digest_record (out, name);

  out_leaf (out, "Digest", digest);
  out_end (out, name);
}

/* Schools and pupils ------------------------------------------------------------------------ */

static gboolean
write_school (Export     *ex,
              Out        *out,
              PepRecord  *school,
              GError    **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pep_record_get_int (school, PEP_SCHOOL_URN, 0));
  Group group = { out, NULL };
  const PepXmlSlot *slots;
  guint n;

  start_record (out, "School");
  slots = pep_xml_layout (PEP_TABLE_SCHOOL, &n);
  for (guint i = 0; i < n; i++)
    if (!write_field (ex, out, &group, slots[i].group, school, id, slots[i].field, slots[i].element, error))
      return FALSE;
  group_leave (&group);
  end_record (out, "School");
  return TRUE;
}

/* A date of a history, when the profile keeps the child's field it stands beside. */
static void
out_date (Export      *ex,
          Out         *out,
          const char  *name,
          const GDate *date,
          guint        field)
{
  char text[16];

  if (!g_date_valid (date) || !pep_xml_profile_keeps (ex->profile, pep_table_get_field (PEP_TABLE_CHILD, field)))
    return;
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  if (ex->pseudonyms != NULL)
    {
      /* Entered care: its academic year, so that the one episode written stays in order. */
      g_autofree char *coarse = pseudonymised_date (ex, text, field, g_str_equal (name, "EnteredCare"));

      out_leaf (out, name, coarse);
      return;
    }
  out_leaf (out, name, text);
}

/* BasicDetails/SchoolHistory: every school the pupil attended, as the CTF's SchoolHistory. */
static void
write_school_history (Export    *ex,
                      Out       *out,
                      Group     *group,
                      GPtrArray *spells)
{
  /* Histories are dates and schools that single a pupil out: never pseudonymised. */
  if (spells->len == 0 || ex->pseudonyms != NULL
      || !pep_xml_profile_keeps (ex->profile, pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_SCHOOL_URN)))
    return;
  group_enter (group, "BasicDetails");
  out_start (out, "SchoolHistory");
  for (guint i = 0; i < spells->len; i++)
    {
      const PepSchoolSpell *spell = g_ptr_array_index (spells, i);
      g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT, spell->school_urn);

      out_start (out, "School");
      out_leaf (out, "SchoolURN", urn);
      out_date (ex, out, "EntryDate", &spell->started, PEP_CHILD_SCHOOL_START);
      out_date (ex, out, "LeavingDate", &spell->ended, PEP_CHILD_SCHOOL_START);
      out_end (out, "School");
    }
  out_end (out, "SchoolHistory");
}

/* LookedAfter/CareEpisodes: the pupil's time in care, episode by episode. */
static void
write_care_episodes (Export    *ex,
                     Out       *out,
                     GPtrArray *episodes)
{
  const PepFieldInfo *legal = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_LEGAL_STATUS);
  const PepFieldInfo *placement = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_PLACEMENT_TYPE);

  if (episodes->len == 0
      || !pep_xml_profile_keeps (ex->profile, pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_ENTERED_CARE)))
    return;
  out_start (out, "CareEpisodes");
  /* Pseudonymised: the latest episode only, coarsened; a history of moves singles a child out. */
  for (guint i = ex->pseudonyms != NULL ? episodes->len - 1 : 0; i < episodes->len; i++)
    {
      const PepCareEpisode *episode = g_ptr_array_index (episodes, i);

      out_start (out, "Episode");
      out_date (ex, out, "EnteredCare", &episode->entered, PEP_CHILD_ENTERED_CARE);
      out_date (ex, out, "LeftCare", &episode->left, PEP_CHILD_ENTERED_CARE);
      if (episode->legal_status != NULL && pep_xml_profile_keeps (ex->profile, legal)
          && !suppressed (ex, legal))
        out_leaf (out, "LegalStatus", episode->legal_status);
      if (episode->placement_type != NULL && pep_xml_profile_keeps (ex->profile, placement)
          && !suppressed (ex, placement))
        out_leaf (out, "PlacementType", episode->placement_type);
      out_end (out, "Episode");
    }
  out_end (out, "CareEpisodes");
}

static gboolean
write_pupil (Export     *ex,
             Out        *out,
             PepRecord  *child,
             GError    **error)
{
  const char *uuid = pep_record_get_uuid (child);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) spells = NULL;
  Group group = { out, NULL };
  const PepXmlSlot *slots;
  const PepCareEpisode *latest;
  guint n;

  if (!(episodes = pep_store_list_care_episodes (ex->store, pep_record_get_id (child), error))
      || !(spells = pep_store_list_school_history (ex->store, pep_record_get_id (child), error)))
    return FALSE;
  latest = episodes->len > 0 ? g_ptr_array_index (episodes, episodes->len - 1) : NULL;

  start_record (out, "Pupil");
  out_leaf (out, "UUID", pseudo_id (ex, PEP_PSEUDONYM_UUID, uuid));
  slots = pep_xml_layout (PEP_TABLE_CHILD, &n);
  for (guint i = 0; i < n; i++)
    {
      /* Each group's histories close it. */
      if (i > 0 && g_strcmp0 (slots[i].group, slots[i - 1].group) != 0)
        {
          if (g_strcmp0 (slots[i - 1].group, "BasicDetails") == 0)
            write_school_history (ex, out, &group, spells);
          else if (g_strcmp0 (slots[i - 1].group, "LookedAfter") == 0)
            write_care_episodes (ex, out, episodes);
        }
      /* Every pupil is or was looked after: LookedAfter/InCare, as the CTF has it; false
       * once their latest episode has ended. */
      if (g_strcmp0 (slots[i].group, "LookedAfter") == 0 && g_strcmp0 (group.open, "LookedAfter") != 0)
        {
          group_enter (&group, "LookedAfter");
          out_leaf (out, "InCare", latest != NULL && g_date_valid (&latest->left) ? "false" : "true");
        }
      if (!write_field (ex, out, &group, slots[i].group, child, uuid, slots[i].field,
                        slots[i].element, error))
        return FALSE;
      /* Initials with a school and a year group single a child out: not even those. */
      if (slots[i].field == PEP_CHILD_PREFERRED_NAME && ex->profile == PEP_XML_PROFILE_PSEUDONYMISED
          && ex->pseudonyms == NULL)
        {
          g_autofree char *names = g_strdup_printf ("%s %s",
            pep_record_get_text (child, PEP_CHILD_LEGAL_FORENAME) ?: "",
            pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME) ?: "");
          g_autofree char *initials = pep_xml_initials (names);

          out_leaf (out, "Initials", initials);
        }
    }
  group_leave (&group);
  end_record (out, "Pupil");
  return TRUE;
}

/* PEPs ----------------------------------------------------------------------------------- */

/* A review's link to the target it reviews, "UUID#n", written only when that target's PEP
 * is in the same document: a document never points outside itself. */
static gboolean
write_previous_target (Export     *ex,
                       Out        *out,
                       PepRecord  *review,
                       GError    **error)
{
  gint64 target_id = pep_record_get_int (review, PEP_TARGET_REVIEW_PREVIOUS_TARGET, 0);
  g_autofree char *plan_uuid = NULL;
  g_autofree char *text = NULL;
  gint64 plan_id;
  guint index;

  if (ex->exported == NULL || target_id == 0)
    return TRUE;
  if (!pep_store_exchange_target_ref (ex->store, target_id, &plan_id, &index, error))
    return FALSE;
  if (plan_id == 0 || !g_hash_table_contains (ex->exported, &plan_id))
    return TRUE;
  if (!(plan_uuid = pep_store_exchange_plan_uuid (ex->store, plan_id, error)))
    return FALSE;
  text = g_strdup_printf ("%s#%u", pseudo_id (ex, PEP_PSEUDONYM_UUID, plan_uuid), index);
  out_leaf (out, "PreviousTarget", text);
  return TRUE;
}

static gboolean
write_row (Export      *ex,
           Out         *out,
           PepRecord   *row,
           const char  *plan_uuid,
           GError     **error)
{
  PepTable table = pep_record_get_table (row);
  Group none = { out, NULL };
  const PepXmlSlot *slots;
  guint n;

  out_start (out, pep_xml_row_element (table));
  slots = pep_xml_layout (table, &n);
  for (guint i = 0; i < n; i++)
    {
      if (table == PEP_TABLE_TARGET_REVIEW && slots[i].field == PEP_TARGET_REVIEW_PREVIOUS_TARGET)
        {
          if (!write_previous_target (ex, out, row, error))
            return FALSE;
          continue;
        }
      if (!write_field (ex, out, &none, NULL, row, plan_uuid, slots[i].field, slots[i].element, error))
        return FALSE;
    }
  out_end (out, pep_xml_row_element (table));
  return TRUE;
}

static gboolean
write_audit_summary (Export     *ex,
                     Out        *out,
                     PepPlan    *plan,
                     GError    **error)
{
  g_autoptr(GPtrArray) history = NULL;
  gboolean opened = FALSE;

  /* Who changed what and when: left out of a pseudonymised document. */
  if (ex->exported == NULL || ex->pseudonyms != NULL)
    return TRUE;
  if (!(history = pep_store_exchange_history (ex->store, pep_plan_get_id (plan), error)))
    return FALSE;

  for (guint i = 0; i < history->len; i++)
    {
      PepAuditEntry *entry = g_ptr_array_index (history, i);
      const PepFieldInfo *info = entry->field
        ? pep_table_lookup_field (PEP_TABLE_PLAN, entry->field) : NULL;
      g_autofree char *who = NULL;

      if (info != NULL && !pep_xml_profile_keeps (ex->profile, info))
        continue;
      if (!pep_xml_text_is_safe (entry->at) || !pep_xml_text_is_safe (entry->who)
          || !pep_xml_text_is_safe (entry->role) || !pep_xml_text_is_safe (entry->action)
          || (entry->field && !pep_xml_text_is_safe (entry->field)))
        continue;
      who = ex->profile == PEP_XML_PROFILE_PSEUDONYMISED ? pep_xml_initials (entry->who)
                                                         : g_strdup (entry->who);
      if (!opened)
        out_start (out, "AuditSummary");
      opened = TRUE;
      out_start (out, "Change");
      out_attribute (out, "at", entry->at);
      out_attribute (out, "who", who);
      out_attribute (out, "role", entry->role);
      out_attribute (out, "action", entry->action);
      out_attribute (out, "field", entry->field);
      out_end (out, "Change");
    }
  if (opened)
    out_end (out, "AuditSummary");
  return TRUE;
}

/* Writes one PEP; returns its digest, or NULL with @error set. */
/* A PEP whose signatures fail here (pep-signoff.h: changed after sign-off, signed off
 * without a signature…) travels only with that mark, found as it is written, never from an
 * older check: the receiving copy takes it as what it is and counts it as authorised in no
 * figure. Written to the document only: like AuditSummary it is outside the digest, which is
 * the PEP's content whatever either copy's check found (docs/xml-format.md). */
static gboolean
write_seal (Export      *ex,
            Out         *out,
            PepPlan     *plan,
            const char  *child_uuid,
            const char  *amends_uuid,
            GError     **error)
{
  PepSeal seal = PEP_SEAL_OK;

  if (out->writer == NULL)
    return TRUE;
  if (!pep_signoff_check_plan_given (ex->store, plan, child_uuid, amends_uuid, NULL, ex->batch,
                                     &ex->officers, &seal, NULL, error))
    return FALSE;
  if (seal != PEP_SEAL_OK)
    out_leaf (out, "ChangedAfterSignOff", pep_seal_to_nick (seal));
  return TRUE;
}

/* The digest a sign-off signs, from the PEP's canonical form just ended less the spans it
 * does not sign: what pep_xml_plan_signed_digest() gives, without writing the PEP again. */
static char *
signed_digest (Out *out)
{
  const char *text = out->record.text->str;
  PepSha256 sum;
  gsize at = 0;

  pep_sha256_init (&sum);
  for (guint i = 0; i + 1 < out->unsigned_spans->len; i += 2)
    {
      gsize from = g_array_index (out->unsigned_spans, gsize, i);

      pep_sha256_update (&sum, text + at, from - at);
      at = g_array_index (out->unsigned_spans, gsize, i + 1);
    }
  pep_sha256_update (&sum, text + at, out->record.text->len - at);
  return pep_sha256_end_hex (&sum);
}

/* write_seal() once the PEP is written (full profile): its ChangedAfterSignOff, if any, goes
 * in at @at, where it would have been written (it is in neither digest). */
static gboolean
write_seal_at (Export   *ex,
               Out      *out,
               PepPlan  *plan,
               gsize     at,
               GError  **error)
{
  PepStatus status = pep_plan_get_status (plan);
  g_autofree char *digest = NULL;
  PepSeal seal = PEP_SEAL_OK;
  g_autoptr(GString) line = NULL;
  Writer w = { NULL, 2, FALSE, FALSE };

  if (status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED)
    digest = signed_digest (out);
  if (!pep_signoff_check_plan_given (ex->store, plan, NULL, NULL, digest, ex->batch,
                                     &ex->officers, &seal, NULL, error))
    return FALSE;
  if (seal == PEP_SEAL_OK)
    return TRUE;
  w.text = line = g_string_new (NULL);
  writer_start (&w, "ChangedAfterSignOff");
  writer_text (&w, pep_seal_to_nick (seal), FALSE);
  writer_end (&w, "ChangedAfterSignOff");
  g_string_insert_len (out->writer->text, at, line->str, line->len);
  return TRUE;
}

static char *
write_plan (Export      *ex,
            Out         *out,
            PepPlan     *plan,
            GError     **error)
{
  PepRecord *content = pep_plan_get_content (plan);
  const char *uuid = pep_plan_get_uuid (plan);
  g_autofree char *child_uuid = NULL;
  g_autofree char *amends_uuid = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *year = NULL;
  g_autofree char *digest = NULL;
  const PepXmlSlot *slots;
  PepTermId term;
  guint n, s;
  Group group = { out, NULL };
  Group sub = { out, NULL };
  gsize mark, seal_at = 0;
  /* The full profile's own canonical form gives the signed digest too (write_seal_at()). */
  gboolean one_pass = out->writer != NULL && out->unsigned_spans != NULL && !ex->signing
                      && ex->pseudonyms == NULL && ex->profile == PEP_XML_PROFILE_FULL;

  if (ex->uuids_given)
    {
      child_uuid = g_strdup (ex->child_uuid);
      amends_uuid = g_strdup (ex->amends_uuid);
    }
  else
    {
      if (!(child_uuid = pep_store_exchange_child_uuid (ex->store, pep_plan_get_child_id (plan), error)))
        return NULL;
      if (pep_plan_get_amends_id (plan) != 0
          && !(amends_uuid = pep_store_exchange_plan_uuid (ex->store, pep_plan_get_amends_id (plan), error)))
        return NULL;
    }

  pep_plan_get_term (plan, &term);
  revision = g_strdup_printf ("%" G_GINT64_FORMAT, pep_plan_get_revision (plan));
  year = g_strdup_printf ("%d", term.year);

  start_record (out, "PEP");
  out_leaf (out, "UUID", pseudo_id (ex, PEP_PSEUDONYM_UUID, uuid));
  out_leaf (out, "PupilUUID", pseudo_id (ex, PEP_PSEUDONYM_UUID, child_uuid));
  mark = out_mark (out);
  if (!ex->signing)
    out_leaf (out, "Revision", revision);
  if (ex->pseudonyms != NULL)
    {
      g_autofree char *term_start = pep_privacy_coarsen (pep_plan_get_updated_at (plan));
      out_leaf (out, "LastChanged", term_start ? term_start : pep_plan_get_updated_at (plan));
    }
  else if (!ex->signing)
    out_leaf (out, "LastChanged", pep_plan_get_updated_at (plan));
  out_unsigned_since (out, mark);
  out_leaf (out, "AcademicYear", year);
  out_leaf (out, "Term", pep_term_to_nick (term.term));
  out_leaf (out, "Kind", pep_kind_to_nick (pep_plan_get_kind (plan)));
  mark = out_mark (out);
  if (!ex->signing)
    out_leaf (out, "Status", pep_status_to_nick (pep_plan_get_status (plan)));
  out_unsigned_since (out, mark);
  if (one_pass)
    seal_at = out->writer->text->len;
  else if (!ex->signing && !write_seal (ex, out, plan, child_uuid, amends_uuid, error))
    return NULL;
  /* A pseudonymised document says that a PEP is an unscheduled review, not why: the reason
   * is free text. */
  if (pep_plan_get_review_reason (plan) != NULL && ex->pseudonyms != NULL)
    out_leaf (out, "ReviewReason", PEP_XML_REASON_LEFT_OUT);
  else if (pep_plan_get_review_reason (plan) != NULL)
    {
      if (!pep_xml_text_is_safe (pep_plan_get_review_reason (plan)))
        {
          refuse_text (PEP_TABLE_PLAN, uuid, "ReviewReason", error);
          return NULL;
        }
      out_leaf (out, "ReviewReason", pep_plan_get_review_reason (plan));
    }
  if (amends_uuid != NULL)
    out_leaf (out, "Amends", pseudo_id (ex, PEP_PSEUDONYM_UUID, amends_uuid));
  /* A school's own PEPs keep their school even when the k-anonymity check left schools out:
   * the sender names it already, and import holds a school to its own school's PEPs. */
  if (pep_plan_get_school_urn (plan) != 0
      && (!suppressed (ex, pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_SCHOOL_URN))
          || pep_plan_get_school_urn (plan) == ex->sender_urn))
    {
      g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT, pep_plan_get_school_urn (plan));
      out_leaf (out, "SchoolURN", pseudo_id (ex, PEP_PSEUDONYM_URN, urn));
    }

  /* One element per section: its fields, then its rows. */
  slots = pep_xml_layout (PEP_TABLE_PLAN, &n);
  s = 0;
  for (PepSection section = 0; section < PEP_N_SECTIONS; section++)
    {
      const char *group_name = pep_xml_section_element (section);

      for (; s < n && slots[s].group == group_name; s++)
        {
          const char *subgroup = pep_xml_subgroup (PEP_TABLE_PLAN, slots[s].field);
          g_autofree char *made = NULL;
          const char *text = field_text (ex, content, slots[s].field, &made);

          if (text == NULL)
            continue;
          if (!pep_xml_text_is_safe (text))
            {
              refuse_text (PEP_TABLE_PLAN, uuid, slots[s].element, error);
              return NULL;
            }
          group_enter (&group, group_name);
          group_enter (&sub, subgroup);
          group.has_signed = sub.has_signed = TRUE;
          out_leaf (out, slots[s].element, text);
        }
      group_leave (&sub);

      for (PepTable t = 0; t < PEP_N_TABLES; t++)
        {
          GPtrArray *rows;

          if (!pep_table_is_plan_row (t) || pep_xml_group_of_rows (t) != group_name
              || rows_left_out (ex, t) || (ex->signing && t == PEP_TABLE_SIGNOFF))
            continue;
          rows = pep_plan_get_rows (plan, t);
          for (guint r = 0; r < rows->len; r++)
            {
              group_enter (&group, group_name);
              mark = out_mark (out);
              if (!write_row (ex, out, g_ptr_array_index (rows, r), uuid, error))
                return NULL;
              /* What a sign-off signs leaves the signatures out. */
              if (t == PEP_TABLE_SIGNOFF)
                out_unsigned_since (out, mark);
              else
                group.has_signed = TRUE;
            }
        }
      group_leave (&group);
    }
  g_assert (s == n);

  /* The workflow's steps, dated, after the sections and inside the digest; not in what a
   * sign-off signs, for like the status they move on after it (authorised, superseded). */
  if (!ex->signing && !rows_left_out (ex, PEP_TABLE_EVENT))
    {
      GPtrArray *events = pep_plan_get_rows (plan, PEP_TABLE_EVENT);

      for (guint r = 0; r < events->len; r++)
        {
          group_enter (&group, pep_xml_group_of_rows (PEP_TABLE_EVENT));
          if (!write_row (ex, out, g_ptr_array_index (events, r), uuid, error))
            return NULL;
        }
      group_leave (&group);   /* has_signed is FALSE: all of it is left out of the signed form */
    }

  /* Written where the digest leaves it out, as it does Digest. */
  if (!write_audit_summary (ex, out, plan, error))
    return NULL;
  digest = digest_record (out, "PEP");
  if (one_pass && !write_seal_at (ex, out, plan, seal_at, error))
    return NULL;
  out_leaf (out, "Digest", digest);
  out_end (out, "PEP");
  return g_steal_pointer (&digest);
}

/* The digest a full export would give @plan now: what import compares with the file's. */
char *
pep_xml_plan_digest (PepStore  *store,
                     PepPlan   *plan,
                     GError   **error)
{
  Export ex = { .store = store, .profile = PEP_XML_PROFILE_FULL };
  Out out = { NULL };
  char *digest = write_plan (&ex, &out, plan, error);

  pep_xml_canon_clear (&out.record);
  return digest;
}

/* The digest a sign-off signs (docs/signatures.md): the PEP's canonical form as a full
 * export gives it, less what moves on after the signature — Revision, LastChanged, Status
 * — and less the signatures themselves. Computed from the store, so it needs no document. */
char *
pep_xml_plan_signed_digest (PepStore  *store,
                            PepPlan   *plan,
                            GError   **error)
{
  Export ex = { .store = store, .profile = PEP_XML_PROFILE_FULL, .signing = TRUE };
  Out out = { NULL };
  char *digest = write_plan (&ex, &out, plan, error);

  pep_xml_canon_clear (&out.record);
  return digest;
}

/* The same, of a PEP in memory whose child's UUID and amended PEP's UUID (or NULL) the caller
 * has: nothing is read from the store. Import checks what it has just written this way. */
char *
pep_xml_plan_signed_digest_given (PepPlan     *plan,
                                  const char  *child_uuid,
                                  const char  *amends_uuid)
{
  Export ex = { .profile = PEP_XML_PROFILE_FULL, .signing = TRUE, .uuids_given = TRUE,
                .child_uuid = child_uuid, .amends_uuid = amends_uuid };
  Out out = { NULL };
  char *digest;

  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (child_uuid != NULL, NULL);
  digest = write_plan (&ex, &out, plan, NULL);
  pep_xml_canon_clear (&out.record);
  return digest;
}

/* Selection ------------------------------------------------------------------------------ */

typedef struct
{
  gint64    id;
  gint64    child_id;
  gint64    school_urn;
  PepStatus status;
  PepTermId term;
} Listing;

static gboolean
collect_listing (const PepPlanListing *listing,
                 gpointer              user_data)
{
  Listing l = { listing->id, listing->child_id, listing->school_urn, listing->status, listing->term };

  g_array_append_val ((GArray *) user_data, l);
  return TRUE;
}

static int
compare_id (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Returns: the ids of the PEPs to export, in id order, with every PEP a chosen amendment
 * amends (an amendment travels with what it amends). */
/* A school's copy sends its own school's PEPs only: the Virtual School refuses any other. */
static gboolean
own_school (const PepCopyOwner  *sender,
            const Listing       *listing,
            GError             **error)
{
  if (sender->kind != PEP_COPY_SCHOOL || listing->school_urn == 0
      || listing->school_urn == sender->urn)
    return TRUE;
  g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER,
               _("PEP %" G_GINT64_FORMAT " is at another school (URN %" G_GINT64_FORMAT "): a "
                 "school's copy sends its own school's PEPs only."),
               listing->id, listing->school_urn);
  return FALSE;
}

static GArray *
select_plans (PepStore                   *store,
              const PepXmlExportOptions  *options,
              const PepCopyOwner         *sender,
              GHashTable                 *by_id,
              GArray                     *all,
              GError                    **error)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!pep_store_foreach_plan (store, NULL, collect_listing, all, error))
    return NULL;
  for (guint i = 0; i < all->len; i++)
    g_hash_table_insert (by_id, &g_array_index (all, Listing, i).id, &g_array_index (all, Listing, i));

  if (options->plan_ids != NULL)
    for (guint i = 0; i < options->n_plan_ids; i++)
      {
        if (!g_hash_table_contains (by_id, &options->plan_ids[i]))
          {
            g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                         _("There is no PEP %" G_GINT64_FORMAT " in this file."), options->plan_ids[i]);
            return NULL;
          }
        if (!own_school (sender, g_hash_table_lookup (by_id, &options->plan_ids[i]), error))
          return NULL;
        g_array_append_val (chosen, options->plan_ids[i]);
      }
  else
    for (guint i = 0; i < all->len; i++)
      {
        Listing *l = &g_array_index (all, Listing, i);

        if ((options->has_term && pep_term_compare (&l->term, &options->term) != 0)
            || (options->school_urn != 0 && l->school_urn != options->school_urn)
            || (sender->kind == PEP_COPY_SCHOOL && l->school_urn != 0 && l->school_urn != sender->urn)
            || (!options->all_states && l->status != PEP_STATUS_SIGNED_OFF
                && l->status != PEP_STATUS_SUPERSEDED))
          continue;
        g_array_append_val (chosen, l->id);
      }

  for (guint i = 0; i < chosen->len; i++)
    {
      gint64 id = g_array_index (chosen, gint64, i);
      gint64 amends;

      /* The array grows below: the set keeps copies, not pointers into it. */
      if (g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      if ((amends = pep_store_exchange_plan_amends (store, id, error)) < 0)
        return NULL;
      if (amends != 0)
        g_array_append_val (chosen, amends);
    }

  /* Sorted and once each: the document's order is the file's order. */
  g_array_sort (chosen, compare_id);
  for (guint i = 1; i < chosen->len;)
    if (g_array_index (chosen, gint64, i) == g_array_index (chosen, gint64, i - 1))
      g_array_remove_index (chosen, i);
    else
      i++;
  return g_steal_pointer (&chosen);
}

/* The document ---------------------------------------------------------------------------- */

typedef struct
{
  gint64  plan_id;
  char   *digest;
} Sent;

static void
sent_clear (gpointer data)
{
  g_free (((Sent *) data)->digest);
}

static void
write_header (Export                     *ex,
              Out                        *out,
              const PepXmlExportOptions  *options,
              const PepCopyOwner         *sender,
              PepRecord                  *source_school,
              int                         academic_year)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (options->time);
  g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  out_start (out, "Header");
  out_leaf (out, "DocumentName", PEP_XML_DOCUMENT_NAME);
  out_leaf (out, "PEPversion", PEP_XML_VERSION);
  out_leaf (out, "DateTime", when);
  out_leaf (out, "SupplierID", "PEP Studio " PACKAGE_VERSION);
  out_leaf (out, "ProtectiveMarking", PEP_XML_MARKING);
  out_leaf (out, "Profile", pep_xml_profile_to_nick (options->profile));
  out_start (out, "Sender");
  if (sender->kind == PEP_COPY_SCHOOL)
    {
      g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT, sender->urn);

      /* A pseudonymised document names its school as its PEPs do: by this export's pseudonym. */
      out_start (out, "School");
      out_leaf (out, "URN", pseudo_id (ex, PEP_PSEUDONYM_URN, urn));
      out_end (out, "School");
    }
  else
    {
      g_autofree char *lea = g_strdup_printf ("%u", sender->la_code);

      out_start (out, "Authority");
      out_leaf (out, "LEA", lea);
      if (pep_xml_text_is_safe (sender->name))
        out_leaf (out, "AuthorityName", sender->name);
      out_end (out, "Authority");
    }
  out_end (out, "Sender");
  if (source_school != NULL)
    {
      g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              pep_record_get_int (source_school, PEP_SCHOOL_URN, 0));

      out_start (out, "SourceSchool");
      if (pep_record_has (source_school, PEP_SCHOOL_LA_CODE))
        {
          g_autofree char *lea = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  pep_record_get_int (source_school, PEP_SCHOOL_LA_CODE, 0));
          out_leaf (out, "LEA", lea);
        }
      if (pep_record_has (source_school, PEP_SCHOOL_ESTAB))
        {
          g_autofree char *estab = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    pep_record_get_int (source_school, PEP_SCHOOL_ESTAB, 0));
          out_leaf (out, "Estab", estab);
        }
      out_leaf (out, "URN", urn);
      if (pep_record_get_text (source_school, PEP_SCHOOL_NAME) != NULL
          && pep_xml_text_is_safe (pep_record_get_text (source_school, PEP_SCHOOL_NAME)))
        out_leaf (out, "SchoolName", pep_record_get_text (source_school, PEP_SCHOOL_NAME));
      if (academic_year > 0)
        {
          g_autofree char *year = g_strdup_printf ("%d", academic_year);
          out_leaf (out, "AcademicYear", year);
        }
      out_end (out, "SourceSchool");
    }
  out_end (out, "Header");
}

/* Every export says who sent it: a file has its owner before its first export. */
static PepCopyOwner *
export_sender (PepStore  *store,
               GError   **error)
{
  g_autoptr(PepCopyOwner) sender = pep_store_get_owner (store, error);

  if (sender != NULL && sender->kind == PEP_COPY_UNOWNED)
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NO_OWNER,
                   _("This file has no owner yet, so an export could not say who sent it. "
                     "Say whose copy it is first: a school's (its URN) or a Virtual "
                     "School's (the authority's LA code and name)."));
      return NULL;
    }
  return g_steal_pointer (&sender);
}

/* A Virtual School's full export carries its authority's profile, as the authority keeps it
 * (signature included), as its own document in no namespace (docs/authority-profile.md). */
static gboolean
write_authority_rules (Out                  *out,
                       PepStore             *store,
                       GError              **error)
{
  g_autoptr(GPtrArray) profiles = pep_store_list_authorities (store, error);
  g_autofree char *document = NULL;
  const char *body;

  if (profiles == NULL)
    return FALSE;
  document = pep_authority_to_xml (g_ptr_array_index (profiles, 0), TRUE);
  /* Without its declaration, and out of the exchange's default namespace. */
  body = strstr (document, "<AuthorityProfile ");
  g_assert (body != NULL);
  body += strlen ("<AuthorityProfile ");
  out_start (out, "AuthorityRules");
  writer_text (out->writer, "<AuthorityProfile xmlns=\"\" ", TRUE);
  writer_text (out->writer, body, TRUE);
  out_end (out, "AuthorityRules");
  return TRUE;
}

/* The check reads in pieces this size or more (pep-xml.c): handing it less is no use. */
#define HAND_OVER (64 * 1024)

/* PEPs loaded at once (pep_store_load_plans()), their signatures handed to the verifying
 * thread a window ahead (pep_signoff_batch_plans()). */
#define WINDOW 128

/* What is written goes to the check once there is a piece of it, or at the @end. */
static void
hand_to_check (PepXmlStreamCheck *check,
               Writer            *writer,
               gboolean           end)
{
  if (writer->text->len < HAND_OVER && !end)
    return;
  pep_xml_stream_check_write (check, writer->text->str, (int) writer->text->len);
  g_string_truncate (writer->text, 0);
}

/* The pupils of @child_ids (the chosen PEPs'), each once, in id order. */
static gboolean
load_children (PepStore   *store,
               GArray     *child_ids,
               GPtrArray  *children,
               GError    **error)
{
  g_array_sort (child_ids, compare_id);
  for (guint i = 0; i < child_ids->len; i++)
    {
      PepRecord *child;

      if (i > 0 && g_array_index (child_ids, gint64, i) == g_array_index (child_ids, gint64, i - 1))
        continue;
      if (!(child = pep_store_load_child (store, g_array_index (child_ids, gint64, i), error)))
        return FALSE;
      g_ptr_array_add (children, child);
    }
  return TRUE;
}

static GBytes *
export_document (PepStore                   *store,
                 const PepXmlExportOptions  *options,
                 GArray                     *sent,
                 GError                    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Listing));
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GHashTable) exported = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) schools = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) child_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) urns = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PepRecord) source_school = NULL;
  g_autoptr(PepCopyOwner) sender = NULL;
  gint64 one_school = -1;
  int one_year = -1;
  PepXmlStreamCheck *check = NULL;
  g_autoptr(GString) text = g_string_sized_new (HAND_OVER * 2);
  g_autoptr(GArray) unsigned_spans = g_array_new (FALSE, FALSE, sizeof (gsize));
  Writer writer = { text };
  Export ex = { .store = store, .options = options, .profile = options->profile,
                .exported = exported };
  g_autoptr(PepPseudonyms) pseudonyms = NULL;
  g_autoptr(PepSignatureBatch) batch = NULL;
  g_autoptr(GPtrArray) window = g_ptr_array_new_with_free_func (g_object_unref);
  Out out = { NULL };
  GBytes *bytes = NULL;

  if (!(sender = export_sender (store, error))
      || !(chosen = select_plans (store, options, sender, by_id, all, error)))
    return NULL;
  ex.sender_urn = sender->kind == PEP_COPY_SCHOOL ? sender->urn : 0;

  for (guint i = 0; i < chosen->len; i++)
    {
      Listing *l = g_hash_table_lookup (by_id, &g_array_index (chosen, gint64, i));

      g_hash_table_add (exported, &l->id);
      g_array_append_val (child_ids, l->child_id);
      if (l->school_urn != 0)
        g_array_append_val (urns, l->school_urn);
      one_school = (one_school == -1 || one_school == l->school_urn) ? l->school_urn : 0;
      one_year = (one_year == -1 || one_year == l->term.year) ? l->term.year : 0;
    }
  if (!load_children (store, child_ids, children, error))
    return NULL;
  for (guint i = 0; i < children->len; i++)
    {
      PepRecord *child = g_ptr_array_index (children, i);

      if (pep_record_has (child, PEP_CHILD_SCHOOL_URN))
        {
          gint64 urn = pep_record_get_int (child, PEP_CHILD_SCHOOL_URN, 0);
          g_array_append_val (urns, urn);
        }
      /* And the schools they attended before, so that a PEP counts under its school's name. */
      {
        g_autoptr(GPtrArray) spells = pep_store_list_school_history (store, pep_record_get_id (child), error);

        if (spells == NULL)
          return NULL;
        for (guint s = 0; s < spells->len; s++)
          g_array_append_val (urns, ((PepSchoolSpell *) g_ptr_array_index (spells, s))->school_urn);
      }
    }
  g_array_sort (urns, compare_id);
  for (guint i = 0; i < urns->len; i++)
    {
      PepRecord *school;

      if (i > 0 && g_array_index (urns, gint64, i) == g_array_index (urns, gint64, i - 1))
        continue;
      /* A PEP may name a school this file does not describe; the document then does not
       * either, and the PEP keeps its SchoolURN. */
      if ((school = pep_store_load_school (store, g_array_index (urns, gint64, i), NULL)) != NULL)
        g_ptr_array_add (schools, school);
    }
  if (options->profile == PEP_XML_PROFILE_PSEUDONYMISED)
    {
      ex.pseudonyms = pseudonyms = pep_pseudonyms_new ();
      if (!reach_k_anonymity (&ex, options, children, error))
        return NULL;
      /* The source school is the school. */
      one_school = 0;
      g_ptr_array_set_size (schools, suppressed (&ex, pep_table_get_field (PEP_TABLE_SCHOOL, 0)) ? 0 : schools->len);
    }
  if (one_school > 0)
    source_school = pep_store_load_school (store, one_school, NULL);

  /* The first PEPs' signatures are verified by a thread from now, while the schools and
   * pupils are written. */
  ex.batch = batch = pep_signature_batch_new ();
  if (!pep_signoff_batch_plans (batch, store, (const gint64 *) (gpointer) chosen->data,
                                MIN (WINDOW, chosen->len), error))
    return NULL;

  /* What we write must be what we publish: read back as import reads it and held to the
   * schema as it is written, by a thread beside this one (pep_xml_stream_check_begin()). */
  if (!(check = pep_xml_stream_check_begin (error)))
    goto out;
  out.writer = &writer;
  out.unsigned_spans = unsigned_spans;
  g_string_append (writer.text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  writer_start (&writer, "PEPExchange");
  writer_attribute (&writer, "xmlns", PEP_XML_NAMESPACE);
  write_header (&ex, &out, options, sender, source_school, one_year > 0 ? one_year : 0);
  /* Only the exchange between copies (the full profile) carries the rules: a carer's copy
   * has no use for them, and the officers list inside names people, which a pseudonymised
   * document must not. */
  if (sender->kind == PEP_COPY_AUTHORITY && options->profile == PEP_XML_PROFILE_FULL
      && !write_authority_rules (&out, store, error))
    goto out;

  for (guint i = 0; i < schools->len; i++)
    {
      if (!write_school (&ex, &out, g_ptr_array_index (schools, i), error))
        goto out;
      hand_to_check (check, &writer, FALSE);
    }
  for (guint i = 0; i < children->len; i++)
    {
      if (!write_pupil (&ex, &out, g_ptr_array_index (children, i), error))
        goto out;
      hand_to_check (check, &writer, FALSE);
    }
  for (guint i = 0; i < chosen->len; i++)
    {
      PepPlan *plan;
      Sent s;

      /* A window of PEPs is loaded at once (one query per table), and the signatures of the
       * next window go to the verifying thread: write_seal() finds their verdicts ready, and
       * no more than two windows' signatures wait in memory. */
      if (i % WINDOW == 0)
        {
          g_ptr_array_set_size (window, 0);
          if (i + WINDOW < chosen->len
              && !pep_signoff_batch_plans (batch, store, &g_array_index (chosen, gint64, i + WINDOW),
                                           MIN (WINDOW, chosen->len - i - WINDOW), error))
            goto out;
          if (!pep_store_load_plans (store, &g_array_index (chosen, gint64, i),
                                     MIN (WINDOW, chosen->len - i), window, error))
            goto out;
        }
      plan = g_ptr_array_index (window, i % WINDOW);
      if (!(s.digest = write_plan (&ex, &out, plan, error)))
        goto out;
      s.plan_id = pep_plan_get_id (plan);
      g_array_append_val (sent, s);
      /* A PEP goes to the check whole: write_seal_at() may add to it up to its end. */
      hand_to_check (check, &writer, FALSE);
    }
  writer_end (&writer, "PEPExchange");
  hand_to_check (check, &writer, TRUE);

  /* Every byte is with the check: its verdict. */
  if (!(bytes = pep_xml_stream_check_end (g_steal_pointer (&check), error)))
    g_prefix_error (error, _("The export did not pass its own schema, so nothing was written: "));

out:
  pep_xml_canon_clear (&out.record);
  g_clear_object (&ex.officers);
  pep_xml_stream_check_free (check);
  return bytes;
}

/* The document from one reading of the file: its PEPs as they were at one moment, and
 * no transaction per query (a tenth of the writing, before). */
static GBytes *
export_document_read (PepStore                   *store,
                      const PepXmlExportOptions  *options,
                      GArray                     *sent,
                      GError                    **error)
{
  GBytes *bytes;

  if (!pep_store_begin_read (store, error))
    return NULL;
  bytes = export_document (store, options, sent, error);
  pep_store_end_read (store);
  return bytes;
}

void
pep_xml_export_options_init (PepXmlExportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->profile = PEP_XML_PROFILE_FULL;
}

static gboolean
record_sync (PepStore  *store,
             GArray    *sent,
             GError   **error)
{
  gboolean ok = pep_store_begin (store, error);

  for (guint i = 0; ok && i < sent->len; i++)
    ok = pep_store_exchange_set_sync (store, g_array_index (sent, Sent, i).plan_id,
                                      g_array_index (sent, Sent, i).digest, error);
  if (ok)
    ok = pep_store_commit (store, error);
  else
    pep_store_rollback (store);
  return ok;
}

/**
 * pep_xml_export_to_bytes:
 * @n_exported: (out) (optional): how many PEPs the document holds
 *
 * Returns: the document, validated against the schema; nothing is recorded in @store
 */
GBytes *
pep_xml_export_to_bytes (PepStore                   *store,
                         const PepXmlExportOptions  *options,
                         guint                      *n_exported,
                         GError                    **error)
{
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  GBytes *bytes;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL && options->time != NULL, NULL);
  g_return_val_if_fail (options->profile < PEP_XML_N_PROFILES, NULL);

  g_array_set_clear_func (sent, sent_clear);
  bytes = export_document_read (store, options, sent, error);
  if (bytes != NULL && n_exported != NULL)
    *n_exported = sent->len;
  return bytes;
}

/**
 * pep_xml_export:
 * @path: the file to write; replaced atomically, mode 0600
 *
 * Exports as pep_xml_export_to_bytes() does and writes the document to @path. With
 * @options->record_sync and the full profile, each PEP's digest is then recorded as the
 * version last exchanged (the base of import's conflict rule).
 */
/**
 * pep_xml_export_count:
 *
 * How many PEPs an export with @options would write, by the same choice of PEPs (an
 * amendment brings what it amends) but without writing any: what a dialog shows before
 * exporting. It refuses what the export refuses before writing: no owner, another school's
 * PEP, and a pseudonymised document whose pupils would not each share what remains about
 * them with k − 1 others (the same check on the same pupils, @options->k_reached set).
 *
 * Returns: %TRUE with @n_plans set, or %FALSE with @error set.
 */
gboolean
pep_xml_export_count (PepStore                   *store,
                      const PepXmlExportOptions  *options,
                      guint                      *n_plans,
                      GError                    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Listing));
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(PepCopyOwner) sender = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && n_plans != NULL, FALSE);

  if (!(sender = export_sender (store, error))
      || !(chosen = select_plans (store, options, sender, by_id, all, error)))
    return FALSE;
  /* The k-anonymity check needs the pupils only, not their PEPs written. */
  if (options->profile == PEP_XML_PROFILE_PSEUDONYMISED)
    {
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) child_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(PepPseudonyms) pseudonyms = pep_pseudonyms_new ();
      Export ex = { .store = store, .options = options, .profile = options->profile,
                    .pseudonyms = pseudonyms };

      for (guint i = 0; i < chosen->len; i++)
        {
          Listing *l = g_hash_table_lookup (by_id, &g_array_index (chosen, gint64, i));

          g_array_append_val (child_ids, l->child_id);
        }
      if (!load_children (store, child_ids, children, error)
          || !reach_k_anonymity (&ex, options, children, error))
        return FALSE;
    }
  *n_plans = chosen->len;
  return TRUE;
}

gboolean
pep_xml_export (PepStore                   *store,
                const PepXmlExportOptions  *options,
                const char                 *path,
                guint                      *n_exported,
                GError                    **error)
{
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->time != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_array_set_clear_func (sent, sent_clear);
  if (!(bytes = export_document_read (store, options, sent, error)))
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, PEP_XML_ERROR, PEP_XML_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  if (options->record_sync && options->profile == PEP_XML_PROFILE_FULL
      && !record_sync (store, sent, error))
    return FALSE;
  if (n_exported != NULL)
    *n_exported = sent->len;
  return TRUE;
}
