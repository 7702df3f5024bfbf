/* pep-authority-trust.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file holds one officers list in its tables: a Virtual School's copy its own; a school's
 * copy that of the first authority whose list it took (its Virtual School's). Another
 * authority's profile is still verified and its key pinned, and kept with its list inside;
 * only the one list in the tables proves roles.
 */

#define G_LOG_DOMAIN "pep-trust"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-key-pins.h"
#include "pep-keyring.h"
#include "pep-store-authority.h"
#include "pep-store-private.h"

struct _PepAuthorityTrust
{
  GObject    parent_instance;

  PepStore  *store;
  GPtrArray *accepted;         /* fingerprints a person confirmed */
  char      *pending;          /* the key that wants confirming, after a refusal */
  char      *pending_subject;
  char      *pending_name;     /* the authority's, as its profile names it */
  gboolean   pending_replaces;
  gboolean   dry_run;
  gboolean   provisional;
};

G_DEFINE_FINAL_TYPE (PepAuthorityTrust, pep_authority_trust, G_TYPE_OBJECT)
G_DEFINE_QUARK (pep-trust-error-quark, pep_trust_error)

static void
pep_authority_trust_dispose (GObject *object)
{
  PepAuthorityTrust *self = PEP_AUTHORITY_TRUST (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (pep_authority_trust_parent_class)->dispose (object);
}

static void
pep_authority_trust_finalize (GObject *object)
{
  PepAuthorityTrust *self = PEP_AUTHORITY_TRUST (object);

  g_ptr_array_unref (self->accepted);
  g_free (self->pending);
  g_free (self->pending_subject);
  g_free (self->pending_name);

  G_OBJECT_CLASS (pep_authority_trust_parent_class)->finalize (object);
}

static void
pep_authority_trust_class_init (PepAuthorityTrustClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_authority_trust_dispose;
  object_class->finalize = pep_authority_trust_finalize;
}

static void
pep_authority_trust_init (PepAuthorityTrust *self)
{
  self->accepted = g_ptr_array_new_with_free_func (g_free);
}

/* Whose key an authority's is, as pinned_key names it: "authority CODE", as an export's
 * sender names the Virtual School's copy. */
char *
pep_authority_subject (const char *la_code)
{
  g_return_val_if_fail (la_code != NULL, NULL);
  return g_strdup_printf ("authority %d", atoi (la_code));
}

PepAuthorityTrust *
pep_authority_trust_new (PepStore *store)
{
  PepAuthorityTrust *self;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  self = g_object_new (PEP_TYPE_AUTHORITY_TRUST, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * pep_authority_trust_accept_key:
 * @fingerprint: (nullable): a fingerprint a person confirmed with the authority (spaces and
 *   case do not matter); %NULL forgets those given before
 *
 * The key with this fingerprint is pinned when it is met (first time, or replacing the
 * pinned one).
 */
void
pep_authority_trust_accept_key (PepAuthorityTrust *self,
                                const char        *fingerprint)
{
  g_return_if_fail (PEP_IS_AUTHORITY_TRUST (self));

  if (fingerprint == NULL)
    g_ptr_array_set_size (self->accepted, 0);
  else
    g_ptr_array_add (self->accepted, g_strdup (fingerprint));
}

static gboolean
is_accepted (PepAuthorityTrust *self,
             const char        *key)
{
  for (guint i = 0; i < self->accepted->len; i++)
    if (pep_fingerprint_matches (g_ptr_array_index (self->accepted, i), key))
      return TRUE;
  return FALSE;
}

/* Check everything, pin and keep nothing. */
void
pep_authority_trust_set_dry_run (PepAuthorityTrust *self,
                                 gboolean           dry_run)
{
  g_return_if_fail (PEP_IS_AUTHORITY_TRUST (self));
  self->dry_run = dry_run;
}

/**
 * pep_authority_trust_set_provisional:
 *
 * For a dry run whose caller keeps nothing (an exchange import's dry run, rolled back): a
 * key not confirmed yet is taken for this run and left pending, to be shown for confirming,
 * instead of refusing.
 */
void
pep_authority_trust_set_provisional (PepAuthorityTrust *self,
                                     gboolean           provisional)
{
  g_return_if_fail (PEP_IS_AUTHORITY_TRUST (self));
  self->provisional = provisional;
}

/* Returns: (nullable): whose the pending key is: "authority CODE" */
const char *
pep_authority_trust_get_pending_subject (PepAuthorityTrust *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY_TRUST (self), NULL);
  return self->pending_subject;
}

/* Returns: (nullable): the name of the authority whose key is pending, as its profile or list
 * names it */
const char *
pep_authority_trust_get_pending_name (PepAuthorityTrust *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY_TRUST (self), NULL);
  return self->pending_name;
}

/**
 * pep_authority_trust_get_pending:
 * @replaces: (out) (optional): whether it would replace a key pinned before
 *
 * Returns: (nullable): the public key met last that needs a person to confirm it (show its
 *   fingerprint), or %NULL
 */
const char *
pep_authority_trust_get_pending (PepAuthorityTrust *self,
                                 gboolean          *replaces)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY_TRUST (self), NULL);

  if (replaces != NULL)
    *replaces = self->pending_replaces;
  return self->pending;
}

