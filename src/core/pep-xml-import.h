/* pep-xml-import.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP exchange document into a PepStore: checked (safe parsing, the schema, every
 * digest, every field's rules) before anything is written, then applied in one
 * transaction — all of it or none. docs/xml-format.md, "Import", gives the rules.
 */

#pragma once

#include "pep-authority.h"
#include "pep-store.h"
#include "pep-store-authority.h"
#include "pep-xml.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_XML_OUTCOME_NEW,        /* not in this file before: added */
  PEP_XML_OUTCOME_UPDATED,    /* a newer revision: this file's copy replaced */
  PEP_XML_OUTCOME_UNCHANGED,  /* the same on both sides */
  PEP_XML_OUTCOME_OLDER,      /* this file's copy is newer: the document's ignored */
  PEP_XML_OUTCOME_CONFLICT,   /* changed on both sides, or locked here: nothing done */
  PEP_XML_N_OUTCOMES
} PepXmlOutcome;

typedef enum
{
  PEP_XML_IMPORT_DEFAULT = 0,
  PEP_XML_IMPORT_DRY_RUN = 1 << 0,   /* work it all out, then change nothing */
  PEP_XML_IMPORT_ACCEPT_IDENTITY = 1 << 1,  /* apply changes to a child's identity (confirmed) */
} PepXmlImportFlags;

/* A change to who a child is (their names, date of birth, UPN …), which a person confirms. */
typedef struct
{
  char *path;       /* the element, like /PEPExchange/Pupil[2]/Surname */
  char *uuid;       /* the child's */
  char *field;      /* the field's label */
  char *old_value;  /* as this copy has it, or NULL */
  char *new_value;  /* as the document has it, or NULL */
} PepXmlIdentityChange;

typedef struct
{
  char          *uuid;
  char          *path;      /* where the PEP is in the document, like /PEPExchange/PEP[3] */
  PepXmlOutcome  outcome;
  char          *detail;    /* why, for older and conflicting PEPs; NULL otherwise */
  gint64         plan_id;   /* the PEP's id in this file, 0 when there is none */
} PepXmlImportItem;

/* A signing key this copy has not pinned, met on import (a school's designated teacher's, in
 * the Virtual School's copy): pinned only once a person confirms its fingerprint. */
typedef struct
{
  char     *path;         /* the first signature made with it, like /PEPExchange/PEP[3]/Signoff */
  char     *subject;      /* whose: "school URN" */
  char     *name;
  char     *role;         /* "designated-teacher" */
  char     *public_key;
  char     *fingerprint;  /* as read out: eight groups of four */
  char     *replaces;     /* the fingerprint of the key pinned for this person before, or NULL */
  gboolean  pinned;       /* confirmed (accepted) and pinned by this import */
} PepXmlKeyChange;

typedef struct
{
  gboolean   dry_run;
  guint      counts[PEP_XML_N_OUTCOMES];
  guint      n_schools_new;
  guint      n_children_new;
  guint      n_children_updated;
  GPtrArray *items;         /* (element-type PepXmlImportItem): one per PEP, in document order */
  char      *sender;        /* whose copy sent it: "school URN" or "authority CODE" */
  GPtrArray *identity_changes;  /* (element-type PepXmlIdentityChange) */
  gboolean   identity_applied;  /* whether they were applied (confirmed) */
  char      *authority;         /* the LA code of the sending authority's profile, or NULL */
  PepAuthorityTaken authority_taken;  /* what became of it (a newer one replaces an older) */
  GPtrArray *new_keys;      /* (element-type PepXmlKeyChange): keys not pinned before */
} PepXmlImportReport;

const char          *pep_xml_outcome_to_nick      (PepXmlOutcome        outcome);
void                 pep_xml_import_report_free   (PepXmlImportReport  *report);

PepXmlImportReport  *pep_xml_import               (PepStore            *store,
                                                   const char          *data,
                                                   gsize                length,
                                                   PepXmlImportFlags    flags,
                                                   GError             **error);
PepXmlImportReport  *pep_xml_import_file          (PepStore            *store,
                                                   const char          *path,
                                                   PepXmlImportFlags    flags,
                                                   GError             **error);
PepXmlImportReport  *pep_xml_import_verified      (PepStore            *store,
                                                   const char          *data,
                                                   gsize                length,
                                                   PepXmlImportFlags    flags,
                                                   PepAuthorityVerifyFunc verify,
                                                   gpointer             verify_data,
                                                   GError             **error);
PepXmlImportReport  *pep_xml_import_file_verified (PepStore            *store,
                                                   const char          *path,
                                                   PepXmlImportFlags    flags,
                                                   PepAuthorityVerifyFunc verify,
                                                   gpointer             verify_data,
                                                   GError             **error);
PepXmlImportReport  *pep_xml_import_full          (PepStore            *store,
                                                   const char          *data,
                                                   gsize                length,
                                                   PepXmlImportFlags    flags,
                                                   PepAuthorityVerifyFunc verify,
                                                   gpointer             verify_data,
                                                   const char * const  *accepted_keys,
                                                   GError             **error);
PepXmlImportReport  *pep_xml_import_file_full     (PepStore            *store,
                                                   const char          *path,
                                                   PepXmlImportFlags    flags,
                                                   PepAuthorityVerifyFunc verify,
                                                   gpointer             verify_data,
                                                   const char * const  *accepted_keys,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepXmlImportReport, pep_xml_import_report_free)

G_END_DECLS
