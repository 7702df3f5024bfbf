/* pep-officers.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list's signature is over a short text (pep_officers_message()), as a sign-off's is, so
 * that an authority's own systems can check it with a standard tool; the XML carries the
 * same fields and is written compactly, so that it reads back to the same bytes inside a
 * profile whose own signature covers it.
 */

#define G_LOG_DOMAIN "pep-officers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "pep-authority.h"
#include "pep-field.h"
#include "pep-officers.h"
#include "pep-store-private.h"
#include "pep-xml-private.h"
#include "pep-workflow.h"

struct _PepOfficers
{
  GObject    parent_instance;

  char      *la_code;
  char      *authority;
  char      *key;          /* the authority's public key, base64 */
  gboolean   key_demo;
  char      *issued_at;
  char      *signature;
  GPtrArray *officers;     /* of PepOfficer */
};

G_DEFINE_FINAL_TYPE (PepOfficers, pep_officers, G_TYPE_OBJECT)
G_DEFINE_QUARK (pep-officers-error-quark, pep_officers_error)

static const char * const officer_roles[] = {
  "qa-officer", "advisor", "headteacher", "administrator", NULL
};

static void
officer_free (PepOfficer *officer)
{
  g_free (officer->name);
  g_free (officer->role);
  g_free (officer->public_key);
  g_free (officer->valid_from);
  g_free (officer->valid_to);
  g_free (officer);
}

static void
pep_officers_finalize (GObject *object)
{
  PepOfficers *self = PEP_OFFICERS (object);

  g_free (self->la_code);
  g_free (self->authority);
  g_free (self->key);
  g_free (self->issued_at);
  g_free (self->signature);
  g_ptr_array_unref (self->officers);

  G_OBJECT_CLASS (pep_officers_parent_class)->finalize (object);
}

static void
pep_officers_class_init (PepOfficersClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_officers_finalize;
}

static void
pep_officers_init (PepOfficers *self)
{
  self->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) officer_free);
}

gboolean
pep_officers_role_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (officer_roles, role);
}

/**
 * pep_officers_new:
 * @la_code: the authority's three-digit LA code
 * @authority: its name
 *
 * An empty, unsigned list.
 */
PepOfficers *
pep_officers_new (const char *la_code,
                  const char *authority)
{
  PepOfficers *self;

  g_return_val_if_fail (la_code != NULL && authority != NULL, NULL);

  self = g_object_new (PEP_TYPE_OFFICERS, NULL);
  self->la_code = g_strdup (la_code);
  self->authority = g_strdup (authority);
  return self;
}

const char *
pep_officers_get_la_code (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  return self->la_code;
}

const char *
pep_officers_get_authority (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  return self->authority;
}

/* The authority's public key, base64; NULL until signed. */
const char *
pep_officers_get_key (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  return self->key;
}

gboolean
pep_officers_key_is_demo (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), FALSE);
  return self->key_demo;
}

const char *
pep_officers_get_issued_at (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  return self->issued_at;
}

const char *
pep_officers_get_signature (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  return self->signature;
}

guint
pep_officers_get_n_officers (PepOfficers *self)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), 0);
  return self->officers->len;
}

const PepOfficer *
pep_officers_get_officer (PepOfficers *self,
                          guint        index)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);
  g_return_val_if_fail (index < self->officers->len, NULL);
  return g_ptr_array_index (self->officers, index);
}

/* A name is one line of printable text: it is read out, and it is a line of the message. */
static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL) || strlen (name) > 200)
    goto bad;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      goto bad;
  return TRUE;

bad:
  g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
               _("An officer’s name is one line of text, up to 200 characters."));
  return FALSE;
}

static gboolean
check_day (const char  *day,
           GError     **error)
{
  GDate date;

  if (day != NULL && strlen (day) == 10 && pep_date_parse (day, &date))
    return TRUE;
  g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
               _("“%s” is not a date like 2026-09-01."), day ? day : "");
  return FALSE;
}

