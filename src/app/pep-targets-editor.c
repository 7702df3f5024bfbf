/* pep-targets-editor.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per target, rebuilt when targets are added, removed or moved; its title,
 * subtitle and hint follow the fields as they are typed.
 *
 * The same machinery edits the additional-funding requests of the Pupil Premium Plus section
 * (pep_targets_editor_new_for_table()): what differs between the two tables is in a RowsKind.
 * The Virtual School's decision on a request is shown, never edited here: the workflow has no
 * operation for deciding a funding request, so no role may set it in the editor.
 */

#define G_LOG_DOMAIN "pep-targets-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-field-rows.h"
#include "pep-targets-editor.h"

/* Rows shown with the first frame (about a window's worth below the page's heading and the
 * review of the last PEP's targets), then how many at each frame after the first: made new,
 * or kept from before (spare, only shown again: cheaper). */
#define ROWS_AT_ONCE  6
#define ROWS_PER_FRAME 2
#define SPARES_PER_FRAME 6

typedef struct _RowsKind RowsKind;

typedef struct
{
  gint64     id;
  GtkWidget *expander;
  GtkWidget *hint_row;
  GtkWidget *hint_icon;
  GtkWidget *up_button;     /* with remove_button, NULL when not editable */
  GtkWidget *down_button;
  GtkWidget *remove_button;
} TargetRow;

struct _PepTargetsEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  AdwButtonContent    *add_content;
  GtkWidget           *empty_row;

  const RowsKind      *kind;

  /* Owned references */
  PepEditSession      *session;
  GArray              *rows;   /* TargetRow, every target's; widgets for the first n_built */
  GArray              *spares; /* TargetRow, rows kept hidden for targets to come (id 0),
                                  after the rows shown in the group, in its order */

  /* Plain state */
  gint64               focus_id;
  guint                n_built;
  guint                build_tick;
  guint                frames;     /* since build_tick was added */
  gboolean             editable;
};

G_DEFINE_FINAL_TYPE (PepTargetsEditor, pep_targets_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
target_hint (PepEditSession *session,
             PepRecord      *target)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (pep_edit_session_get_value (session, target, PEP_TARGET_SUCCESS_CRITERIA) == NULL)
    g_ptr_array_add (missing, (gpointer) _("success criteria"));
  if (pep_edit_session_get_value (session, target, PEP_TARGET_OWNER) == NULL)
    g_ptr_array_add (missing, (gpointer) _("who is responsible"));
  if (pep_edit_session_get_value (session, target, PEP_TARGET_DUE) == NULL)
    g_ptr_array_add (missing, (gpointer) _("a date"));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  {
    g_autofree char *list = g_strjoinv (_(", "), (char **) missing->pdata);
    /* Translators: what a target still lacks, e.g. "success criteria, a date" */
    return g_strdup_printf (_("This target still needs %s."), list);
  }
}

static void
target_titles (PepEditSession *session,
               PepRecord      *target,
               char          **title,
               char          **subtitle)
{
  const PepFieldInfo *area_info = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_AREA);
  GVariant *description = pep_edit_session_get_value (session, target, PEP_TARGET_DESCRIPTION);
  GVariant *area = pep_edit_session_get_value (session, target, PEP_TARGET_AREA);

  *title = g_strdup (description ? g_variant_get_string (description, NULL) : _("New target"));
  *subtitle = area ? pep_field_format (area_info, area) : g_strdup (_("No area chosen"));
}

static char *
funding_hint (PepEditSession *session,
              PepRecord      *request)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (pep_edit_session_get_value (session, request, PEP_FUNDING_REQUEST_AMOUNT) == NULL)
    g_ptr_array_add (missing, (gpointer) _("an amount"));
  if (pep_edit_session_get_value (session, request, PEP_FUNDING_REQUEST_RATIONALE) == NULL)
    g_ptr_array_add (missing, (gpointer) _("a rationale"));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  {
    g_autofree char *list = g_strjoinv (_(", "), (char **) missing->pdata);
    /* Translators: what a funding request still lacks, e.g. "an amount, a rationale" */
    return g_strdup_printf (_("This request still needs %s."), list);
  }
}

