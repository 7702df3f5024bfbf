/* pep-application.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens files into windows: the one given on the command line, the one chosen with Open…,
 * or else the file open last time, or else the default file in the user's data folder. A
 * file the store refuses is explained in a dialog and left untouched; the app keeps running.
 */

#define G_LOG_DOMAIN "pep-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pep-accessible.h"
#include "pep-application.h"
#include "pep-field.h"
#include "pep-preferences-window.h"
#include "pep-qa-window.h"
#include "pep-settings.h"
#include "pep-window.h"

struct _PepApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  GSettings      *settings;

  /* Weak references: the working context of each open file */
  GPtrArray      *contexts;
};

G_DEFINE_FINAL_TYPE (PepApplication, pep_application, ADW_TYPE_APPLICATION)

/* How many files Open Recent remembers. */
#define MAX_RECENT_FILES 10

static void open_qa_window (PepApplication *self,
                            const char     *spec);

static PepWindow *
find_window (PepApplication *self,
             const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      PepStore *store;

      if (!PEP_IS_WINDOW (l->data))
        continue;
      store = pep_window_get_store (PEP_WINDOW (l->data));
      if (store != NULL && g_strcmp0 (pep_store_get_path (store), path) == 0)
        return PEP_WINDOW (l->data);
    }

  return NULL;
}

/**
 * pep_application_open_error_dialog:
 * @parent: (nullable): the window the dialog belongs to
 * @error: why the file was refused; its message is shown as it is, as plain text
 *
 * Returns: (transfer floating): an #AdwMessageDialog, not yet presented
 */
GtkWidget *
pep_application_open_error_dialog (GtkWindow    *parent,
                                   const GError *error)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  dialog = adw_message_dialog_new (parent, _("This File Cannot Be Opened"), NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  return dialog;
}

static void
show_open_error (PepApplication *self,
                 GtkWindow      *parent,
                 const GError   *error)
{
  GtkWidget *dialog = pep_application_open_error_dialog (parent, error);

  /* With no window to belong to, the dialog keeps the app running until it is closed. */
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
prepare_default_path (GError **error)
{
  g_autofree char *path = pep_settings_get_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  /* The folder holds children's records: private to the user. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The folder “%s” could not be made: %s"), display,
                   g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* Puts @path first in the recent-files key, once, keeping at most MAX_RECENT_FILES. */
static void
remember_recent (PepApplication *self,
                 const char     *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, absolute);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_FILES; i++)
    if (g_strcmp0 (old[i], absolute) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *) old, (const char * const *) recent))
    g_settings_set_strv (self->settings, "recent-files", (const char * const *) recent);
}

static void
open_default (PepApplication *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (self->settings != NULL)
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-file");

      if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
        {
          pep_application_open_path (self, last, FALSE);
          return;
        }
    }

  path = prepare_default_path (&error);
  if (path == NULL)
    {
      show_open_error (self, gtk_application_get_active_window (GTK_APPLICATION (self)), error);
      return;
    }

  pep_application_open_path (self, path, TRUE);
}

/**
 * pep_application_open_path:
 * @path: the file to open
 * @create: whether to create it when it does not exist
 *
 * Shows @path in a window: the window already showing it, or a new one. When the file is
 * refused, the reason is shown in a dialog; with no window open yet, the default file is
 * opened behind it so that the user has somewhere to go.
 */