/* Whether @key is the pinned key of the authority; otherwise pins it when it was confirmed,
 * or says what to confirm. */
static gboolean
confirm_key (PepAuthorityTrust  *self,
             const char         *path,
             const char         *la_code,
             const char         *name,
             const char         *key,
             GError            **error)
{
  g_autofree char *subject = pep_authority_subject (la_code);
  g_autofree char *fingerprint = pep_public_key_fingerprint (key);
  g_autoptr(PepKeyPin) current = NULL;
  GError *local_error = NULL;

  if (pep_store_is_pinned (self->store, subject, key, &local_error))
    return TRUE;
  if (local_error != NULL
      || (!(current = pep_store_find_pin (self->store, subject, "authority", NULL, &local_error))
          && local_error != NULL))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (is_accepted (self, key))
    return self->dry_run
           || pep_store_pin_key (self->store, subject, key, name, "authority", error);
  g_free (self->pending);
  self->pending = g_strdup (key);
  g_free (self->pending_subject);
  self->pending_subject = g_strdup (subject);
  g_free (self->pending_name);
  self->pending_name = g_strdup (name);
  self->pending_replaces = current != NULL;
  /* Pinned for this run only: the caller's transaction is rolled back. */
  if (self->provisional)
    return pep_store_pin_key (self->store, subject, key, name, "authority", error);
  if (current != NULL)
    {
      g_autofree char *old = pep_public_key_fingerprint (current->public_key);

      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_CONFIRM,
                   _("%s: %s (LA %s) signed this with a different key from the one this copy "
                     "pinned (%s). Confirm the new key’s fingerprint %s with the Virtual "
                     "School, then accept it."),
                   path, name, la_code, old, fingerprint);
    }
  else
    g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_CONFIRM,
                 _("%s: this copy has not pinned the key of %s (LA %s) yet. Confirm its "
                   "fingerprint %s with the Virtual School (read it out over the phone), then "
                   "accept it."),
                 path, name, la_code, fingerprint);
  return FALSE;
}