static void
funding_titles (PepEditSession *session,
                PepRecord      *request,
                char          **title,
                char          **subtitle)
{
  GVariant *amount = pep_edit_session_get_value (session, request, PEP_FUNDING_REQUEST_AMOUNT);
  GVariant *decision = pep_edit_session_get_value (session, request,
                                                   PEP_FUNDING_REQUEST_DECISION);

  *title = amount ? pep_field_format (pep_table_get_field (PEP_TABLE_FUNDING_REQUEST,
                                                           PEP_FUNDING_REQUEST_AMOUNT), amount)
                  : g_strdup (_("New funding request"));
  if (decision != NULL)
    {
      g_autofree char *text = pep_field_format (pep_table_get_field (PEP_TABLE_FUNDING_REQUEST,
                                                                     PEP_FUNDING_REQUEST_DECISION),
                                                decision);
      /* Translators: the Virtual School's decision on a funding request, e.g. "Decision: Agreed" */
      *subtitle = g_strdup_printf (_("Decision: %s"), text);
    }
  else
    *subtitle = g_strdup (_("Not decided yet"));
}

static gboolean
funding_read_only (guint field)
{
  /* Set by the Virtual School; the workflow has no operation for it (see the top). */
  return field == PEP_FUNDING_REQUEST_DECISION || field == PEP_FUNDING_REQUEST_DECISION_NOTE;
}

struct _RowsKind
{
  PepTable     table;
  gboolean     movable;
  guint        focus_field;
  const char  *title;
  const char  *description;
  const char  *add_label;
  const char  *add_tooltip;
  const char  *empty;
  const char  *remove_tooltip;
  const char  *remove_heading;
  const char  *remove_body;
  char      *(*hint)      (PepEditSession *session, PepRecord *row);
  void       (*titles)    (PepEditSession *session, PepRecord *row, char **title, char **subtitle);
  gboolean   (*read_only) (guint field);
  void       (*init)      (PepRecord *row);
};

static void
target_init (PepRecord *target)
{
  pep_record_set_text (target, PEP_TARGET_AREA, "academic");
}

static const RowsKind target_kind = {
  PEP_TABLE_TARGET, TRUE, PEP_TARGET_DESCRIPTION,
  N_("This Term’s Targets"),
  N_("Each target with its success criteria, who is responsible and by when"),
  N_("_Add Target"), N_("Add a Target"), N_("No targets yet"), N_("Remove Target"),
  N_("Remove This Target?"),
  N_("The target and everything written for it are removed from this PEP. The audit trail "
     "keeps a record of the removal."),
  target_hint, target_titles, NULL, target_init,
};

static const RowsKind funding_kind = {
  PEP_TABLE_FUNDING_REQUEST, FALSE, PEP_FUNDING_REQUEST_AMOUNT,
  N_("Additional Funding Requests"),
  N_("Each request with its amount, why it is needed, the evidence-based intervention and "
     "what it should achieve. The Virtual School records its decision."),
  N_("_Add Request"), N_("Add a Funding Request"), N_("No funding requests"),
  N_("Remove Request"),
  N_("Remove This Funding Request?"),
  N_("The request and everything written for it are removed from this PEP. The audit trail "
     "keeps a record of the removal."),
  funding_hint, funding_titles, funding_read_only, NULL,
};

static void
update_row (PepTargetsEditor *self,
            TargetRow        *tr)
{
  PepRecord *target = pep_edit_session_find_record (self->session, self->kind->table, tr->id);
  g_autofree char *hint = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (target == NULL)
    return;
  self->kind->titles (self->session, target, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tr->expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (tr->expander), subtitle);
  pep_accessible_fix_tree (tr->expander);

  hint = self->kind->hint (self->session, target);
  if (hint != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tr->hint_row), hint);
  gtk_widget_set_visible (tr->hint_row, hint != NULL);
  gtk_widget_set_visible (tr->hint_icon, hint != NULL);
  gtk_widget_set_tooltip_text (tr->hint_icon, hint);
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *action,
                 gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
    }
  else
    {
      gtk_widget_set_sensitive (button, FALSE);
    }
  return button;
}