void
pep_application_open_path (PepApplication *self,
                           const char     *path,
                           gboolean        create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  PepWindow *window;
  GtkWindow *parent;
  gboolean opened = FALSE;

  g_return_if_fail (PEP_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  window = find_window (self, path);
  if (window == NULL)
    {
      window = pep_window_new_for_path (self, path,
                                        create ? PEP_STORE_OPEN_CREATE : PEP_STORE_OPEN_DEFAULT,
                                        &error);
      opened = window != NULL;
    }

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      /* A tampered lock, and whose copy a file is when it does not say (asked once), once
       * the window has painted. */
      if (opened)
        pep_window_check_file_after_paint (window);
      if (g_str_has_prefix (g_getenv ("PEPSTUDIO_OPEN") ? g_getenv ("PEPSTUDIO_OPEN") : "", "qa"))
        open_qa_window (self, g_getenv ("PEPSTUDIO_OPEN"));
      /* For screenshots: PEPSTUDIO_OPEN=preferences, or preferences:authority for the
       * authority's rules. */
      if (g_str_has_prefix (g_getenv ("PEPSTUDIO_OPEN") ? g_getenv ("PEPSTUDIO_OPEN") : "", "preferences")
          && self->settings != NULL)
        {
          PepPreferencesWindow *preferences =
            pep_preferences_window_new (GTK_WINDOW (window), self->settings,
                                        pep_window_get_context (window));

          if (g_str_has_suffix (g_getenv ("PEPSTUDIO_OPEN"), ":authority"))
            adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                          "authority");
          gtk_window_present (GTK_WINDOW (preferences));
        }
      if (self->settings != NULL)
        {
          g_settings_set_string (self->settings, "last-file", path);
          remember_recent (self, path);
        }
      return;
    }

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  default_path = pep_settings_get_default_path ();
  if (parent == NULL && g_strcmp0 (path, default_path) != 0)
    {
      g_autofree char *fallback = prepare_default_path (NULL);

      if (fallback != NULL)
        window = pep_window_new_for_path (self, fallback, PEP_STORE_OPEN_CREATE, NULL);
      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          parent = GTK_WINDOW (window);
        }
    }

  show_open_error (self, parent, error);
}

GSettings *
pep_application_get_settings (PepApplication *self)
{
  g_return_val_if_fail (PEP_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* Actions --------------------------------------------------------------------------------- */

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        pep_application_open_path (self, path, FALSE);
    }

  g_object_unref (native);
  g_application_release (G_APPLICATION (self));
}

static void
pep_application_open_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) pep_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Open a PEP Studio File"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (pep_filter, _("PEP Studio files"));
  gtk_file_filter_add_pattern (pep_filter, "*.db");
  gtk_file_filter_add_pattern (pep_filter, "*.pep");
  gtk_file_filter_add_mime_type (pep_filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pep_filter);
  gtk_file_filter_set_name (all_filter, _("All files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_filter);

  g_application_hold (G_APPLICATION (self));
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
pep_application_open_recent_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);

  pep_application_open_path (self, g_variant_get_string (parameter, NULL), FALSE);
}

/* The context of the file @window shows, or of the first file open. */
static PepWorkContext *
context_of (PepApplication *self,
            GtkWindow      *window)
{
  PepStore *store = NULL;

  if (PEP_IS_WINDOW (window))
    store = pep_window_get_store (PEP_WINDOW (window));
  else if (PEP_IS_QA_WINDOW (window))
    store = pep_qa_window_get_store (PEP_QA_WINDOW (window));
  for (guint i = 0; i < self->contexts->len; i++)
    if (store == NULL || pep_work_context_get_store (g_ptr_array_index (self->contexts, i)) == store)
      return g_ptr_array_index (self->contexts, i);
  return NULL;
}

static void
pep_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PepPreferencesWindow *window;

  if (self->settings == NULL)
    return;

  window = pep_preferences_window_new (parent, self->settings, context_of (self, parent));
  gtk_window_present (GTK_WINDOW (window));
}

static void
pep_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);
  static const char *developers[] = { "The PEP Studio authors", NULL };

  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                         "transient-for", parent,
                         "modal", TRUE,
                         "application-name", _("PEP Studio"),
                         "application-icon", APP_ID,
                         "developer-name", _("The PEP Studio authors"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Personal Education Plans for children in care"),
                         "website", "https://github.com/pepstudio/pepstudio",
                         "issue-url", "https://github.com/pepstudio/pepstudio/issues",
                         "copyright", "© 2026 The PEP Studio authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);

  /* What libadwaita leaves unnamed in it (pep-accessible.c). */
  pep_accessible_fix_tree (about);
  gtk_window_present (GTK_WINDOW (about));
}

/* Quality Assurance…: the QA window on the file of the active window (or of the first
 * window), one per file. With PEPSTUDIO_OPEN=qa… in the environment, the window opens as
 * asked, for screenshots (pep_qa_window_open_from_spec()). */
