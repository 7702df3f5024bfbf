/* pep-xml-private.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the exporter and the importer share: where each registry field goes in the
 * document, the element names, the text form of values, the canonical form behind the
 * digests, the safe parser and the schema. Not for the app or the CLI.
 */

#pragma once

#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "pep-record-private.h"
#include "pep-store.h"
#include "pep-validator.h"
#include "pep-xml.h"

G_BEGIN_DECLS

#define PEP_XML_SCHEMA_RESOURCE \
  "/io/github/pepstudio/PepStudio/core/data/schema/pep-exchange.xsd"
#define PEP_XML_DOCUMENT_NAME   "Personal Education Plan exchange"
#define PEP_XML_MARKING         "OFFICIAL-SENSITIVE-Personal"
/* Audit entries with this field record an import; they are not part of the PEP's history. */
#define PEP_XML_IMPORT_MARK     "xml-import"
/* An unscheduled review's reason in a pseudonymised document: that there was one, not why. */
#define PEP_XML_REASON_LEFT_OUT "(left out: pseudonymised)"

/* One registry field's place: the element between the record and the field (a section,
 * BasicDetails, LookedAfter…), or NULL when the field is a child of the record itself. */
typedef struct
{
  guint        field;
  const char  *group;
  const char  *element;
} PepXmlSlot;

const PepXmlSlot *pep_xml_layout            (PepTable        table,
                                             guint          *n_slots);
const char       *pep_xml_section_element   (PepSection      section);
const char       *pep_xml_group_of_rows     (PepTable        table);
const char       *pep_xml_row_element       (PepTable        table);
const char       *pep_xml_subgroup          (PepTable        table,
                                             guint           field);
char             *pep_xml_element_name      (const char     *registry_name);
char             *pep_xml_field_path        (PepTable        table,
                                             guint           field,
                                             int             row);

gboolean          pep_xml_profile_keeps     (PepXmlProfile       profile,
                                             const PepFieldInfo *info);
gboolean          pep_xml_is_person_name    (PepTable            table,
                                             guint               field);
char             *pep_xml_initials          (const char         *name);

char             *pep_xml_format_value      (const PepFieldInfo *info,
                                             GVariant           *value);
char             *pep_xml_format_native     (const PepFieldValue *value);
gboolean          pep_xml_parse_native      (const PepFieldInfo *info,
                                             char               *text,
                                             PepFieldValue      *out,
                                             GError            **error);
gboolean          pep_xml_text_is_safe      (const char         *text);

/* A record's canonical form as it is written, element by element (pep-xml.c): what it
 * leaves out it knows itself. */
typedef struct
{
  GString *text;
  guint    depth;         /* of the element open: 1 the record's own */
  guint    left_out_at;   /* the depth of an element left out, while it is open; or 0 */
} PepXmlCanon;

void              pep_xml_canon_init        (PepXmlCanon        *canon);
void              pep_xml_canon_clear       (PepXmlCanon        *canon);
void              pep_xml_canon_start       (PepXmlCanon        *canon,
                                             const char         *name);
void              pep_xml_canon_text        (PepXmlCanon        *canon,
                                             const char         *text);
void              pep_xml_canon_end         (PepXmlCanon        *canon,
                                             const char         *name);
char             *pep_xml_canon_digest      (PepXmlCanon        *canon);
void              pep_xml_canon_escape      (GString            *out,
                                             const char         *text);
char             *pep_xml_node_canonical_digest (xmlNode        *record);
char             *pep_xml_node_path         (xmlNode            *node);
char             *pep_xml_node_text         (xmlNode            *node);
xmlNode          *pep_xml_first_element     (xmlNode            *node);
xmlNode          *pep_xml_next_element      (xmlNode            *node);

xmlDoc           *pep_xml_parse_strict      (const char         *data,
                                             gsize               length,
                                             GError            **error);

/* A child of the root element, whole; its path is "/PEPExchange/PEP[3]" and the like. */
typedef gboolean (*PepXmlRecordFunc)        (xmlNode            *record,
                                             const char         *path,
                                             gpointer            user_data,
                                             GError            **error);

gboolean          pep_xml_check_stream      (const char         *data,
                                             gsize               length,
                                             PepXmlRecordFunc    func,
                                             gpointer            user_data,
                                             GError            **error);

/* The digest of @plan as a full export of @store would give it (pep-xml-export.c). */
xmlNode          *pep_xml_find_site         (xmlNode                 *record,
                                             const PepValidationSite *site);

char             *pep_xml_plan_digest       (PepStore           *store,
                                             PepPlan            *plan,
                                             GError            **error);
/* The digest a sign-off signs: the same, less Revision, LastChanged, Status and Signoff. */
char             *pep_xml_plan_signed_digest (PepStore          *store,
                                              PepPlan           *plan,
                                              GError           **error);
char             *pep_xml_plan_signed_digest_given (PepPlan     *plan,
                                                    const char  *child_uuid,
                                                    const char  *amends_uuid);

/* authority-profile.xsd, compiled once (pep-authority.c): a profile's and an officers
 * list's schema, whose global element Officers a list alone is. */
xmlSchema        *pep_authority_get_schema  (void);

/* g_string_append_len() with no call when @str has room, as GLib 2.76 inlines it: the
 * writer and the canonical form append a few bytes at a time, and GLib 2.74's goes through
 * g_string_insert_len() for each (a twentieth of an export). */
static inline void
pep_xml_append (GString    *str,
                const char *bytes,
                gsize       len)
{
  if (G_LIKELY (str->len + len < str->allocated_len))
    {
      memcpy (str->str + str->len, bytes, len);
      str->len += len;
      str->str[str->len] = '\0';
    }
  else
    g_string_append_len (str, bytes, (gssize) len);
}

/* A document checked as it is written (pep-xml.c), in a thread beside the writer. */
typedef struct _PepXmlStreamCheck PepXmlStreamCheck;

PepXmlStreamCheck *pep_xml_stream_check_begin  (GError            **error);
int                pep_xml_stream_check_write  (void               *context,
                                                const char         *buffer,
                                                int                 len);
GBytes            *pep_xml_stream_check_end    (PepXmlStreamCheck  *check,
                                                GError            **error);
void               pep_xml_stream_check_free   (PepXmlStreamCheck  *check);

G_END_DECLS