static void
stop_making_rows (PepTargetsEditor *self)
{
  if (self->build_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_tick);
  self->build_tick = 0;
  pep_field_rows_set_pending (GTK_WIDGET (self), NULL);
}

/* A target's fields, made when it is first opened (pep_field_rows_defer). */
static void
fill_row (GtkWidget *expander,
          gint64     target_id,
          gpointer   user_data)
{
  PepTargetsEditor *self = user_data;
  const RowsKind *kind = self->kind;
  PepRecord *target = pep_edit_session_find_record (self->session, kind->table, target_id);

  if (target == NULL)
    return;

  if (kind->read_only == NULL)
    pep_field_rows_add_record (expander, self->session, target, -1);
  else
    for (guint f = 0; f < pep_table_get_n_fields (kind->table); f++)
      {
        const PepFieldInfo *info = pep_table_get_field (kind->table, f);

        if (!pep_field_applies_to (info, pep_edit_session_get_kind (self->session))
            || !pep_edit_session_can_see (self->session, info))
          continue;
        if (kind->read_only (f))
          pep_field_rows_add_read_only (expander, self->session, target, f);
        else
          pep_field_rows_add (expander, self->session, target, f);
      }
}

static void
retarget_button (GtkWidget  *button,
                 const char *action,
                 gint64      id)
{
  if (button == NULL)
    return;
  /* The target first: a button made without an action has none, and GTK warns of an action
   * whose target does not match its parameter. */
  if (action != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_sensitive (button, action != NULL);
}

/* A row kept from the rows before (another PEP's, or before a change), showing target @i. */
static void
reuse_row (PepTargetsEditor *self,
           TargetRow        *tr,
           guint             i)
{
  retarget_button (tr->remove_button, "targets.remove", tr->id);
  retarget_button (tr->down_button, i + 1 < self->rows->len ? "targets.move-down" : NULL, tr->id);
  retarget_button (tr->up_button, i > 0 ? "targets.move-up" : NULL, tr->id);
  update_row (self, tr);
}

/* The target just added, or asked for by a link: opened, its first field focused. */
static void
open_if_asked (PepTargetsEditor *self,
               TargetRow        *tr)
{
  GtkWidget *description;

  if (tr->id != self->focus_id)
    return;
  description = pep_field_rows_find (tr->expander, self->kind->table, tr->id,
                                     self->kind->focus_field);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (tr->expander), TRUE);
  if (description != NULL)
    gtk_widget_grab_focus (description);
}

/* The row of the next target not shown yet: a spare one, or made and appended after those
 * shown. */