/* Keeps @officers as the file's list when it is the file's authority's, and newer. */
static gboolean
keep_list (PepAuthorityTrust  *self,
           PepOfficers        *officers,
           gboolean            alone,
           GError            **error)
{
  g_autoptr(PepOfficers) current = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  GError *local_error = NULL;

  if (self->dry_run)
    return TRUE;
  if (!(owner = pep_store_get_owner (self->store, error)))
    return FALSE;
  current = pep_store_load_officers (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if ((owner->kind == PEP_COPY_AUTHORITY
       && owner->la_code != (guint) atoi (pep_officers_get_la_code (officers)))
      || (current != NULL
          && !g_str_equal (pep_officers_get_la_code (current), pep_officers_get_la_code (officers))))
    {
      if (!alone)
        return TRUE;   /* another authority's profile: kept with its list inside */
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED,
                   _("/Officers: this copy keeps the officers list of %s; the list of %s "
                     "(LA %s) is not its authority’s"),
                   current ? pep_officers_get_authority (current) : _("its own authority"),
                   pep_officers_get_authority (officers), pep_officers_get_la_code (officers));
      return FALSE;
    }
  if (current != NULL
      && g_strcmp0 (pep_officers_get_issued_at (current), pep_officers_get_issued_at (officers)) >= 0
      && g_strcmp0 (pep_officers_get_key (current), pep_officers_get_key (officers)) == 0)
    return TRUE;   /* as new as what the file has */
  return pep_store_save_officers (self->store, officers, error);
}

/**
 * pep_authority_trust_take_list:
 *
 * Takes in an officers list sent alone (pepctl officers import): it must be signed by the
 * authority's key, which is pinned here or confirmed now (pep_authority_trust_accept_key()).
 */
gboolean
pep_authority_trust_take_list (PepAuthorityTrust  *self,
                               PepOfficers        *officers,
                               GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PEP_IS_AUTHORITY_TRUST (self), FALSE);
  g_return_val_if_fail (PEP_IS_OFFICERS (officers), FALSE);

  if (!pep_officers_verify (officers, &local_error))
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED, "/Officers/Signature: %s",
                   local_error->message);
      return FALSE;
    }
  return confirm_key (self, "/Officers/@key", pep_officers_get_la_code (officers),
                      pep_officers_get_authority (officers), pep_officers_get_key (officers), error)
         && keep_list (self, officers, TRUE, error);
}

/**
 * pep_authority_trust_verify:
 * @trust: the PepAuthorityTrust
 *
 * The PepAuthorityVerifyFunc: the profile's signature is by @key_id over @signed_bytes; its
 * officers list, when it has one, is signed by the same key and names the same authority;
 * and that key is the one pinned for the authority, or is pinned now because a person
 * confirmed its fingerprint. The list is then kept as the file's (keep_list()).
 */
gboolean
pep_authority_trust_verify (PepAuthority  *profile,
                            GBytes        *signed_bytes,
                            const char    *key_id,
                            const char    *signature,
                            gpointer       trust,
                            GError       **error)
{
  PepAuthorityTrust *self = trust;
  const char *la_code = pep_authority_get_la_code (profile);
  const char *officers_xml = pep_authority_get_officers_xml (profile);
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (PEP_IS_AUTHORITY_TRUST (self), FALSE);

  if (la_code == NULL)
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                   _("/AuthorityProfile/Authority: the profile names no authority (no LEA), so "
                     "no key can vouch for it"));
      return FALSE;
    }
  data = g_bytes_get_data (signed_bytes, &size);
  message = g_strndup (data, size);
  if (!pep_signature_verify (key_id, message, signature, &local_error))
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                   _("/AuthorityProfile/Signature: the profile does not match its signature: %s"),
                   local_error->message);
      return FALSE;
    }
  if (officers_xml != NULL)
    {
      if (!(officers = pep_officers_new_from_xml (officers_xml, -1, &local_error)))
        {
          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                       "/AuthorityProfile%s", local_error->message);
          return FALSE;
        }
      if (!pep_officers_verify (officers, &local_error))
        {
          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                       "/AuthorityProfile/Officers/Signature: %s", local_error->message);
          return FALSE;
        }
      if (g_strcmp0 (pep_officers_get_key (officers), key_id) != 0
          || atoi (pep_officers_get_la_code (officers)) != atoi (la_code))
        {
          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                       _("/AuthorityProfile/Officers: the officers list is not the same "
                         "authority’s, or not signed by the same key, as the profile"));
          return FALSE;
        }
    }
  return confirm_key (self, "/AuthorityProfile/Signature", la_code,
                      pep_authority_get_name (profile), key_id, error)
         && (officers == NULL || keep_list (self, officers, FALSE, error));
}

