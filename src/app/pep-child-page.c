/* pep-child-page.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history is read with pep_plan_next_list_history() (a handful of rows per child) and
 * shown through a GtkListBox bound to it. "Start This Term’s PEP" makes the term's PEP from
 * the last one (pep_plan_next_start()); when the term has its PEP already, a further one is
 * an unscheduled review and asks for its reason. The child's episodes in care and schools are
 * rows of their own, added and corrected in PepHistoryDialog; the child's fields that stand
 * for the latest of each are shown there rather than as fields.
 */

#define G_LOG_DOMAIN "pep-child-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-child-history.h"
#include "pep-child-name.h"
#include "pep-child-page.h"
#include "pep-field-rows.h"
#include "pep-history-dialog.h"
#include "pep-plan-next.h"

struct _PepChildPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  GtkListBox          *history_list;
  GtkWidget           *history_empty_label;
  GtkWidget           *new_button;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *care_group;
  AdwPreferencesGroup *school_group;
  AdwPreferencesGroup *people_group;

  /* Owned references */
  PepEditSession      *session;
  GListModel          *history;
  GPtrArray           *detail_rows;   /* (container, row) pairs added to the groups */

  /* Plain state */
  char                *title;
  PepTermId            term;
};

G_DEFINE_FINAL_TYPE (PepChildPage, pep_child_page, GTK_TYPE_WIDGET)

enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
year_label (gint64 nc_year)
{
  if (nc_year == -2)
    return g_strdup (_("Age 2"));
  if (nc_year == -1)
    return g_strdup (_("Nursery"));
  if (nc_year == 0)
    return g_strdup (_("Reception"));
  return g_strdup_printf (_("Year %d"), (int) nc_year);
}