static void
open_qa_window (PepApplication *self,
                const char     *spec)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  PepStore *store = NULL;
  PepQaWindow *qa;

  if (PEP_IS_QA_WINDOW (active))
    store = pep_qa_window_get_store (PEP_QA_WINDOW (active));
  else if (PEP_IS_WINDOW (active))
    store = pep_window_get_store (PEP_WINDOW (active));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       store == NULL && l != NULL; l = l->next)
    if (PEP_IS_WINDOW (l->data))
      store = pep_window_get_store (PEP_WINDOW (l->data));
  if (store == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PEP_IS_QA_WINDOW (l->data) && pep_qa_window_get_store (PEP_QA_WINDOW (l->data)) == store)
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }

  qa = pep_qa_window_new (self, store);
  gtk_window_present (GTK_WINDOW (qa));
  pep_qa_window_open_from_spec (qa, spec);
}

static void
pep_application_qa_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  open_qa_window (PEP_APPLICATION (user_data), NULL);
}

static void
pep_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PepApplication *self = PEP_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "open", pep_application_open_action },
  { "open-recent", pep_application_open_recent_action, "s" },
  { "preferences", pep_application_preferences_action },
  { "about", pep_application_about_action },
  { "qa", pep_application_qa_action },
  { "quit", pep_application_quit_action },
};

/* Closing by keyboard --------------------------------------------------------------------- */

/* Whether another shortcut of @window's own takes @event's key and did something with it:
 * its own Escape comes first (the QA window's, back to its lists, while it is reviewing). */
static gboolean
activate_own_shortcut (GtkWidget          *window,
                       GtkEventController *ours,
                       GdkEvent           *event)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint i = 0; event != NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (controller == G_OBJECT (ours) || !GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_trigger (gtk_shortcut_get_trigger (shortcut), event, FALSE)
              == GDK_KEY_MATCH_EXACT
              && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window,
                                               gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Escape or Ctrl+W on a window that is not a file's main window: it closes, as a dialog or
 * secondary window closes in GNOME, unless the window does something else with the key.
 * Decided as the key is pressed, for the window's type is not yet its own when it joins
 * the toplevels (its GtkWindow part is being made). */
static gboolean
close_secondary_window (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   controller)
{
  if (!GTK_IS_WINDOW (widget) || PEP_IS_WINDOW (widget))
    return FALSE;
  if (activate_own_shortcut (widget, controller,
                             gtk_event_controller_get_current_event (controller)))
    return TRUE;
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/* One controller on every window, however it is made: ours, libadwaita's (About) or GTK's
 * (the file chooser, printing, the shortcuts window), rather than a binding in each class.
 * In the bubble phase, so that what has the focus uses the key first (a search entry's
 * Escape); the window's own shortcuts for the key are tried before it closes (GTK runs the
 * controller added last first). */
static void
on_toplevels_changed (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      GtkEventController *controller;

      if (window == NULL || g_object_get_data (window, "pep-close-keys") != NULL)
        continue;
      g_object_set_data (window, "pep-close-keys", GINT_TO_POINTER (TRUE));
      controller = gtk_shortcut_controller_new ();
      gtk_event_controller_set_name (controller, "pep-close-keys");
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape|<Control>w"),
                          gtk_callback_action_new (close_secondary_window, controller, NULL)));
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
    }
}

/* GApplication ----------------------------------------------------------------------------- */

/* Working contexts ------------------------------------------------------------------------ */

/* Who is working: the name and role from the preferences (an account's name, a designated
 * teacher, when there are none). */
static void
get_actor (PepApplication  *self,
           char           **name,
           PepRole         *role)
{
  pep_settings_get_actor (self->settings, name, role);
}

static void
on_context_finalized (gpointer  data,
                      GObject  *where_the_object_was)
{
  PepApplication *self = data;

  g_ptr_array_remove (self->contexts, where_the_object_was);
}

/**
 * pep_application_dup_context:
 * @store: an open file
 *
 * The working context of @store: who you are, your role, and the file's authority
 * profiles. Every window on the same file shares it; it lives while a window holds it.
 *
 * Returns: (transfer full): the context
 */
