/* pep-work-context.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whose a child is: the profile whose LA code or name is the child's recorded care
 * authority; a child whose authority has no profile in the file (or is not recorded) is
 * under the file's own profile. The profiles are read once and replaced whole when one
 * changes, so a worker thread holding them (the dashboard's) never sees one change.
 */

#define G_LOG_DOMAIN "pep-work-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-keyring.h"
#include "pep-store-authority.h"
#include "pep-work-context.h"

struct _PepWorkContext
{
  GObject                parent_instance;

  PepStore              *store;
  GPtrArray             *authorities;   /* of PepAuthority, the own first */
  GHashTable            *workflows;     /* PepAuthority → PepWorkflow */
  PepAuthorityVerifyFunc verify;
  gpointer               verify_data;
  GDestroyNotify         verify_destroy;
  GStrv                  accepted_keys;   /* fingerprints confirmed for the next imports */

  PepSigningKey         *authority_key;   /* unlocked for this session, to sign the rules */

  char                  *who;
  PepRole                role;
};

G_DEFINE_FINAL_TYPE (PepWorkContext, pep_work_context, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pep_work_context_dispose (GObject *object)
{
  PepWorkContext *self = PEP_WORK_CONTEXT (object);

  g_clear_pointer (&self->workflows, g_hash_table_unref);
  g_clear_pointer (&self->authorities, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->authority_key);
  if (self->verify_destroy != NULL)
    g_clear_pointer (&self->verify_data, self->verify_destroy);

  G_OBJECT_CLASS (pep_work_context_parent_class)->dispose (object);
}

static void
pep_work_context_finalize (GObject *object)
{
  PepWorkContext *self = PEP_WORK_CONTEXT (object);

  g_free (self->who);
  g_strfreev (self->accepted_keys);

  G_OBJECT_CLASS (pep_work_context_parent_class)->finalize (object);
}

static void
pep_work_context_class_init (PepWorkContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_work_context_dispose;
  object_class->finalize = pep_work_context_finalize;

  /**
   * PepWorkContext::changed:
   *
   * The profiles changed (edited, imported): whatever was rated, dated or counted with them
   * is to be worked out again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pep_work_context_init (PepWorkContext *self)
{
  self->workflows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/**
 * pep_work_context_new:
 * @who: the name the audit trail records
 *
 * Reads the file's profiles, and tells @store who makes its changes.
 */
PepWorkContext *
pep_work_context_new (PepStore    *store,
                      const char  *who,
                      PepRole      role,
                      GError     **error)
{
  g_autoptr(PepWorkContext) self = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (who != NULL, NULL);

  self = g_object_new (PEP_TYPE_WORK_CONTEXT, NULL);
  self->store = g_object_ref (store);
  pep_work_context_set_actor (self, who, role);
  if (!(self->authorities = pep_store_list_authorities (store, error)))
    return NULL;
  return g_steal_pointer (&self);
}

PepStore *
pep_work_context_get_store (PepWorkContext *self)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);
  return self->store;
}

const char *
pep_work_context_get_who (PepWorkContext *self)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);
  return self->who;
}

PepRole
pep_work_context_get_role (PepWorkContext *self)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), PEP_ROLE_DESIGNATED_TEACHER);
  return self->role;
}

/* Someone else works on the file, or in another role: workflows act for them from now on. */
void
pep_work_context_set_actor (PepWorkContext *self,
                            const char     *who,
                            PepRole         role)
{
  g_return_if_fail (PEP_IS_WORK_CONTEXT (self));
  g_return_if_fail (who != NULL && role < PEP_N_ROLES);

  g_free (self->who);
  self->who = g_strdup (who);
  self->role = role;
  pep_store_set_actor (self->store, who, role);
  g_hash_table_remove_all (self->workflows);
}

/**
 * pep_work_context_get_authorities:
 *
 * Returns: (transfer none) (element-type PepAuthority): the profiles, the file's own first.
 *   Take a reference to keep them: a change replaces the array, never its profiles.
 */
GPtrArray *
pep_work_context_get_authorities (PepWorkContext *self)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);
  return self->authorities;
}

PepAuthority *
pep_work_context_get_own (PepWorkContext *self)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);
  return g_ptr_array_index (self->authorities, 0);
}