static void
update_heading (PepChildPage *self)
{
  PepRecord *child = pep_edit_session_get_child (self->session);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const PepFieldInfo *dob = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_DOB);
  g_autofree char *summary = NULL;

  g_free (self->title);
  self->title = pep_child_record_display_name (child);
  gtk_label_set_text (self->name_label, self->title);

  if (pep_record_has (child, PEP_CHILD_NC_YEAR))
    g_ptr_array_add (parts, year_label (pep_record_get_int (child, PEP_CHILD_NC_YEAR, 0)));
  if (pep_record_has (child, PEP_CHILD_DOB))
    {
      g_autofree char *date = pep_field_describe (dob, pep_record_get (child, PEP_CHILD_DOB));
      /* Translators: the child's date of birth */
      g_ptr_array_add (parts, g_strdup_printf (_("Born %s"), date));
    }
  if (pep_record_has (child, PEP_CHILD_UPN))
    g_ptr_array_add (parts, g_strdup_printf ("UPN %s", pep_record_get_text (child, PEP_CHILD_UPN)));
  g_ptr_array_add (parts, NULL);
  summary = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_text (self->summary_label, summary);
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  PepPlan *plan = PEP_PLAN (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *term_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  PepTermId term;

  pep_plan_get_term (plan, &term);
  term_text = pep_term_format_long (&term);
  if (pep_plan_is_unscheduled (plan))
    /* Translators: a term, then the reason for an unscheduled review */
    title = g_strdup_printf (_("%s, unscheduled review: %s"), term_text,
                             pep_plan_get_review_reason (plan));
  else if (pep_plan_get_amends_id (plan) != 0)
    /* Translators: a term; the PEP corrects one signed off before */
    title = g_strdup_printf (_("%s, amendment"), term_text);
  else
    title = g_strdup (term_text);
  subtitle = g_strdup_printf ("%s · %s", pep_kind_to_label (pep_plan_get_kind (plan)),
                              pep_status_to_label (pep_plan_get_status (plan)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "child.open-plan");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", pep_plan_get_id (plan));
  return row;
}

static gboolean
has_termly_plan (PepChildPage *self)
{
  guint n = g_list_model_get_n_items (self->history);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PepPlan) plan = g_list_model_get_item (self->history, i);
      PepTermId term;

      pep_plan_get_term (plan, &term);
      if (pep_term_compare (&term, &self->term) == 0 && !pep_plan_is_unscheduled (plan)
          && pep_plan_get_amends_id (plan) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
load_history (PepChildPage  *self,
              GError       **error)
{
  g_autoptr(GListModel) history = NULL;
  gboolean can_start;

  history = pep_plan_next_list_history (pep_edit_session_get_store (self->session),
                                        pep_record_get_id (pep_edit_session_get_child (self->session)),
                                        error);
  if (history == NULL)
    return FALSE;
  g_set_object (&self->history, history);
  gtk_list_box_bind_model (self->history_list, self->history, create_history_row, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), g_list_model_get_n_items (history) > 0);
  gtk_widget_set_visible (self->history_empty_label, g_list_model_get_n_items (history) == 0);

  can_start = pep_edit_session_get_workflow (self->session) == NULL
              || pep_role_can (pep_edit_session_get_role (self->session), PEP_OPERATION_EDIT_TEACHER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.new-plan",
                                 can_start && !has_termly_plan (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.new-review", can_start);
  gtk_widget_set_visible (self->new_button, can_start && !has_termly_plan (self));
  return TRUE;
}

static void
clear_details (PepChildPage *self)
{
  for (guint i = 0; self->detail_rows != NULL && i + 1 < self->detail_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->detail_rows, i),
                                  g_ptr_array_index (self->detail_rows, i + 1));
  if (self->detail_rows != NULL)
    g_ptr_array_set_size (self->detail_rows, 0);
}

/* The child's fields that the histories hold: edited as episodes and schools. */
static gboolean
shown_in_history (guint field)
{
  return field == PEP_CHILD_ENTERED_CARE || field == PEP_CHILD_LEGAL_STATUS
         || field == PEP_CHILD_PLACEMENT_TYPE || field == PEP_CHILD_SCHOOL_URN
         || field == PEP_CHILD_SCHOOL_START;
}

static void
add_details (PepChildPage        *self,
             AdwPreferencesGroup *group,
             PepSection           section)
{
  PepRecord *child = pep_edit_session_get_child (self->session);

  for (guint i = 0; i < PEP_CHILD_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, i);
      GtkWidget *row;

      if (info->section != section || !pep_edit_session_can_see (self->session, info)
          || shown_in_history (i))
        continue;
      row = pep_field_rows_add (GTK_WIDGET (group), self->session, child, i);
      /* Each field row comes with its message row, just after it. */
      g_ptr_array_add (self->detail_rows, group);
      g_ptr_array_add (self->detail_rows, row);
      g_ptr_array_add (self->detail_rows, group);
      g_ptr_array_add (self->detail_rows, gtk_widget_get_next_sibling (row));
    }
}

static char *
format_day (const GDate *date)
{
  return pep_date_format (date);
}

static const char *
choice_label (guint       field,
              const char *nick)
{
  const PepChoice *choice = nick ? pep_field_find_choice (pep_table_get_field (PEP_TABLE_CHILD, field), nick) : NULL;

  return choice ? _(choice->label) : NULL;
}

/* A row of a history: its title and subtitle, and buttons to correct and remove it. */
static GtkWidget *
history_row (const char *title,
             const char *subtitle,
             const char *edit_action,
             const char *remove_action,
             guint       index,
             gboolean    editable)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (editable)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (edit, _("Correct"));
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), edit_action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "u", index);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), remove_action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", index);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static void
add_history_row (PepChildPage        *self,
                 AdwPreferencesGroup *group,
                 GtkWidget           *row)
{
  pep_accessible_fix_tree (row);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->detail_rows, group);
  g_ptr_array_add (self->detail_rows, row);
}

/* The episodes in care and the schools, newest first, above the other care and school
 * details. */
