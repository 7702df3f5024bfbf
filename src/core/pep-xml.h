/* pep-xml.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PEP exchange format (docs/xml-format.md): its namespace and version, the export
 * profiles, and the errors that export, import and validation share.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The major version is part of the namespace; a document of another major version is
 * refused. PEP_XML_VERSION is what Header/PEPversion holds. */
#define PEP_XML_NAMESPACE      "urn:pepstudio:exchange:1"
#define PEP_XML_VERSION        "1.0"
#define PEP_XML_MAX_SIZE       (256 * 1024 * 1024)
#define PEP_XML_MAX_DEPTH      32

#define PEP_XML_ERROR (pep_xml_error_quark ())

typedef enum
{
  PEP_XML_ERROR_FAILED,
  PEP_XML_ERROR_UNSAFE,        /* a DTD, an entity, too large or too deep */
  PEP_XML_ERROR_MALFORMED,     /* not well-formed XML */
  PEP_XML_ERROR_NOT_EXCHANGE,  /* well-formed, but not a PEP exchange document */
  PEP_XML_ERROR_VERSION,       /* a version of the format this build does not read */
  PEP_XML_ERROR_INVALID,       /* does not follow the schema or the field rules */
  PEP_XML_ERROR_DIGEST,        /* a record was changed after it was exported */
  PEP_XML_ERROR_PROFILE,       /* a carer or pseudonymised export given to import */
  PEP_XML_ERROR_SIGNATURE,     /* a signed PEP that its signatures do not bear out */
  PEP_XML_ERROR_IO,
  PEP_XML_ERROR_NO_OWNER,      /* exporting a file that does not yet say whose copy it is */
  PEP_XML_ERROR_NOT_OWNER,     /* a change the sending copy does not own (docs/ownership.md) */
  PEP_XML_ERROR_IDENTITY,      /* a child's identity would change, and that was not confirmed */
} PepXmlError;

/* Who a document is for: what it leaves out (docs/xml-format.md, "Profiles"). */
typedef enum
{
  PEP_XML_PROFILE_FULL,
  PEP_XML_PROFILE_CARER,          /* no PEP_FIELD_SENSITIVE field */
  PEP_XML_PROFILE_PSEUDONYMISED,  /* no sensitive or personal field; names as initials */
  PEP_XML_N_PROFILES
} PepXmlProfile;

GQuark       pep_xml_error_quark        (void);
const char  *pep_xml_profile_to_nick    (PepXmlProfile   profile);
gboolean     pep_xml_profile_from_nick  (const char     *nick,
                                         PepXmlProfile  *profile);

gboolean     pep_xml_validate           (const char     *data,
                                         gsize           length,
                                         GError        **error);
gboolean     pep_xml_validate_file      (const char     *path,
                                         GError        **error);

G_END_DECLS