/* The profile with @la_code; %NULL @la_code is the file's own. */
PepAuthority *
pep_work_context_find (PepWorkContext *self,
                       const char     *la_code)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);

  if (la_code == NULL)
    return pep_work_context_get_own (self);
  for (guint i = 0; i < self->authorities->len; i++)
    if (g_strcmp0 (pep_authority_get_la_code (g_ptr_array_index (self->authorities, i)), la_code) == 0)
      return g_ptr_array_index (self->authorities, i);
  return NULL;
}

PepAuthority *
pep_work_context_for_care_authority (PepWorkContext *self,
                                     const char     *care_authority)
{
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);
  return pep_authority_find_for_child (self->authorities, care_authority);
}

PepAuthority *
pep_work_context_for_child (PepWorkContext  *self,
                            gint64           child_id,
                            GError         **error)
{
  g_autoptr(PepRecord) child = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);

  if (!(child = pep_store_load_child (self->store, child_id, error)))
    return NULL;
  return pep_work_context_for_care_authority (self, pep_record_get_text (child, PEP_CHILD_CARE_AUTHORITY));
}

PepAuthority *
pep_work_context_for_plan (PepWorkContext  *self,
                           PepPlan         *plan,
                           GError         **error)
{
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  return pep_work_context_for_child (self, pep_plan_get_child_id (plan), error);
}

/**
 * pep_work_context_get_workflow:
 * @authority: (nullable): whose rules (rubric, follow-up days); %NULL for the file's own
 *
 * Returns: (transfer none): the workflow acting for this context's person under @authority
 */
PepWorkflow *
pep_work_context_get_workflow (PepWorkContext *self,
                               PepAuthority   *authority)
{
  PepWorkflow *workflow;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);

  if (authority == NULL)
    authority = pep_work_context_get_own (self);
  if ((workflow = g_hash_table_lookup (self->workflows, authority)) == NULL)
    {
      workflow = pep_workflow_new (self->store, pep_authority_get_rubric (authority), self->who,
                                   self->role);
      pep_workflow_set_authority (workflow, authority);
      /* Sign-offs are signed with the person's own key (in a demo file, the invented
       * person's demo key); without one, the workflow refuses to sign and says why. */
      if (pep_role_to_signoff_role (self->role) != NULL)
        {
          g_autoptr(PepSigningKey) key =
            pep_keyring_find (self->store, self->who, pep_role_to_signoff_role (self->role),
                              NULL, NULL);
          if (key != NULL)
            pep_workflow_set_signing_key (workflow, key);
        }
      g_hash_table_insert (self->workflows, authority, workflow);
    }
  return workflow;
}

/* The Virtual School's head, or an administrator, sets the authority's rules; a school's
 * copy has none of its own to set (it shows the profiles it received). */
gboolean
pep_work_context_can_edit_rules (PepWorkContext *self)
{
  g_autoptr(PepCopyOwner) owner = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);

  if (self->role != PEP_ROLE_HEADTEACHER && self->role != PEP_ROLE_ADMINISTRATOR)
    return FALSE;
  owner = pep_store_get_owner (self->store, NULL);
  return owner != NULL && owner->kind != PEP_COPY_SCHOOL;
}

static void
take_authorities (PepWorkContext *self,
                  GPtrArray      *authorities)
{
  g_hash_table_remove_all (self->workflows);
  g_ptr_array_unref (self->authorities);
  self->authorities = authorities;
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
pep_work_context_reload (PepWorkContext  *self,
                         GError         **error)
{
  GPtrArray *authorities;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);

  if (!(authorities = pep_store_list_authorities (self->store, error)))
    return FALSE;
  take_authorities (self, authorities);
  return TRUE;
}

static void
refuse_rules_change (GError **error)
{
  g_set_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED,
               _("Only the Virtual School’s headteacher or an administrator may change the "
                 "authority’s rules"));
}

/**
 * pep_work_context_save_own:
 * @profile: the file's own profile as edited (a pep_authority_copy())
 *
 * Saves the authority's rules, for the people allowed to set them; every window's figures,
 * deadlines and proposals follow ("changed").
 */