static void
add_histories (PepChildPage *self)
{
  PepStore *store = pep_edit_session_get_store (self->session);
  gint64 id = pep_record_get_id (pep_edit_session_get_child (self->session));
  g_autoptr(GPtrArray) episodes = pep_store_list_care_episodes (store, id, NULL);
  g_autoptr(GPtrArray) spells = pep_store_list_school_history (store, id, NULL);
  gboolean care_editable = pep_edit_session_can_edit (self->session, PEP_SECTION_CARE);
  gboolean school_editable = pep_edit_session_can_edit (self->session, PEP_SECTION_SCHOOL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.add-episode", care_editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.add-school", school_editable);
  for (guint i = episodes ? episodes->len : 0; i-- > 0;)
    {
      const PepCareEpisode *e = g_ptr_array_index (episodes, i);
      g_autofree char *entered = format_day (&e->entered);
      g_autofree char *left = g_date_valid (&e->left) ? format_day (&e->left) : NULL;
      g_autofree char *title = left
        /* Translators: an episode in care, from one date to another */
        ? g_strdup_printf (_("In care %s to %s"), entered, left)
        /* Translators: an episode in care still going on, from a date */
        : g_strdup_printf (_("In care since %s"), entered);
      const char *legal = choice_label (PEP_CHILD_LEGAL_STATUS, e->legal_status);
      const char *placement = choice_label (PEP_CHILD_PLACEMENT_TYPE, e->placement_type);
      g_autofree char *subtitle = g_strjoin (" · ", legal ? legal : _("Legal status not entered"),
                                             placement ? placement : _("Placement not entered"), NULL);

      add_history_row (self, self->care_group,
                       history_row (title, subtitle, "child.edit-episode", "child.remove-episode",
                                    i, care_editable));
    }
  for (guint i = spells ? spells->len : 0; i-- > 0;)
    {
      const PepSchoolSpell *s = g_ptr_array_index (spells, i);
      g_autoptr(PepRecord) school = pep_store_load_school (store, s->school_urn, NULL);
      g_autofree char *title = school && pep_record_get_text (school, PEP_SCHOOL_NAME)
        ? g_strdup (pep_record_get_text (school, PEP_SCHOOL_NAME))
        /* Translators: a school this file does not describe, by its URN */
        : g_strdup_printf (_("School %" G_GINT64_FORMAT), s->school_urn);
      g_autofree char *from = g_date_valid (&s->started) ? format_day (&s->started) : NULL;
      g_autofree char *to = g_date_valid (&s->ended) ? format_day (&s->ended) : NULL;
      g_autofree char *subtitle = NULL;

      if (from && to)
        /* Translators: at a school from one date to another */
        subtitle = g_strdup_printf (_("From %s to %s"), from, to);
      else if (from)
        subtitle = g_strdup_printf (_("Since %s"), from);
      else if (to)
        subtitle = g_strdup_printf (_("Until %s"), to);
      add_history_row (self, self->school_group,
                       history_row (title, subtitle, "child.edit-school", "child.remove-school",
                                    i, school_editable));
    }
}

/* The child as the file now has it, after a change to their histories. */
static void
reload_child (PepChildPage *self)
{
  /* Held here: showing the child again drops the session that holds them. */
  g_autoptr(PepStore) store = g_object_ref (pep_edit_session_get_store (self->session));
  PepWorkflow *current = pep_edit_session_get_workflow (self->session);
  g_autoptr(PepWorkflow) workflow = current ? g_object_ref (current) : NULL;
  gint64 id = pep_record_get_id (pep_edit_session_get_child (self->session));
  g_autoptr(GError) error = NULL;
  PepTermId term = self->term;
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double where = gtk_adjustment_get_value (scroll);

  if (!pep_child_page_set_child (self, store, id, workflow, &term, &error))
    g_warning ("The child could not be shown again: %s", error->message);
  /* Where the user was, not the top. */
  gtk_adjustment_set_value (scroll, where);
}

static void
on_child_edited (PepChildPage *self,
                 guint         table)
{
  if (table == PEP_TABLE_CHILD)
    update_heading (self);
}

static void
drop_session (PepChildPage *self)
{
  if (self->session == NULL)
    return;
  pep_edit_session_flush (self->session);
  g_signal_handlers_disconnect_by_data (self->session, self);
  clear_details (self);
  gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->history);
  g_clear_object (&self->session);
}

static void
on_history_list_row_activated (PepChildPage  *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list)
{
  /* The row's action (child.open-plan) does the work. */
}

/* Actions --------------------------------------------------------------------------------- */

static void
toast (PepChildPage *self,
       const char   *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), text);
}

static void
child_open_plan (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PepChildPage *self = PEP_CHILD_PAGE (widget);

  pep_child_page_flush (self);
  g_signal_emit (self, signals[OPEN_PLAN], 0, g_variant_get_int64 (parameter));
}

static void
child_new_plan (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepChildPage *self = PEP_CHILD_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = pep_child_page_start_plan (self, NULL, &error);

  if (id == 0)
    toast (self, error->message);
  else
    g_signal_emit (self, signals[OPEN_PLAN], 0, id);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "start", *text != '\0');
}