PepWorkContext *
pep_application_dup_context (PepApplication  *self,
                             PepStore        *store,
                             GError         **error)
{
  g_autofree char *name = NULL;
  PepWorkContext *context;
  PepRole role;

  g_return_val_if_fail (PEP_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  for (guint i = 0; i < self->contexts->len; i++)
    if (pep_work_context_get_store (g_ptr_array_index (self->contexts, i)) == store)
      return g_object_ref (g_ptr_array_index (self->contexts, i));

  get_actor (self, &name, &role);
  if (!(context = pep_work_context_new (store, name, role, error)))
    return NULL;
  g_object_weak_ref (G_OBJECT (context), on_context_finalized, self);
  g_ptr_array_add (self->contexts, context);
  return context;
}

/* Your name or role changed: every file's context acts for you as you are now. */
static void
on_actor_changed (GSettings      *settings,
                  const char     *key,
                  PepApplication *self)
{
  g_autofree char *name = NULL;
  PepRole role;

  get_actor (self, &name, &role);
  for (guint i = 0; i < self->contexts->len; i++)
    pep_work_context_set_actor (g_ptr_array_index (self->contexts, i), name, role);
}

static void
pep_application_startup (GApplication *application)
{
  PepApplication *self = PEP_APPLICATION (application);
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *add_accels[] = { "<Control>n", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *dashboard_accels[] = { "<Control><Shift>d", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *carer_copy_accels[] = { "<Control><Shift>p", NULL };
  static const char *qa_accels[] = { "<Control><Shift>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (pep_application_parent_class)->startup (application);
  pep_accessible_init ();
  g_signal_connect (gtk_window_get_toplevels (), "items-changed",
                    G_CALLBACK (on_toplevels_changed), NULL);

  self->settings = pep_settings_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  /* With no schema there is nothing to set, and nothing remembered to open. */
  if (self->settings == NULL)
    {
      GAction *preferences = g_action_map_lookup_action (G_ACTION_MAP (self), "preferences");

      g_simple_action_set_enabled (G_SIMPLE_ACTION (preferences), FALSE);
    }
  else
    {
      g_signal_connect_object (self->settings, "changed::user-name", G_CALLBACK (on_actor_changed),
                               self, G_CONNECT_DEFAULT);
      g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (on_actor_changed),
                               self, G_CONNECT_DEFAULT);
    }
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  /* The window binds these keys itself; listing them here shows them in its menus. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-child", add_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.back", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.dashboard",
                                         dashboard_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.print-carer-copy",
                                         carer_copy_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.qa", qa_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
pep_application_activate (GApplication *application)
{
  PepApplication *self = PEP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  open_default (self);
}

static void
pep_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  PepApplication *self = PEP_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *uri = g_file_get_uri (files[i]);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not on this computer. Copy it here first, then open the "
                         "copy."), uri);
          if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
            open_default (self);
          show_open_error (self, gtk_application_get_active_window (GTK_APPLICATION (self)),
                           error);
          continue;
        }

      pep_application_open_path (self, path, FALSE);
    }
}

static void
pep_application_shutdown (GApplication *application)
{
  PepApplication *self = PEP_APPLICATION (application);

  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (pep_application_parent_class)->shutdown (application);
}

static void
pep_application_dispose (GObject *object)
{
  PepApplication *self = PEP_APPLICATION (object);

  g_clear_object (&self->settings);
  for (guint i = 0; self->contexts != NULL && i < self->contexts->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->contexts, i), on_context_finalized, self);
  g_clear_pointer (&self->contexts, g_ptr_array_unref);

  G_OBJECT_CLASS (pep_application_parent_class)->dispose (object);
}

static void
pep_application_class_init (PepApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pep_application_dispose;

  application_class->startup = pep_application_startup;
  application_class->activate = pep_application_activate;
  application_class->open = pep_application_open;
  application_class->shutdown = pep_application_shutdown;
}

static void
pep_application_init (PepApplication *self)
{
  self->contexts = g_ptr_array_new ();
}

/* PEP Studio is forms and lists, drawn well by cairo: without a renderer asked for, GDK is
 * told to leave OpenGL out, whose set-up was half of start-up and 70 MB on a machine without
 * a GPU driver (README, "Speed"), and GSK to draw with cairo (else it tries OpenGL first and
 * logs that it could not, for every window). GSK_RENDERER or GDK_DEBUG set by the user wins.
 * Called before GTK starts, by the app and by the benchmarks that time its windows. */
void
pep_application_choose_renderer (void)
{
  if (g_getenv ("GSK_RENDERER") == NULL && g_getenv ("GDK_DEBUG") == NULL)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
    }
}

PepApplication *
pep_application_new (void)
{
  return g_object_new (PEP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