gboolean
pep_work_context_save_own (PepWorkContext  *self,
                           PepAuthority    *profile,
                           GError         **error)
{
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);
  g_return_val_if_fail (PEP_IS_AUTHORITY (profile), FALSE);

  if (!pep_work_context_can_edit_rules (self))
    {
      refuse_rules_change (error);
      return FALSE;
    }
  if (!(owner = pep_store_get_owner (self->store, error)))
    return FALSE;
  /* A Virtual School's rules are its authority's: the copy owner's LA code and name. */
  if (owner->kind == PEP_COPY_AUTHORITY)
    {
      g_autofree char *code = g_strdup_printf ("%03u", owner->la_code);

      pep_authority_set_la_code (profile, code, NULL);
      pep_authority_set_name (profile, owner->name);
    }
  /* Saved now: the schools' copies take it in place of the one they had. */
  now = pep_store_now (self->store);
  pep_authority_set_issued (profile, now);
  /* Signed again with the authority's key, the officers list inside (in a demo, or with the
   * key in the login keyring, or unlocked with its passphrase for this session); without it
   * the rules go unsigned until the head signs them (pep_work_context_sign_own(); pepctl
   * officers FILE add/remove signs the profile too): an old signature would only fail. */
  if (owner->kind == PEP_COPY_AUTHORITY)
    {
      g_autoptr(PepSigningKey) key = self->authority_key != NULL
                                     ? g_object_ref (self->authority_key)
                                     : pep_authority_key_load (self->store, NULL, NULL);

      if (key == NULL)
        pep_authority_set_signature (profile, NULL, NULL);
      else if (!pep_authority_sign_profile (self->store, profile, key, error))
        return FALSE;
    }
  if (!pep_store_put_authority (self->store, profile, TRUE, error))
    return FALSE;
  return pep_work_context_reload (self, error);
}

/**
 * pep_work_context_needs_authority_passphrase:
 *
 * Whether the file's own rules are saved unsigned only because the authority's key is
 * sealed with a passphrase not typed yet this session: then the app asks for it (a key
 * not made yet, or rules already signed, need no question).
 */
gboolean
pep_work_context_needs_authority_passphrase (PepWorkContext *self)
{
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;
  PepAuthority *own;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);

  if (self->authority_key != NULL || !pep_work_context_can_edit_rules (self)
      || (own = pep_work_context_get_own (self)) == NULL
      || pep_authority_get_signature (own, NULL) != NULL)
    return FALSE;
  key = pep_authority_key_load (self->store, NULL, &error);
  return key == NULL && g_error_matches (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE);
}

/**
 * pep_work_context_unlock_authority_key:
 * @passphrase: what the head or administrator typed
 *
 * Opens the authority's key for the rest of the session, so that saving the rules signs
 * them (pep_work_context_save_own()). Only for the people allowed to set the rules.
 */
gboolean
pep_work_context_unlock_authority_key (PepWorkContext  *self,
                                       const char      *passphrase,
                                       GError         **error)
{
  PepSigningKey *key;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);

  if (!pep_work_context_can_edit_rules (self))
    {
      refuse_rules_change (error);
      return FALSE;
    }
  if (!(key = pep_authority_key_load (self->store, passphrase, error)))
    return FALSE;
  g_clear_object (&self->authority_key);
  self->authority_key = key;
  return TRUE;
}

/**
 * pep_work_context_sign_own:
 *
 * Saves the file's own rules again as they are, signed (after
 * pep_work_context_unlock_authority_key()).
 */
gboolean
pep_work_context_sign_own (PepWorkContext  *self,
                           GError         **error)
{
  g_autoptr(PepAuthority) own = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), FALSE);
  g_return_val_if_fail (pep_work_context_get_own (self) != NULL, FALSE);

  own = pep_authority_copy (pep_work_context_get_own (self));
  return pep_work_context_save_own (self, own, error);
}

/**
 * pep_work_context_set_verifier:
 *
 * How an imported profile's signature is checked (the authority's key, issue 12). With a
 * verifier, a profile that is unsigned or does not verify is refused; with none, profiles
 * are taken as they come.
 */