/* Every profile @context imports is verified by @self from now on. */
void
pep_authority_trust_install (PepAuthorityTrust *self,
                             PepWorkContext    *context)
{
  g_return_if_fail (PEP_IS_AUTHORITY_TRUST (self));
  pep_work_context_set_verifier (context, pep_authority_trust_verify, g_object_ref (self),
                                 g_object_unref);
}

/* The Virtual School's side ---------------------------------------------------------------- */

static PepCopyOwner *
authority_owner (PepStore  *store,
                 GError   **error)
{
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (store, error);

  if (owner == NULL)
    return NULL;
  if (owner->kind != PEP_COPY_AUTHORITY)
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_NO_KEY,
                   _("Only a Virtual School’s copy has an authority key (this one is %s)."),
                   owner->kind == PEP_COPY_SCHOOL ? _("a school’s") : _("for use on its own"));
      return NULL;
    }
  return g_steal_pointer (&owner);
}

static gboolean
is_demo (PepStore *store,
         guint32  *seed)
{
  g_autofree char *text = pep_store_get_meta (store, "demo_seed");

  if (text != NULL)
    *seed = (guint32) g_ascii_strtoull (text, NULL, 10);
  return text != NULL;
}

/**
 * pep_authority_key_create:
 * @passphrase: (nullable): for a key file, where there is no login keyring
 *
 * Makes the authority's own key for a Virtual School's copy (in a demo file, its demo key),
 * keeps it in the login keyring or a sealed key file, pins it, and signs the officers list
 * (empty, or the one the file has) and the file's own profile with it.
 */
PepSigningKey *
pep_authority_key_create (PepStore    *store,
                          const char  *passphrase,
                          GError     **error)
{
  g_autoptr(PepCopyOwner) owner = authority_owner (store, error);
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(PepOfficers) officers = NULL;
  g_autofree char *la_code = NULL;
  GError *local_error = NULL;
  guint32 seed;

  if (owner == NULL)
    return NULL;
  officers = pep_store_load_officers (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (officers != NULL && pep_officers_get_key (officers) != NULL)
    {
      g_autofree char *fingerprint = pep_public_key_fingerprint (pep_officers_get_key (officers));

      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_NO_KEY,
                   _("This copy has its authority key already (fingerprint %s)."), fingerprint);
      return NULL;
    }
  if (is_demo (store, &seed))
    key = pep_signing_key_new_demo (seed, owner->name, "authority");
  else if (!(key = pep_signing_key_generate (owner->name, "authority", error))
           || !pep_keyring_store (key, passphrase, NULL, error))
    return NULL;
  la_code = g_strdup_printf ("%03u", owner->la_code);
  if (officers == NULL)
    officers = pep_officers_new (la_code, owner->name);
  if (!pep_authority_publish (store, officers, key, error))
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * pep_authority_key_load:
 *
 * The authority's key of this Virtual School's copy, from the login keyring or its key file
 * (in a demo file, its demo key).
 */
PepSigningKey *
pep_authority_key_load (PepStore    *store,
                        const char  *passphrase,
                        GError     **error)
{
  g_autoptr(PepCopyOwner) owner = authority_owner (store, error);
  g_autoptr(PepOfficers) officers = NULL;
  GError *local_error = NULL;
  guint32 seed;

  if (owner == NULL)
    return NULL;
  officers = pep_store_load_officers (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (officers == NULL || pep_officers_get_key (officers) == NULL)
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_NO_KEY,
                   _("This Virtual School’s copy has no authority key yet: the head or an "
                     "administrator makes it with pepctl officers FILE init-key."));
      return NULL;
    }
  if (is_demo (store, &seed))
    {
      PepSigningKey *key = pep_signing_key_new_demo (seed, owner->name, "authority");

      if (g_str_equal (pep_signing_key_get_public_key (key), pep_officers_get_key (officers)))
        return key;
      g_object_unref (key);
    }
  return pep_keyring_load (pep_officers_get_key (officers), passphrase, error);
}