static void
on_review_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PepChildPage     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_strcmp0 (response, "start") != 0)
    return;
  id = pep_child_page_start_plan (self, gtk_editable_get_text (entry), &error);
  if (id == 0)
    toast (self, error->message);
  else
    g_signal_emit (self, signals[OPEN_PLAN], 0, id);
}

static void
child_new_review (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PepChildPage *self = PEP_CHILD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Unscheduled Review"),
                                                       _("A review outside the termly cycle, "
                                                         "after a significant change of "
                                                         "placement or education. Why is it "
                                                         "held?")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: change of placement"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "start", _("_Start Review"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "start", FALSE);
  adw_message_dialog_set_default_response (dialog, "start");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_review_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_history_dialog (PepChildPage   *self,
                     PepHistoryKind  kind,
                     guint           index)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  pep_child_page_flush (self);
  dialog = pep_history_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   pep_edit_session_get_store (self->session),
                                   pep_record_get_id (pep_edit_session_get_child (self->session)),
                                   kind, index, &error);
  if (dialog == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload_child), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
child_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepChildPage *self = PEP_CHILD_PAGE (widget);
  PepHistoryKind kind = strstr (action_name, "school") ? PEP_HISTORY_SCHOOLS : PEP_HISTORY_CARE;
  guint index = parameter ? g_variant_get_uint32 (parameter) : G_MAXUINT;

  if (g_str_has_prefix (action_name, "child.remove-"))
    {
      g_autoptr(GError) error = NULL;

      if (!pep_child_page_remove_history (self, kind, index, &error))
        toast (self, error->message);
      return;
    }
  open_history_dialog (self, kind, index);
}

/* GObject --------------------------------------------------------------------------------- */

static void
pep_child_page_dispose (GObject *object)
{
  PepChildPage *self = PEP_CHILD_PAGE (object);

  drop_session (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_CHILD_PAGE);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pep_child_page_parent_class)->dispose (object);
}

static void
pep_child_page_finalize (GObject *object)
{
  PepChildPage *self = PEP_CHILD_PAGE (object);

  g_free (self->title);

  G_OBJECT_CLASS (pep_child_page_parent_class)->finalize (object);
}

static gboolean
pep_child_page_grab_focus (GtkWidget *widget)
{
  PepChildPage *self = PEP_CHILD_PAGE (widget);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->history_list, 0);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  if (first != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (first));
  return gtk_widget_child_focus (GTK_WIDGET (self->scrolled_window), GTK_DIR_TAB_FORWARD);
}

static void
pep_child_page_class_init (PepChildPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_child_page_dispose;
  object_class->finalize = pep_child_page_finalize;
  widget_class->grab_focus = pep_child_page_grab_focus;

  /**
   * PepChildPage::open-plan:
   * @plan_id: the PEP to open
   */
  signals[OPEN_PLAN] =
    g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "childpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-child-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, history_empty_label);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, care_group);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, school_group);
  gtk_widget_class_bind_template_child (widget_class, PepChildPage, people_group);
  gtk_widget_class_bind_template_callback (widget_class, on_history_list_row_activated);

  gtk_widget_class_install_action (widget_class, "child.open-plan", "x", child_open_plan);
  gtk_widget_class_install_action (widget_class, "child.new-plan", NULL, child_new_plan);
  gtk_widget_class_install_action (widget_class, "child.new-review", NULL, child_new_review);
  gtk_widget_class_install_action (widget_class, "child.add-episode", NULL, child_history_action);
  gtk_widget_class_install_action (widget_class, "child.edit-episode", "u", child_history_action);
  gtk_widget_class_install_action (widget_class, "child.remove-episode", "u", child_history_action);
  gtk_widget_class_install_action (widget_class, "child.add-school", NULL, child_history_action);
  gtk_widget_class_install_action (widget_class, "child.edit-school", "u", child_history_action);
  gtk_widget_class_install_action (widget_class, "child.remove-school", "u", child_history_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "child.new-plan", NULL);
}

static void
pep_child_page_init (PepChildPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  self->detail_rows = g_ptr_array_new ();
}

GtkWidget *
pep_child_page_new (void)
{
  return g_object_new (PEP_TYPE_CHILD_PAGE, NULL);
}

/**
 * pep_child_page_set_child:
 * @workflow: (nullable): who is editing, in which role
 * @term: the term the window shows, for "Start This Term’s PEP"
 *
 * Shows the child @child_id from @store. What was typed for the child shown before is
 * written first.
 */