void
pep_work_context_set_verifier (PepWorkContext         *self,
                               PepAuthorityVerifyFunc  verify,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (PEP_IS_WORK_CONTEXT (self));

  if (self->verify_destroy != NULL)
    g_clear_pointer (&self->verify_data, self->verify_destroy);
  self->verify = verify;
  self->verify_data = user_data;
  self->verify_destroy = destroy;
}

/**
 * pep_work_context_get_verifier:
 * @verify: (out) (nullable): the verifier, or %NULL when none is set
 * @user_data: (out) (nullable): its data, which this context keeps alive
 *
 * For an import run on another thread's store (the app's exchange dialog), which calls
 * pep_xml_import_verified() with these.
 */
void
pep_work_context_get_verifier (PepWorkContext          *self,
                               PepAuthorityVerifyFunc  *verify,
                               gpointer                *user_data)
{
  g_return_if_fail (PEP_IS_WORK_CONTEXT (self));

  if (verify != NULL)
    *verify = self->verify;
  if (user_data != NULL)
    *user_data = self->verify_data;
}

/**
 * pep_work_context_set_accepted_keys:
 * @fingerprints: (nullable) (array zero-terminated=1): signing keys a person has confirmed
 *   (a school's designated teachers', listed by a dry run's report->new_keys)
 *
 * The next imports (pep_work_context_import_exchange()) pin these keys when they meet them.
 */
void
pep_work_context_set_accepted_keys (PepWorkContext     *self,
                                    const char * const *fingerprints)
{
  g_return_if_fail (PEP_IS_WORK_CONTEXT (self));

  g_strfreev (self->accepted_keys);
  self->accepted_keys = g_strdupv ((char **) fingerprints);
}

/**
 * pep_work_context_import_exchange:
 *
 * Imports a PEP exchange document as pep_xml_import() does, the sending authority's profile
 * verified with this context's verifier (a document whose profile does not verify is
 * refused whole), and takes up the profiles the file now holds.
 */
PepXmlImportReport *
pep_work_context_import_exchange (PepWorkContext     *self,
                                  const char         *data,
                                  gsize               length,
                                  PepXmlImportFlags   flags,
                                  GError            **error)
{
  g_autoptr(PepXmlImportReport) report = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);

  if (!(report = pep_xml_import_full (self->store, data, length, flags, self->verify,
                                      self->verify_data, (const char * const *) self->accepted_keys,
                                      error)))
    return NULL;
  if (!report->dry_run && report->authority != NULL && !pep_work_context_reload (self, error))
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * pep_work_context_import:
 * @as_own: the profile becomes the file's own (another officer of the same Virtual School)
 * @dry_run: check it and say whose it is, and keep nothing
 *
 * Takes in an authority's profile document: read and validated, its signature verified when
 * a verifier is set, then kept whole in one transaction. A refused profile changes nothing.
 *
 * Returns: (transfer full): the profile taken in
 */
PepAuthority *
pep_work_context_import (PepWorkContext  *self,
                         const char      *data,
                         gsize            length,
                         gboolean         as_own,
                         gboolean         dry_run,
                         GError         **error)
{
  g_autoptr(PepAuthority) profile = NULL;

  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (self), NULL);

  if (!(profile = pep_authority_new_from_xml (data, length, error)))
    return NULL;
  if (self->verify != NULL)
    {
      const char *key_id = NULL;
      const char *signature = pep_authority_get_signature (profile, &key_id);
      g_autoptr(GBytes) bytes = pep_authority_get_signed_bytes (profile);

      if (signature == NULL)
        {
          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
                       _("/AuthorityProfile: the profile is not signed by its authority"));
          return NULL;
        }
      if (!self->verify (profile, bytes, key_id, signature, self->verify_data, error))
        return NULL;
    }
  if (as_own && !pep_work_context_can_edit_rules (self))
    {
      refuse_rules_change (error);
      return NULL;
    }
  if (!as_own && pep_authority_get_la_code (profile) == NULL)
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("/AuthorityProfile/Authority: the profile names no authority (no LEA)"));
      return NULL;
    }
  if (!dry_run
      && (!pep_store_put_authority (self->store, profile, as_own, error)
          || !pep_work_context_reload (self, error)))
    return NULL;
  return g_steal_pointer (&profile);
}