/**
 * pep_authority_sign_profile:
 * @profile: the file's own profile (a copy, to be saved or exported)
 *
 * Puts the file's officers list into @profile and signs it with the authority's key.
 */
gboolean
pep_authority_sign_profile (PepStore       *store,
                            PepAuthority   *profile,
                            PepSigningKey  *authority_key,
                            GError        **error)
{
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  g_autofree char *value = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_AUTHORITY (profile), FALSE);
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (authority_key), FALSE);

  officers = pep_store_load_officers (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (officers != NULL)
    {
      g_autofree char *xml = pep_officers_to_xml (officers, FALSE);

      if (pep_authority_get_la_code (profile) == NULL
          && !pep_authority_set_la_code (profile, pep_officers_get_la_code (officers), error))
        return FALSE;
      pep_authority_set_officers_xml (profile, xml);
    }
  /* Signed now: a school's copy takes it in place of the one it had (newest wins). */
  {
    g_autofree char *now = pep_store_now (store);

    pep_authority_set_issued (profile, now);
  }
  pep_authority_set_signature (profile, NULL, NULL);
  bytes = pep_authority_get_signed_bytes (profile);
  message = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  value = pep_signing_key_sign (authority_key, message);
  pep_authority_set_signature (profile, pep_signing_key_get_public_key (authority_key), value);
  return TRUE;
}

static gboolean
publish (PepStore       *store,
         PepOfficers    *officers,
         PepSigningKey  *key,
         GError        **error)
{
  g_autofree char *now = pep_store_now (store);
  g_autofree char *subject = pep_authority_subject (pep_officers_get_la_code (officers));
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(PepAuthority) own = NULL;

  if (!pep_officers_sign (officers, key, now, error)
      || !pep_store_pin_key (store, subject, pep_signing_key_get_public_key (key),
                             pep_officers_get_authority (officers), "authority", error)
      || !pep_store_save_officers (store, officers, error)
      || !(profiles = pep_store_list_authorities (store, error)))
    return FALSE;
  own = pep_authority_copy (g_ptr_array_index (profiles, 0));
  return pep_authority_sign_profile (store, own, key, error)
         && pep_store_put_authority (store, own, TRUE, error);
}

/**
 * pep_authority_publish:
 * @officers: the list as the head or an administrator edited it
 *
 * Signs @officers with the authority's key and keeps it as the file's list, inside the
 * file's own profile, signed again. One transaction.
 */
gboolean
pep_authority_publish (PepStore       *store,
                       PepOfficers    *officers,
                       PepSigningKey  *authority_key,
                       GError        **error)
{
  g_autoptr(PepCopyOwner) owner = NULL;
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_OFFICERS (officers), FALSE);
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (authority_key), FALSE);

  if (!(owner = authority_owner (store, error)))
    return FALSE;
  if (owner->la_code != (guint) atoi (pep_officers_get_la_code (officers)))
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED,
                   _("This Virtual School’s copy keeps its own authority’s officers, not LA %s’s."),
                   pep_officers_get_la_code (officers));
      return FALSE;
    }
  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, publish (store, officers, authority_key, error), error);
}

/* Whose signature counts ------------------------------------------------------------------ */

/**
 * pep_store_get_trusted_officers:
 *
 * The file's officers list, when it is signed by the key pinned for its authority.
 *
 * Returns: (transfer full) (nullable): the list; %NULL with @error unset when the file has
 *   none, with it set when the list is not to be trusted
 */