/* Whether @officer is one the list can hold; the reason in @error when not. */
static gboolean
check_officer (const PepOfficer  *officer,
               GError           **error)
{
  guint8 key[PEP_PUBLIC_KEY_BYTES];

  if (!check_name (officer->name, error))
    return FALSE;
  if (!pep_officers_role_is_valid (officer->role))
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
                   _("“%s” is not an officer’s role: say qa-officer, advisor, headteacher or "
                     "administrator."), officer->role ? officer->role : "");
      return FALSE;
    }
  if (!pep_public_key_decode (officer->public_key, key, error)
      || !check_day (officer->valid_from, error)
      || (officer->valid_to != NULL && !check_day (officer->valid_to, error)))
    return FALSE;
  if (officer->valid_to != NULL && strcmp (officer->valid_to, officer->valid_from) < 0)
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
                   _("%s’s key is valid to %s, before it is valid from %s."), officer->name,
                   officer->valid_to, officer->valid_from);
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_officers_add:
 *
 * Adds a copy of @officer at the end. The list must be signed again to count.
 */
gboolean
pep_officers_add (PepOfficers       *self,
                  const PepOfficer  *officer,
                  GError           **error)
{
  PepOfficer *copy;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), FALSE);
  g_return_val_if_fail (officer != NULL, FALSE);

  if (!check_officer (officer, error))
    return FALSE;
  for (guint i = 0; i < self->officers->len; i++)
    {
      PepOfficer *other = g_ptr_array_index (self->officers, i);

      if (g_str_equal (other->public_key, officer->public_key) && g_str_equal (other->role, officer->role))
        {
          g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
                       _("That key is on the list already, as %s’s."), other->name);
          return FALSE;
        }
    }
  copy = g_new0 (PepOfficer, 1);
  copy->name = g_strdup (officer->name);
  copy->role = g_strdup (officer->role);
  copy->public_key = g_strdup (officer->public_key);
  copy->valid_from = g_strdup (officer->valid_from);
  copy->valid_to = g_strdup (officer->valid_to);
  copy->demo = officer->demo;
  g_ptr_array_add (self->officers, copy);
  g_clear_pointer (&self->signature, g_free);
  return TRUE;
}

/**
 * pep_officers_remove:
 * @name_or_fingerprint: an officer's name, or their key's fingerprint (or public key)
 *
 * Removes every entry it names. The list must be signed again to count.
 */
gboolean
pep_officers_remove (PepOfficers  *self,
                     const char   *name_or_fingerprint,
                     GError      **error)
{
  guint removed = 0;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), FALSE);
  g_return_val_if_fail (name_or_fingerprint != NULL, FALSE);

  for (guint i = self->officers->len; i-- > 0;)
    {
      PepOfficer *officer = g_ptr_array_index (self->officers, i);

      if (g_str_equal (officer->name, name_or_fingerprint)
          || g_str_equal (officer->public_key, name_or_fingerprint)
          || pep_fingerprint_matches (name_or_fingerprint, officer->public_key))
        {
          g_ptr_array_remove_index (self->officers, i);
          removed++;
        }
    }
  if (removed == 0)
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_FOUND,
                   _("No officer on the list is called or has the key “%s”."), name_or_fingerprint);
      return FALSE;
    }
  g_clear_pointer (&self->signature, g_free);
  return TRUE;
}

/* The message ----------------------------------------------------------------------------- */

static void
append_line (GString    *message,
             const char *key,
             const char *value)
{
  g_string_append_printf (message, "%s: %s\n", key, value != NULL ? value : "");
}

/**
 * pep_officers_message:
 *
 * The exact text the authority's key signs (docs/signatures.md): one line each, ending in a
 * line feed —
 *
 *   PEP Studio officers 1
 *   authority: LA code
 *   name: the authority's name
 *   key: the authority's public key (base64)
 *   issued: YYYY-MM-DDTHH:MM:SSZ
 *   officer: role from to demo public-key name      (one per officer, in order; "-" for no
 *                                                    end, demo "1" or "0")
 *
 * Names are one line of text (pep_officers_add() refuses others).
 */
char *
pep_officers_message (PepOfficers *self)
{
  GString *message = g_string_new ("PEP Studio officers 1\n");

  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);

  append_line (message, "authority", self->la_code);
  append_line (message, "name", self->authority);
  append_line (message, "key", self->key);
  append_line (message, "issued", self->issued_at);
  for (guint i = 0; i < self->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (self->officers, i);

      g_string_append_printf (message, "officer: %s %s %s %d %s %s\n", o->role, o->valid_from,
                              o->valid_to ? o->valid_to : "-", o->demo ? 1 : 0, o->public_key,
                              o->name);
    }
  return g_string_free (message, FALSE);
}