static void
make_next_row (PepTargetsEditor *self)
{
  const RowsKind *kind = self->kind;
  TargetRow *tr = &g_array_index (self->rows, TargetRow, self->n_built);
  guint i = self->n_built++;
  GtkWidget *icon;

  if (self->spares->len > 0)
    {
      gint64 id = tr->id;

      *tr = g_array_index (self->spares, TargetRow, 0);
      g_array_remove_index (self->spares, 0);
      tr->id = id;
      pep_field_rows_redefer (tr->expander, id);
      reuse_row (self, tr, i);
      gtk_widget_set_visible (tr->expander, TRUE);
      open_if_asked (self, tr);
      return;
    }

  tr->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (tr->expander), FALSE);
  if (self->editable)
    {
      /* Each action goes in front of the last: added from the right. */
      tr->remove_button = icon_button_new ("user-trash-symbolic", _(kind->remove_tooltip),
                                           "targets.remove", tr->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (tr->expander), tr->remove_button);
    }
  if (self->editable && kind->movable)
    {
      tr->down_button = icon_button_new ("go-down-symbolic", _("Move Down"),
                                         i + 1 < self->rows->len ? "targets.move-down" : NULL,
                                         tr->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (tr->expander), tr->down_button);
      tr->up_button = icon_button_new ("go-up-symbolic", _("Move Up"),
                                       i > 0 ? "targets.move-up" : NULL, tr->id);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (tr->expander), tr->up_button);
    }

  /* Seen with the target folded: it still lacks something. */
  tr->hint_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (tr->hint_icon, "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (tr->expander), tr->hint_icon);

  tr->hint_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (tr->hint_row), FALSE);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (tr->hint_row), icon);
  gtk_widget_add_css_class (tr->hint_row, "pep-hint");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (tr->expander), tr->hint_row);

  pep_field_rows_defer (tr->expander, kind->table, tr->id, fill_row, self);
  pep_accessible_fix_tree (tr->expander);
  adw_preferences_group_add (self->group, tr->expander);
  update_row (self, tr);
  open_if_asked (self, tr);
}

/* Makes every row not made yet (pep_field_rows_find() calls it before it looks). */
static void
finish_rows (GtkWidget *widget)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);

  stop_making_rows (self);
  while (self->n_built < self->rows->len)
    make_next_row (self);
}

/* A few more rows each frame after the first, laid out with it. */
static gboolean
make_rows_later (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);
  guint n_new = 0, n_spare = 0;

  if (self->frames++ == 0)
    return G_SOURCE_CONTINUE;
  while (self->n_built < self->rows->len && n_new < ROWS_PER_FRAME && n_spare < SPARES_PER_FRAME)
    {
      if (self->spares->len > 0)
        n_spare++;
      else
        n_new++;
      make_next_row (self);
    }
  if (self->n_built < self->rows->len)
    return G_SOURCE_CONTINUE;
  self->build_tick = 0;
  pep_field_rows_set_pending (GTK_WIDGET (self), NULL);
  return G_SOURCE_REMOVE;
}


/* The first rows are shown at once, the rest after the first frame, a few each frame:
 * a PEP at the validator's limit of targets shows its page without waiting for rows below
 * the fold, and stays responsive while they are made. A row asked for (the target just
 * added, a "go to field" link) is shown at once.
 *
 * Rows are kept, as a list view recycles its rows: those made before (for another PEP, or
 * before a change) whose fields were never opened show the first targets again (only their
 * titles and ids change); those beyond this PEP's targets are kept hidden, spare, for a PEP
 * with more. A PEP with few targets opened between two with many costs no rows. After a
 * change to the same PEP's rows (@new_pep %FALSE), every kept row stays shown: the focus
 * stays where it was (a Move Down button). */