PepOfficers *
pep_store_get_trusted_officers (PepStore  *store,
                                GError   **error)
{
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *subject = NULL;
  gboolean pinned;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(officers = pep_store_load_officers (store, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!pep_officers_verify (officers, &local_error))
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED, "%s", local_error->message);
      return NULL;
    }
  subject = pep_authority_subject (pep_officers_get_la_code (officers));
  pinned = pep_store_is_pinned (store, subject, pep_officers_get_key (officers), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!pinned)
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED,
                   _("The officers list in this file is not signed by the key pinned for %s."),
                   pep_officers_get_authority (officers));
      return NULL;
    }
  return g_steal_pointer (&officers);
}

/**
 * pep_authority_trust_check_signer:
 * @officers: (inout) (nullable): the trusted list, loaded on first use and kept by the caller
 *   for the next call (unref it when done)
 * @signoff_role: the role signed in; only "qa-officer" and "vs-advisor" are checked here
 * @signed_at: when, YYYY-MM-DDTHH:MM:SSZ
 *
 * Whether a QA officer's or advisor's signature counts in this copy: its key is on the
 * file's trusted officers list with that role on that day, under that name. A file for use
 * on its own (no owner) with no list takes any; a school's or Virtual School's copy with no
 * list takes none.
 */
gboolean
pep_authority_trust_check_signer (PepStore     *store,
                                  PepOfficers **officers,
                                  const char   *signoff_role,
                                  const char   *name,
                                  const char   *public_key,
                                  const char   *signed_at,
                                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (officers != NULL, FALSE);

  if (g_strcmp0 (signoff_role, "qa-officer") != 0 && g_strcmp0 (signoff_role, "vs-advisor") != 0)
    return TRUE;
  if (*officers == NULL && !(*officers = pep_store_get_trusted_officers (store, error)))
    {
      g_autoptr(PepCopyOwner) owner = NULL;

      if (error != NULL && *error != NULL)
        return FALSE;
      if (!(owner = pep_store_get_owner (store, error)))
        return FALSE;
      if (owner->kind == PEP_COPY_UNOWNED)
        return TRUE;
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED,
                   _("this copy holds no officers list from its authority, so no QA officer’s "
                     "or advisor’s signature can be proven (the Virtual School sets one up with "
                     "pepctl officers FILE init-key and add; a school imports it)"));
      return FALSE;
    }
  day = g_strndup (signed_at ? signed_at : "", 10);
  if (!pep_officers_check_signer (*officers, signoff_role, name, public_key, day, &local_error))
    {
      g_set_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_authority_trust_proven_roles:
 * @who: the person's name, as the officers list names them
 *
 * The Virtual School roles whose steps need an officer's key (QA officer, advisor) that @who
 * may take in this file today: their own key for the role (found without opening it,
 * pep_keyring_find_public_key()) passes pep_authority_trust_check_signer(), as the workflow
 * checks it before each step. Preferences offers these and no others.
 *
 * Returns: bits 1 << PEP_ROLE_QA_OFFICER and 1 << PEP_ROLE_ADVISOR; 0 when none is proven
 */
guint
pep_authority_trust_proven_roles (PepStore   *store,
                                  const char *who)
{
  static const PepRole roles[] = { PEP_ROLE_QA_OFFICER, PEP_ROLE_ADVISOR };
  g_autoptr(PepOfficers) officers = NULL;
  g_autofree char *now = NULL;
  guint proven = 0;

  g_return_val_if_fail (PEP_IS_STORE (store), 0);

  if (who == NULL || who[0] == '\0')
    return 0;
  now = pep_store_now (store);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      const char *signoff_role = pep_role_to_signoff_role (roles[i]);
      g_autofree char *key = pep_keyring_find_public_key (store, who, signoff_role);
      g_autoptr(GError) why = NULL;   /* the workflow says it, when they try */

      if (key != NULL
          && pep_authority_trust_check_signer (store, &officers, signoff_role, who, key, now, &why))
        proven |= 1u << roles[i];
    }
  return proven;
}
