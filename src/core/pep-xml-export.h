/* pep-xml-export.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PEPs out of a PepStore into one PEP exchange document (docs/xml-format.md), validated
 * against the schema before it is written, written atomically and readable by its owner
 * only. The same data, options and time give the same bytes.
 */

#pragma once

#include "pep-store.h"
#include "pep-xml.h"

G_BEGIN_DECLS

#define PEP_XML_DEFAULT_K 5

typedef struct
{
  PepXmlProfile  profile;
  gboolean       has_term;     /* only PEPs of @term */
  PepTermId      term;
  gint64         school_urn;   /* only PEPs at this school; 0 for any */
  gboolean       all_states;   /* FALSE: only signed-off PEPs (and those their amendments superseded) */
  const gint64  *plan_ids;     /* when set: exactly these PEPs, in any state; the filters above are not used */
  guint          n_plan_ids;
  GDateTime     *time;         /* Header/DateTime; required, so that nothing depends on the clock */
  gboolean       record_sync;  /* full profile: remember each PEP's digest as last exchanged */
  guint          k_anonymity;  /* pseudonymised: each pupil like k − 1 others at least; 0 for PEP_XML_DEFAULT_K */
  guint         *k_reached;    /* (out) (optional): the k a pseudonymised document reached */
} PepXmlExportOptions;

void      pep_xml_export_options_init  (PepXmlExportOptions        *options);
GBytes   *pep_xml_export_to_bytes      (PepStore                   *store,
                                        const PepXmlExportOptions  *options,
                                        guint                      *n_exported,
                                        GError                    **error);
gboolean  pep_xml_export_count         (PepStore                   *store,
                                        const PepXmlExportOptions  *options,
                                        guint                      *n_plans,
                                        GError                    **error);
gboolean  pep_xml_export               (PepStore                   *store,
                                        const PepXmlExportOptions  *options,
                                        const char                 *path,
                                        guint                      *n_exported,
                                        GError                    **error);

G_END_DECLS