static void
rebuild (PepTargetsEditor *self,
         gboolean          new_pep)
{
  PepPlan *plan = pep_edit_session_get_plan (self->session);
  const RowsKind *kind = self->kind;
  GPtrArray *targets = pep_plan_get_rows (plan, kind->table);
  const PepFieldInfo *first = pep_table_get_field (kind->table, 0);
  guint n_now = MIN (targets->len, ROWS_AT_ONCE);
  gboolean editable = pep_edit_session_can_edit (self->session,
                                                 pep_field_rows_edit_section (first));
  g_autoptr(GArray) made = g_array_new (FALSE, TRUE, sizeof (TargetRow));

  stop_making_rows (self);
  for (guint i = 0; i < targets->len; i++)
    if (pep_record_get_id (g_ptr_array_index (targets, i)) == self->focus_id)
      n_now = MAX (n_now, i + 1);

  /* Every row made, in the group's order: those shown, then the spares. */
  g_array_append_vals (made, self->rows->data, self->n_built);
  g_array_append_vals (made, self->spares->data, self->spares->len);
  g_array_set_size (self->spares, 0);
  g_array_set_size (self->rows, 0);
  self->n_built = 0;
  for (guint i = 0; i < targets->len; i++)
    {
      TargetRow tr = { pep_record_get_id (g_ptr_array_index (targets, i)), NULL, NULL, NULL,
                       NULL, NULL, NULL };

      g_array_append_val (self->rows, tr);
    }

  for (guint m = 0; m < made->len; m++)
    {
      TargetRow *tr = &g_array_index (made, TargetRow, m);

      if (editable != self->editable || !pep_field_rows_redefer (tr->expander, 0))
        {
          adw_preferences_group_remove (self->group, tr->expander);
        }
      else if (self->n_built < (new_pep ? n_now : targets->len))
        {
          /* Shown at once, as it was: it keeps the focus it may have (a Move Up button). */
          TargetRow *row = &g_array_index (self->rows, TargetRow, self->n_built);
          gint64 id = row->id;

          *row = *tr;
          row->id = id;
          pep_field_rows_redefer (row->expander, id);
          reuse_row (self, row, self->n_built++);
          gtk_widget_set_visible (row->expander, TRUE);
          open_if_asked (self, row);
        }
      else
        {
          tr->id = 0;
          gtk_widget_set_visible (tr->expander, FALSE);
          g_array_append_val (self->spares, *tr);
        }
    }
  self->editable = editable;

  while (self->n_built < n_now)
    make_next_row (self);
  if (self->n_built < self->rows->len)
    {
      self->frames = 0;
      self->build_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), make_rows_later,
                                                       NULL, NULL);
      pep_field_rows_set_pending (GTK_WIDGET (self), finish_rows);
    }
  self->focus_id = 0;
  gtk_widget_set_visible (self->empty_row, targets->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.add", self->editable);
}

static void
on_edited (PepTargetsEditor *self,
           guint             table,
           gint64            record_id,
           guint             field)
{
  if (table != self->kind->table)
    return;
  for (guint i = 0; i < self->n_built; i++)
    if (g_array_index (self->rows, TargetRow, i).id == record_id)
      update_row (self, &g_array_index (self->rows, TargetRow, i));
}

static void
on_rows_changed (PepTargetsEditor *self,
                 guint             table)
{
  if (table == self->kind->table)
    rebuild (self, FALSE);
}

static void
show_error (PepTargetsEditor *self,
            const GError     *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), error->message);
}

static void
targets_add (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);
  g_autoptr(PepRecord) target = pep_record_new (self->kind->table);
  g_autoptr(GError) error = NULL;

  if (self->kind->init != NULL)
    self->kind->init (target);
  self->focus_id = -1;
  if (!pep_edit_session_add_row (self->session, target, &error))
    {
      self->focus_id = 0;
      show_error (self, error);
      return;
    }
  /* The rows were rebuilt before the new target had its id: open it now. */
  self->focus_id = pep_record_get_id (target);
  rebuild (self, FALSE);
}

static void
move (PepTargetsEditor *self,
      gint64            id,
      int               delta)
{
  PepRecord *target = pep_edit_session_find_record (self->session, self->kind->table, id);
  GPtrArray *targets = pep_plan_get_rows (pep_edit_session_get_plan (self->session),
                                          self->kind->table);
  g_autoptr(GError) error = NULL;
  guint index;

  if (target == NULL || !g_ptr_array_find (targets, target, &index))
    return;
  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= targets->len))
    return;
  if (!pep_edit_session_move_row (self->session, target, index + delta, &error))
    show_error (self, error);
}

static void
targets_move_up (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move (PEP_TARGETS_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
targets_move_down (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move (PEP_TARGETS_EDITOR (widget), g_variant_get_int64 (parameter), 1);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PepTargetsEditor *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "target-id"));
  PepRecord *target;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  target = pep_edit_session_find_record (self->session, self->kind->table, id);
  if (target != NULL && !pep_edit_session_remove_row (self->session, target, &error))
    show_error (self, error);
}

