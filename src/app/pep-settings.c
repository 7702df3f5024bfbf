/* pep-settings.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-settings"

#include "config.h"

#include "pep-settings.h"

/*
 * pep_settings_new:
 *
 * Looks the schema up where GLib looks for installed schemas (and GSETTINGS_SCHEMA_DIR);
 * failing that, in the build folder, so that `./build/src/app/pepstudio` runs with no
 * environment set. With no schema anywhere it returns %NULL: the app runs and simply does
 * not remember its window size or last file.
 */
GSettings *
pep_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build_source = NULL;
      g_autoptr(GError) error = NULL;

      build_source = g_settings_schema_source_new_from_directory (BUILD_DATADIR, source, FALSE,
                                                                  &error);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
      else
        g_debug ("No schemas in the build folder: %s", error->message);
    }

  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed; window size and the last file "
                 "will not be remembered", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/*
 * pep_settings_get_default_path:
 *
 * The file PEP Studio opens when it is given none: peps.db in a private folder of the
 * user's data directory.
 */
char *
pep_settings_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pepstudio", "peps.db", NULL);
}

/*
 * pep_settings_get_actor:
 * @settings: (nullable): the app's settings, or %NULL when the schema is missing
 * @name: (out) (transfer full): the user's name from the preferences, or the account's
 * @role: (out): their role, a designated teacher unless the preferences say otherwise
 *
 * Who is making the changes that follow, for the working context and the audit trail.
 */
void
pep_settings_get_actor (GSettings  *settings,
                        char      **name,
                        PepRole    *role)
{
  g_autofree char *role_nick = settings ? g_settings_get_string (settings, "role") : NULL;

  *name = settings ? g_settings_get_string (settings, "user-name") : NULL;
  *role = PEP_ROLE_DESIGNATED_TEACHER;
  if (*name == NULL || **name == '\0')
    {
      const char *real = g_get_real_name ();

      g_free (*name);
      *name = g_strdup (real && *real && g_strcmp0 (real, "Unknown") != 0 ? real : g_get_user_name ());
    }
  if (role_nick != NULL)
    pep_role_from_nick (role_nick, role);
}