gboolean
pep_child_page_set_child (PepChildPage     *self,
                          PepStore         *store,
                          gint64            child_id,
                          PepWorkflow      *workflow,
                          const PepTermId  *term,
                          GError          **error)
{
  g_autoptr(PepRecord) child = NULL;

  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), FALSE);
  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  drop_session (self);
  child = pep_store_load_child (store, child_id, error);
  if (child == NULL)
    return FALSE;

  self->term = *term;
  self->session = pep_edit_session_new (store, NULL, child, workflow);
  g_signal_connect_object (self->session, "edited", G_CALLBACK (on_child_edited), self,
                           G_CONNECT_SWAPPED);
  update_heading (self);
  if (!load_history (self, error))
    return FALSE;

  add_histories (self);
  add_details (self, self->identity_group, PEP_SECTION_IDENTITY);
  add_details (self, self->care_group, PEP_SECTION_CARE);
  add_details (self, self->school_group, PEP_SECTION_SCHOOL);
  add_details (self, self->people_group, PEP_SECTION_PEOPLE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

/* Writes what was typed, then shows nothing. */
void
pep_child_page_clear (PepChildPage *self)
{
  g_return_if_fail (PEP_IS_CHILD_PAGE (self));
  drop_session (self);
}

gboolean
pep_child_page_flush (PepChildPage *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), FALSE);
  return self->session == NULL || pep_edit_session_flush (self->session);
}

gint64
pep_child_page_get_child_id (PepChildPage *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), 0);
  return self->session ? pep_record_get_id (pep_edit_session_get_child (self->session)) : 0;
}

const char *
pep_child_page_get_title (PepChildPage *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), NULL);
  return self->title;
}

/**
 * pep_child_page_get_history:
 *
 * Returns: (transfer none) (nullable): the child's PEPs, newest first (#PepPlan headers)
 */
GListModel *
pep_child_page_get_history (PepChildPage *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), NULL);
  return self->history;
}

PepEditSession *
pep_child_page_get_session (PepChildPage *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), NULL);
  return self->session;
}

/**
 * pep_child_page_start_plan:
 * @review_reason: (nullable): for an unscheduled review, its reason
 *
 * Starts the child's PEP for the page's term from their last one (what "Start This Term’s
 * PEP" and "Unscheduled Review…" do).
 *
 * Returns: the new PEP's id, or 0 with @error set
 */
gint64
pep_child_page_start_plan (PepChildPage  *self,
                           const char    *review_reason,
                           GError       **error)
{
  g_autoptr(PepPlan) plan = NULL;
  PepRole role;

  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), 0);
  g_return_val_if_fail (self->session != NULL, 0);

  role = pep_edit_session_get_role (self->session);
  if (pep_edit_session_get_workflow (self->session) != NULL
      && !pep_role_check (role, PEP_OPERATION_EDIT_TEACHER, error))
    return 0;

  pep_child_page_flush (self);
  plan = pep_plan_next_start (pep_edit_session_get_store (self->session),
                              pep_record_get_id (pep_edit_session_get_child (self->session)),
                              &self->term, review_reason, error);
  if (plan == NULL)
    return 0;
  load_history (self, NULL);
  return pep_plan_get_id (plan);
}

/**
 * pep_child_page_remove_history:
 * @index: the row, earliest first, as pep_store_list_care_episodes() and
 *   pep_store_list_school_history() give them
 *
 * Removes an episode in care or a school from the child shown (what the rows' Remove
 * buttons do), through the core's checks.
 */
gboolean
pep_child_page_remove_history (PepChildPage    *self,
                               PepHistoryKind   kind,
                               guint            index,
                               GError         **error)
{
  PepStore *store;
  gint64 id;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_CHILD_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  store = pep_edit_session_get_store (self->session);
  id = pep_record_get_id (pep_edit_session_get_child (self->session));
  pep_child_page_flush (self);
  rows = kind == PEP_HISTORY_CARE ? pep_store_list_care_episodes (store, id, error)
                                  : pep_store_list_school_history (store, id, error);
  if (rows == NULL)
    return FALSE;
  if (index < rows->len)
    g_ptr_array_remove_index (rows, index);
  ok = kind == PEP_HISTORY_CARE ? pep_store_set_care_episodes (store, id, rows, error)
                                : pep_store_set_school_history (store, id, rows, error);
  if (ok)
    reload_child (self);
  return ok;
}