/**
 * pep_officers_sign:
 * @authority_key: the authority's own key (role "authority")
 * @issued_at: YYYY-MM-DDTHH:MM:SSZ
 */
gboolean
pep_officers_sign (PepOfficers    *self,
                   PepSigningKey  *authority_key,
                   const char     *issued_at,
                   GError        **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), FALSE);
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (authority_key), FALSE);
  g_return_val_if_fail (issued_at != NULL, FALSE);

  if (g_strcmp0 (pep_signing_key_get_role (authority_key), "authority") != 0)
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_UNVERIFIED,
                   _("The officers list is signed with the authority’s own key, not %s’s."),
                   pep_signing_key_get_name (authority_key));
      return FALSE;
    }
  g_free (self->key);
  self->key = g_strdup (pep_signing_key_get_public_key (authority_key));
  self->key_demo = pep_signing_key_is_demo (authority_key);
  g_free (self->issued_at);
  self->issued_at = g_strdup (issued_at);
  message = pep_officers_message (self);
  g_free (self->signature);
  self->signature = pep_signing_key_sign (authority_key, message);
  return TRUE;
}

/* Whether the list is signed by the key it names (whether that key is the authority's is the
 * pinning's question: pep-authority-trust.h). */
gboolean
pep_officers_verify (PepOfficers  *self,
                     GError      **error)
{
  g_autofree char *message = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), FALSE);

  if (self->key == NULL || self->signature == NULL)
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_UNVERIFIED,
                   _("The officers list of %s is not signed by its authority’s key."),
                   self->authority);
      return FALSE;
    }
  message = pep_officers_message (self);
  if (!pep_signature_verify (self->key, message, self->signature, &local_error))
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_UNVERIFIED,
                   _("The officers list of %s does not match its signature: %s"), self->authority,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The entry with @public_key in @role (a PepRole nick), or NULL. */
const PepOfficer *
pep_officers_find_key (PepOfficers *self,
                       const char  *public_key,
                       const char  *role)
{
  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);

  for (guint i = 0; public_key != NULL && i < self->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (self->officers, i);

      if (g_str_equal (o->public_key, public_key) && (role == NULL || g_str_equal (o->role, role)))
        return o;
    }
  return NULL;
}

/* The officer role a sign-off role needs. */
static const char *
officer_role_for (const char *signoff_role)
{
  if (g_strcmp0 (signoff_role, "qa-officer") == 0)
    return "qa-officer";
  if (g_strcmp0 (signoff_role, "vs-advisor") == 0)
    return "advisor";
  return signoff_role;
}

/**
 * pep_officers_roles_proven:
 * @name: the person's name, as the list must name them
 * @day: YYYY-MM-DD: today, for the roles they may take now
 *
 * The roles the list grants @public_key under @name on @day: the rule by which a person may
 * act for the Virtual School (pep_officers_check_signer() says why not).
 *
 * Returns: the roles, as bits 1 << PepRole (PEP_ROLE_QA_OFFICER, PEP_ROLE_ADVISOR,
 *   PEP_ROLE_HEADTEACHER, PEP_ROLE_ADMINISTRATOR); 0 when none
 */
guint
pep_officers_roles_proven (PepOfficers *self,
                           const char  *public_key,
                           const char  *name,
                           const char  *day)
{
  guint roles = 0;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), 0);

  for (guint i = 0; public_key != NULL && name != NULL && day != NULL
                    && i < self->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (self->officers, i);
      PepRole role;

      if (g_str_equal (o->public_key, public_key) && g_str_equal (o->name, name)
          && strncmp (day, o->valid_from, 10) >= 0
          && (o->valid_to == NULL || strncmp (day, o->valid_to, 10) <= 0)
          && pep_role_from_nick (o->role, &role))
        roles |= 1u << role;
    }
  return roles;
}

/**
 * pep_officers_check_signer:
 * @signoff_role: the role signed in: "qa-officer" or "vs-advisor" (or an officer role)
 * @name: the name signed under
 * @day: YYYY-MM-DD, the day it was signed
 *
 * Whether the list grants @public_key the role on @day, under @name. The reason when not.
 *
 * Returns: (nullable): the entry that grants it
 */