static void
targets_remove (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _(self->kind->remove_heading),
                                   _(self->kind->remove_body));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "target-id",
                     GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Another PEP's rows, in the same editor (pages are kept across PEPs); %NULL lets go. */
static void
set_session (PepTargetsEditor *self,
             PepEditSession   *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* Let go: the rows made stay, for the next PEP (rebuild() keeps what it can); those not
   * made yet are forgotten. */
  stop_making_rows (self);
  g_array_set_size (self->rows, self->n_built);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "edited", G_CALLBACK (on_edited), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "rows-changed", G_CALLBACK (on_rows_changed), self,
                               G_CONNECT_SWAPPED);
      rebuild (self, TRUE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
pep_targets_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_targets_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_targets_editor_dispose (GObject *object)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (object);

  stop_making_rows (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_TARGETS_EDITOR);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->spares, g_array_unref);

  G_OBJECT_CLASS (pep_targets_editor_parent_class)->dispose (object);
}

static void
pep_targets_editor_class_init (PepTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_targets_editor_dispose;
  object_class->get_property = pep_targets_editor_get_property;
  object_class->set_property = pep_targets_editor_set_property;

  /* Set again when the page is kept for another PEP. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PEP_TYPE_EDIT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-targets-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, group);
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, add_content);
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, empty_row);

  gtk_widget_class_install_action (widget_class, "targets.add", NULL, targets_add);
  gtk_widget_class_install_action (widget_class, "targets.move-up", "x", targets_move_up);
  gtk_widget_class_install_action (widget_class, "targets.move-down", "x", targets_move_down);
  gtk_widget_class_install_action (widget_class, "targets.remove", "x", targets_remove);
}

static void
pep_targets_editor_init (PepTargetsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (TargetRow));
  self->spares = g_array_new (FALSE, TRUE, sizeof (TargetRow));
}

GtkWidget *
pep_targets_editor_new (PepEditSession *session)
{
  return pep_targets_editor_new_for_table (session, PEP_TABLE_TARGET);
}

/**
 * pep_targets_editor_new_for_table:
 * @table: %PEP_TABLE_TARGET or %PEP_TABLE_FUNDING_REQUEST
 *
 * An editor of the PEP's rows of @table: added, changed, removed (and for targets, moved).
 */
GtkWidget *
pep_targets_editor_new_for_table (PepEditSession *session,
                                  PepTable        table)
{
  PepTargetsEditor *self;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (pep_edit_session_get_plan (session) != NULL, NULL);
  g_return_val_if_fail (table == PEP_TABLE_TARGET || table == PEP_TABLE_FUNDING_REQUEST, NULL);

  self = g_object_new (PEP_TYPE_TARGETS_EDITOR, NULL);
  self->kind = table == PEP_TABLE_TARGET ? &target_kind : &funding_kind;
  adw_preferences_group_set_title (self->group, _(self->kind->title));
  adw_preferences_group_set_description (self->group, _(self->kind->description));
  adw_button_content_set_label (self->add_content, _(self->kind->add_label));
  gtk_widget_set_tooltip_text (self->add_button, _(self->kind->add_tooltip));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _(self->kind->empty));
  set_session (self, session);
  return GTK_WIDGET (self);
}

/**
 * pep_targets_editor_get_hint:
 *
 * Returns: (nullable): the hint shown for the target, or %NULL when it has all it needs
 */
const char *
pep_targets_editor_get_hint (PepTargetsEditor *self,
                             gint64            target_id)
{
  g_return_val_if_fail (PEP_IS_TARGETS_EDITOR (self), NULL);

  finish_rows (GTK_WIDGET (self));
  for (guint i = 0; i < self->n_built; i++)
    {
      TargetRow *tr = &g_array_index (self->rows, TargetRow, i);

      if (tr->id == target_id)
        return gtk_widget_get_visible (tr->hint_row)
               ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (tr->hint_row)) : NULL;
    }
  return NULL;
}