const PepOfficer *
pep_officers_check_signer (PepOfficers  *self,
                           const char   *signoff_role,
                           const char   *name,
                           const char   *public_key,
                           const char   *day,
                           GError      **error)
{
  const char *role = officer_role_for (signoff_role);
  const PepOfficer *listed = NULL;
  const PepOfficer *other = NULL;
  g_autofree char *fingerprint = public_key ? pep_public_key_fingerprint (public_key) : NULL;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);

  for (guint i = 0; public_key != NULL && i < self->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (self->officers, i);

      if (!g_str_equal (o->public_key, public_key))
        continue;
      if (!g_str_equal (o->role, role))
        {
          other = o;
          continue;
        }
      listed = o;
      if (day != NULL && strncmp (day, o->valid_from, 10) >= 0
          && (o->valid_to == NULL || strncmp (day, o->valid_to, 10) <= 0)
          && g_strcmp0 (name, o->name) == 0)
        return o;
    }

  if (listed != NULL && g_strcmp0 (name, listed->name) != 0)
    g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_LISTED,
                 _("the key %s is %s’s on the officers list of %s, not %s’s"),
                 fingerprint, listed->name, self->authority, name ? name : "?");
  else if (listed != NULL)
    g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_LISTED,
                 _("%s’s key is on the officers list of %s as %s from %s to %s, not on %s"),
                 listed->name, self->authority, role, listed->valid_from,
                 listed->valid_to ? listed->valid_to : _("now"), day ? day : "?");
  else if (other != NULL)
    g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_LISTED,
                 _("%s’s key is on the officers list of %s as %s, not as %s"), other->name,
                 self->authority, other->role, role);
  else
    g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_LISTED,
                 _("the key %s (%s) is not on the officers list of %s"),
                 fingerprint ? fingerprint : "?", name ? name : "?", self->authority);
  return NULL;
}

/* XML ------------------------------------------------------------------------------------- */

static void
on_schema_error (void     *data,
                 xmlError *xerror)
{
  GError **error = data;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (*error != NULL)
    return;
  path = xerror->node ? pep_xml_node_path (xerror->node) : g_strdup ("/");
  message = g_strstrip (g_strdup (xerror->message ? xerror->message : ""));
  g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID, "%s: %s", path, message);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *out = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return out;
}

static gboolean
invalid (GError    **error,
         xmlNode    *node,
         const char *reason)
{
  g_autofree char *path = pep_xml_node_path (node);

  g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID, "%s: %s", path, reason);
  return FALSE;
}

/**
 * pep_officers_to_xml:
 * @as_document: a document of its own (an export), or the element a profile carries
 *
 * Written compactly, with no whitespace between elements, so that read back it is the same
 * bytes.
 */
char *
pep_officers_to_xml (PepOfficers *self,
                     gboolean     as_document)
{
  xmlBuffer *buffer;
  xmlTextWriter *w;
  char *out;

  g_return_val_if_fail (PEP_IS_OFFICERS (self), NULL);

  buffer = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buffer, 0);
  if (as_document)
    xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "Officers");
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1");
  xmlTextWriterWriteAttribute (w, BAD_CAST "authority", BAD_CAST self->la_code);
  if (self->key != NULL)
    xmlTextWriterWriteAttribute (w, BAD_CAST "key", BAD_CAST self->key);
  if (self->key_demo)
    xmlTextWriterWriteAttribute (w, BAD_CAST "demo-key", BAD_CAST "true");
  if (self->issued_at != NULL)
    xmlTextWriterWriteAttribute (w, BAD_CAST "issued", BAD_CAST self->issued_at);
  xmlTextWriterWriteElement (w, BAD_CAST "AuthorityName", BAD_CAST self->authority);
  for (guint i = 0; i < self->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (self->officers, i);

      xmlTextWriterStartElement (w, BAD_CAST "Officer");
      xmlTextWriterWriteAttribute (w, BAD_CAST "role", BAD_CAST o->role);
      xmlTextWriterWriteAttribute (w, BAD_CAST "from", BAD_CAST o->valid_from);
      if (o->valid_to != NULL)
        xmlTextWriterWriteAttribute (w, BAD_CAST "to", BAD_CAST o->valid_to);
      if (o->demo)
        xmlTextWriterWriteAttribute (w, BAD_CAST "demo", BAD_CAST "true");
      xmlTextWriterWriteElement (w, BAD_CAST "Name", BAD_CAST o->name);
      xmlTextWriterWriteElement (w, BAD_CAST "PublicKey", BAD_CAST o->public_key);
      xmlTextWriterEndElement (w);
    }
  if (self->signature != NULL)
    xmlTextWriterWriteElement (w, BAD_CAST "Signature", BAD_CAST self->signature);
  xmlTextWriterEndElement (w);
  if (as_document)
    xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  out = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  if (as_document && !g_str_has_suffix (out, "\n"))
    {
      char *with_newline = g_strconcat (out, "\n", NULL);

      g_free (out);
      out = with_newline;
    }
  return out;
}

static gboolean
is_true (const char *text)
{
  return g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "1") == 0;
}

/**
 * pep_officers_new_from_xml:
 *
 * Reads a list: a document whose root is <Officers>, or that element as a profile carries
 * it. Safely parsed and validated against its schema; the fields checked as
 * pep_officers_add() checks them. The signature is kept, not checked
 * (pep_officers_verify()).
 */
PepOfficers *
pep_officers_new_from_xml (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(PepOfficers) self = NULL;
  GError *schema_error = NULL;
  xmlSchemaValidCtxt *vctxt;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!(doc = pep_xml_parse_strict (data, (gsize) length, error)))
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !xmlStrEqual (root->name, BAD_CAST "Officers"))
    {
      g_set_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
                   _("/: this is not an officers list (its root element is not Officers)"));
      xmlFreeDoc (doc);
      return NULL;
    }
  vctxt = xmlSchemaNewValidCtxt (pep_authority_get_schema ());
  xmlSchemaSetValidStructuredErrors (vctxt, on_schema_error, &schema_error);
  if (xmlSchemaValidateDoc (vctxt, doc) != 0 && schema_error == NULL)
    g_set_error (&schema_error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID,
                 _("/Officers: the list does not follow the schema"));
  xmlSchemaFreeValidCtxt (vctxt);
  if (schema_error != NULL)
    {
      g_propagate_error (error, schema_error);
      xmlFreeDoc (doc);
      return NULL;
    }

  self = g_object_new (PEP_TYPE_OFFICERS, NULL);
  self->la_code = prop (root, "authority");
  self->key = prop (root, "key");
  self->issued_at = prop (root, "issued");
  {
    g_autofree char *demo = prop (root, "demo-key");
    self->key_demo = is_true (demo);
  }
  for (xmlNode *n = pep_xml_first_element (root); ok && n != NULL; n = pep_xml_next_element (n))
    {
      if (xmlStrEqual (n->name, BAD_CAST "AuthorityName"))
        self->authority = pep_xml_node_text (n);
      else if (xmlStrEqual (n->name, BAD_CAST "Signature"))
        {
          g_autofree char *text = pep_xml_node_text (n);
          self->signature = g_strdup (g_strstrip (text));
        }
      else if (xmlStrEqual (n->name, BAD_CAST "Officer"))
        {
          g_autofree char *demo = prop (n, "demo");
          g_autoptr(GError) local_error = NULL;
          PepOfficer officer = {
            .role = prop (n, "role"),
            .valid_from = prop (n, "from"),
            .valid_to = prop (n, "to"),
            .demo = is_true (demo),
          };
          g_autofree char *signature = g_steal_pointer (&self->signature);

          for (xmlNode *c = pep_xml_first_element (n); c != NULL; c = pep_xml_next_element (c))
            if (xmlStrEqual (c->name, BAD_CAST "Name"))
              officer.name = pep_xml_node_text (c);
            else if (xmlStrEqual (c->name, BAD_CAST "PublicKey"))
              {
                g_autofree char *text = pep_xml_node_text (c);
                officer.public_key = g_strdup (g_strstrip (text));
              }
          if (!pep_officers_add (self, &officer, &local_error))
            ok = invalid (error, n, local_error->message);
          self->signature = g_steal_pointer (&signature);
          g_free (officer.name);
          g_free (officer.role);
          g_free (officer.public_key);
          g_free (officer.valid_from);
          g_free (officer.valid_to);
        }
    }
  if (ok && self->authority == NULL)
    ok = invalid (error, root, _("the list names no authority"));
  xmlFreeDoc (doc);
  return ok ? g_steal_pointer (&self) : NULL;
}

/* In the file ----------------------------------------------------------------------------- */

/**
 * pep_store_load_officers:
 *
 * The list the file holds (a Virtual School's own; a school's, its authority's as it
 * received it), as stored: check it with pep_officers_verify() and the pinned key.
 *
 * Returns: (transfer full) (nullable): the list, or %NULL (with no error) when there is none
 */
PepOfficers *
pep_store_load_officers (PepStore  *store,
                         GError   **error)
{
  g_autoptr(PepOfficers) self = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store, "SELECT la_code, authority, authority_key, issued_at, "
                                          "signature FROM officer_list WHERE id = 1", error)))
    return NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      self = g_object_new (PEP_TYPE_OFFICERS, NULL);
      self->la_code = g_strdup_printf ("%03d", sqlite3_column_int (stmt, 0));
      self->authority = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      self->key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      self->issued_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      self->signature = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? NULL : (_pep_store_set_sqlite_error (store, rc, error), NULL);

  if (!(stmt = _pep_store_prepare (store, "SELECT name, role, public_key, valid_from, valid_to, "
                                          "demo FROM officer ORDER BY position, id", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepOfficer *o = g_new0 (PepOfficer, 1);

      o->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      o->role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o->public_key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      o->valid_from = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o->valid_to = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      o->demo = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (self->officers, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error), NULL;
  /* The demo flag of the authority's key is not a column: it is the list's own word. */
  {
    g_autofree char *flag = pep_store_get_meta (store, "officers_demo_key");

    self->key_demo = g_strcmp0 (flag, "1") == 0;
  }
  return g_steal_pointer (&self);
}

static gboolean
save (PepStore     *store,
      PepOfficers  *officers,
      GError      **error)
{
  g_autofree char *now = pep_store_now (store);
  sqlite3_stmt *stmt;
  PepRole role;
  const char *who = _pep_store_get_actor (store, &role);
  g_autofree char *document = pep_officers_to_xml (officers, FALSE);

  if (!_pep_store_exec (store, "DELETE FROM officer; DELETE FROM officer_list;", error))
    return FALSE;
  if (!(stmt = _pep_store_prepare (store, "INSERT INTO officer_list (id, la_code, authority, "
                                          "authority_key, issued_at, signature) "
                                          "VALUES (1, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, atoi (officers->la_code));
  sqlite3_bind_text (stmt, 2, officers->authority, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, officers->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, officers->issued_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, officers->signature, -1, SQLITE_TRANSIENT);
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  for (guint i = 0; i < officers->officers->len; i++)
    {
      PepOfficer *o = g_ptr_array_index (officers->officers, i);

      if (!(stmt = _pep_store_prepare (store, "INSERT INTO officer (position, name, role, "
                                              "public_key, valid_from, valid_to, demo) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_text (stmt, 2, o->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, o->role, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, o->public_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, o->valid_from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, o->valid_to, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 7, o->demo);
      if (!_pep_store_step_done (store, stmt, error))
        return FALSE;
    }
  if (!pep_store_set_meta (store, "officers_demo_key", officers->key_demo ? "1" : "0", error))
    return FALSE;
  /* The list as it now stands, in the audit trail: who changed it and when. */
  if (!(stmt = _pep_store_prepare (store,
          "INSERT INTO audit (at, who, role, action, table_name, record_id, field, new_value)"
          " VALUES (?, ?, ?, 'update', 'officer_list', 1, 'document', ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pep_role_to_nick (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, document, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (store, stmt, error);
}

/**
 * pep_store_save_officers:
 *
 * Keeps @officers as the file's list, replacing the one it had, in one transaction. The
 * list must be signed (pep_officers_verify()).
 */
gboolean
pep_store_save_officers (PepStore     *store,
                         PepOfficers  *officers,
                         GError      **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_OFFICERS (officers), FALSE);

  if (!pep_officers_verify (officers, error))
    return FALSE;
  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, save (store, officers, error), error);
}
