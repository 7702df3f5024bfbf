/* pep-accessible.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names an element nothing else names by its class ("GtkImage", "GtkListView"), and
 * it has no way to name the toolkit's own parts from outside. What is done here, and why:
 *
 * - Icons are decoration: an image says what it is only when it is given a name and the
 *   role img in its .ui. GtkImage's class role becomes presentation, which GTK leaves out of
 *   the accessible tree; buttons are named instead (GTK 4.8 names an icon button after its
 *   image: "GtkImage").
 * - The list that pops up from a drop-down or a combo row shows its items through a factory
 *   of ours that names each item by its text (GTK 4.8's own leaves them unnamed).
 * - A column view's titles are named by their text and described by their sort order, and
 *   the list inside it takes the view's name: GTK 4.8 gives the titles no column-header
 *   role, which GTK 4.10 does.
 *
 * pep_accessible_fix_tree() does the last two for every widget under a root; each window
 * calls it once its template is built, and again where it builds rows of its own.
 *
 * - Single-line fields (AdwEntryRow) raise no focus event in GTK 4.8: the focus is on the
 *   GtkText inside, whose role is none, so it is left out of the accessible tree, and
 *   AdwEntryRow (libadwaita 1.2) does not say it is focused as GtkEntry does for its own
 *   text (a private interface of GTK's). So GtkText gets the role text box, and the one in
 *   an entry row is named after the row; GTK then emits focused on it as the person tabs in.
 *   Every other GtkText (inside GtkEntry, GtkSearchEntry, GtkSpinButton…, which speak for
 *   it) is hidden from the tree as before. See fix_text().
 * - Announcements: GTK 4.8 has no announce call (gtk_accessible_announce() is 4.14), an
 *   AdwToast of libadwaita 1.2 is not announced, and its AT-SPI backend emits, of what a
 *   screen reader could say unasked, only name and description changes (a widget shown or
 *   hidden is a children-changed event, which Orca does not read out, nor a status or alert
 *   whose name changes away from the focus). Orca says the new description of the object
 *   that has the focus (its default script, onDescriptionChanged). So a toast's text, or a
 *   field's error, is put in the description of what has the focus, and a toast's is taken
 *   back when the focus moves on. See pep_accessible_announce() and
 *   pep_accessible_set_error().
 */

#define G_LOG_DOMAIN "pep-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pep-accessible.h"

#define LABEL_KEY "pep-accessible-label"
#define FIXED_KEY "pep-accessible-fixed"
#define DESCRIPTION_KEY "pep-accessible-description"  /* what pep_accessible_describe() said */
#define ERROR_KEY "pep-accessible-error"              /* what pep_accessible_set_error() said */
#define HIDDEN_TEXT_KEY "pep-accessible-hidden-text"   /* a GtkText its entry speaks for */
#define ANNOUNCED_KEY "pep-accessible-announced"      /* a root: where a toast was said */
#define SPOKEN_KEY "pep-accessible-spoken"          /* a label its button says */
#define TITLE_COLUMN_KEY "pep-accessible-column"      /* a column view's title: its column */

static void (*gtk_text_root) (GtkWidget *widget);
static void text_root (GtkWidget *widget);

/**
 * pep_accessible_init:
 *
 * Makes images decoration unless they say otherwise (see above). Call once, before the
 * first window is built.
 */
void
pep_accessible_init (void)
{
  GtkWidgetClass *image_class = g_type_class_ref (GTK_TYPE_IMAGE);

  GtkWidgetClass *text_class = g_type_class_ref (GTK_TYPE_TEXT);

  gtk_widget_class_set_accessible_role (image_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
  g_type_class_unref (image_class);
  /* Entry rows' texts take the focus where a screen reader sees it (see above). Each is
   * named or hidden as it joins a window, shown or not (a page of a stack not shown is in
   * the accessible tree too): GTK 4.8 has no signal for that, so GtkText's root() is
   * wrapped. */
  gtk_widget_class_set_accessible_role (text_class, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  if (gtk_text_root == NULL)
    {
      gtk_text_root = text_class->root;
      text_class->root = text_root;
    }
  g_type_class_unref (text_class);
}

/**
 * pep_accessible_label:
 * @label: what a screen reader calls @widget
 *
 * Names @widget, and remembers the name for the parts of it that
 * pep_accessible_fix_tree() names after it.
 */
void
pep_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : "", -1);
  /* By that name alone: GTK 4.8 would read the label it is labelled by after it (a button
   * made with a label, "Meeting: Amber Amber"). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * pep_accessible_describe:
 * @description: what a screen reader says of @widget after its name
 */
void
pep_accessible_describe (GtkWidget  *widget,
                         const char *description)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data_full (G_OBJECT (widget), DESCRIPTION_KEY, g_strdup (description), g_free);
  if (g_object_get_data (G_OBJECT (widget), ERROR_KEY) == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description != NULL ? description : "", -1);
}

/* Entry rows' texts ------------------------------------------------------------------------- */

static char *
dup_row_title (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_auto(GStrv) parts = NULL;

  if (title == NULL)
    return g_strdup ("");
  if (!adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    return g_strdup (title);
  parts = g_strsplit (title, "_", -1);
  return g_strjoinv ("", parts);
}

/* The GtkText of an entry row is named by the row's title (what the person reads beside
 * it); any other is left out of the tree, as GTK 4.8 left it (its entry speaks for it). */
static void
fix_text (GtkWidget *text)
{
  GtkWidget *row = gtk_widget_get_ancestor (text, ADW_TYPE_ENTRY_ROW);

  if (row != NULL)
    {
      const char *label = g_object_get_data (G_OBJECT (row), LABEL_KEY);
      g_autofree char *title = label != NULL ? g_strdup (label) : dup_row_title (row);

      gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
    }
  else
    {
      g_object_set_data (G_OBJECT (text), HIDDEN_TEXT_KEY, GINT_TO_POINTER (TRUE));
      gtk_accessible_update_state (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
}

static void
text_root (GtkWidget *widget)
{
  if (gtk_text_root != NULL)
    gtk_text_root (widget);
  fix_text (widget);
}

/* The text an entry row's focus is on, or %NULL. */
static GtkWidget *
entry_row_text (GtkWidget *row)
{
  GtkWidget *delegate;

  if (!ADW_IS_ENTRY_ROW (row))
    return NULL;
  delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));
  return GTK_IS_TEXT (delegate) ? delegate : NULL;
}

/* Announcements ---------------------------------------------------------------------------- */

/* With %NULL, what GTK describes it by when nothing else does: its tooltip. */
static void
set_description (GtkWidget  *widget,
                 const char *description)
{
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* What a widget's description is when nothing is being said through it. */
static const char *
own_description (GtkWidget *widget)
{
  const char *error = g_object_get_data (G_OBJECT (widget), ERROR_KEY);

  return error != NULL ? error : g_object_get_data (G_OBJECT (widget), DESCRIPTION_KEY);
}

/* The element a screen reader has as the focus: @focus, or the nearest above it in the
 * accessible tree. */
static GtkWidget *
presented_focus (GtkWidget *focus)
{
  while (focus != NULL)
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (focus));

      if (g_object_get_data (G_OBJECT (focus), HIDDEN_TEXT_KEY) == NULL
          && role != GTK_ACCESSIBLE_ROLE_NONE && role != GTK_ACCESSIBLE_ROLE_PRESENTATION)
        return focus;
      focus = gtk_widget_get_parent (focus);
    }
  return NULL;
}

/* The focus moved on from where a toast was said: its own description again. */
static void
on_focus_moved (GtkRoot    *root,
                GParamSpec *pspec,
                gpointer    user_data)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (root), ANNOUNCED_KEY);
  g_autoptr(GObject) announced = ref != NULL ? g_weak_ref_get (ref) : NULL;

  if (announced == NULL || presented_focus (gtk_root_get_focus (root)) == GTK_WIDGET (announced))
    return;
  set_description (GTK_WIDGET (announced), own_description (GTK_WIDGET (announced)));
  g_object_set_data (G_OBJECT (root), ANNOUNCED_KEY, NULL);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

typedef struct
{
  GWeakRef  root;
  char     *text;
} PendingAnnouncement;

static void
pending_announcement_free (gpointer data)
{
  PendingAnnouncement *pending = data;

  g_weak_ref_clear (&pending->root);
  g_free (pending->text);
  g_free (pending);
}

static gboolean
announce_pending (gpointer data)
{
  PendingAnnouncement *pending = data;
  g_autoptr(GObject) root = g_weak_ref_get (&pending->root);

  if (root != NULL)
    pep_accessible_announce (GTK_WIDGET (root), pending->text);
  return G_SOURCE_REMOVE;
}

/* Once the window is shown and its focus set, and the screen reader has said so. */
static void
announce_when_mapped (GtkWidget *root,
                      char      *text)
{
  PendingAnnouncement *pending = g_new0 (PendingAnnouncement, 1);

  g_weak_ref_init (&pending->root, root);
  pending->text = g_strdup (text);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 500, announce_pending, pending,
                      pending_announcement_free);
  g_signal_handlers_disconnect_by_func (root, announce_when_mapped, text);
}

/**
 * pep_accessible_announce:
 * @widget: a widget of the window that shows @text (its toast overlay)
 * @text: what a toast says, as plain text
 *
 * Has a screen reader say @text: it becomes, for as long as the focus stays there, the
 * description of the element that has the focus in @widget's window, which Orca reads out
 * (see the top of this file: GTK 4.8 has no announce call). Call it beside every
 * adw_toast_overlay_add_toast().
 */
void
pep_accessible_announce (GtkWidget  *widget,
                         const char *text)
{
  GtkRoot *root;
  GtkWidget *target;
  GWeakRef *ref;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text == NULL || *text == '\0' || (root = gtk_widget_get_root (widget)) == NULL)
    return;
  /* GTK says nothing of a window not yet shown: said once it is. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (root)))
    {
      g_signal_connect_data (root, "map", G_CALLBACK (announce_when_mapped), g_strdup (text),
                             (GClosureNotify) (void (*) (void)) g_free,
                             G_CONNECT_AFTER);
      return;
    }
  target = presented_focus (gtk_root_get_focus (root));
  if (target == NULL)
    target = GTK_WIDGET (root);
  if (g_object_get_data (G_OBJECT (root), FIXED_KEY "-announce") == NULL)
    {
      g_object_set_data (G_OBJECT (root), FIXED_KEY "-announce", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "notify::focus-widget", G_CALLBACK (on_focus_moved), NULL);
    }
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, target);
  g_object_set_data_full (G_OBJECT (root), ANNOUNCED_KEY, ref, weak_ref_free);
  /* Orca says a description only when it differs from the last it said for the element:
   * emptied first, the same toast twice is said twice. */
  set_description (target, "");
  set_description (target, text);
}

/**
 * pep_accessible_set_error:
 * @field: a field (an entry row, a text view…)
 * @message: (nullable): why its value is refused, or %NULL once it is not
 *
 * Marks @field invalid and makes @message its description, and its text's in an entry row,
 * so that a screen reader says it at once when the field has the focus, and with the
 * field's name whenever it takes the focus (see the top of this file).
 */
void
pep_accessible_set_error (GtkWidget  *field,
                          const char *message)
{
  GtkWidget *text;

  g_return_if_fail (GTK_IS_WIDGET (field));

  if (message != NULL && *message == '\0')
    message = NULL;
  if (g_strcmp0 (message, g_object_get_data (G_OBJECT (field), ERROR_KEY)) == 0)
    return;
  text = entry_row_text (field);
  for (GtkWidget *w = field; w != NULL; w = w == field ? text : NULL)
    {
      g_object_set_data_full (G_OBJECT (w), ERROR_KEY, g_strdup (message), g_free);
      gtk_accessible_update_state (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_STATE_INVALID,
                                   message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                   : GTK_ACCESSIBLE_INVALID_FALSE, -1);
      set_description (w, own_description (w));
    }
}

/* The items of a drop-down's list ----------------------------------------------------------- */

typedef struct
{
  GWeakRef owner;  /* the GtkDropDown or AdwComboRow */
} ItemFactoryData;

static void
item_factory_data_free (gpointer data)
{
  ItemFactoryData *factory_data = data;

  g_weak_ref_clear (&factory_data->owner);
  g_free (factory_data);
}

static void
on_item_selected (GtkListItem *item,
                  GParamSpec  *pspec,
                  GtkWidget   *check)
{
  gtk_widget_set_opacity (check, gtk_list_item_get_selected (item) ? 1.0 : 0.0);
}

static void
item_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  g_signal_connect_object (item, "notify::selected", G_CALLBACK (on_item_selected), check,
                           G_CONNECT_DEFAULT);
  gtk_list_item_set_child (item, box);
}

static char *
item_text (GObject *owner,
           GObject *item)
{
  GtkExpression *expression = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (GTK_IS_DROP_DOWN (owner))
    expression = gtk_drop_down_get_expression (GTK_DROP_DOWN (owner));
  else if (ADW_IS_COMBO_ROW (owner))
    expression = adw_combo_row_get_expression (ADW_COMBO_ROW (owner));
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value)
      && G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return NULL;
}

static void
item_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ItemFactoryData          *data)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&data->owner);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *row = gtk_widget_get_parent (box);
  g_autofree char *text = NULL;

  if (owner != NULL)
    text = item_text (owner, gtk_list_item_get_item (item));
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  /* The check mark is for the list that pops up, not for the value shown in the row. */
  gtk_widget_set_visible (gtk_widget_get_last_child (box),
                          gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL);
  on_item_selected (item, NULL, gtk_widget_get_last_child (box));
  /* The row GTK makes for the item is what a screen reader reads out. */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text != NULL ? text : "", -1);
}

static GtkListItemFactory *
item_factory_new (GObject *owner)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ItemFactoryData *data = g_new0 (ItemFactoryData, 1);

  g_weak_ref_init (&data->owner, owner);
  g_object_set_data_full (G_OBJECT (factory), "pep-item-factory-data", data,
                          item_factory_data_free);
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind), data);
  return factory;
}

/* Whether the items of @model can be named by item_text(): strings, or an expression. A
 * model still to come, or one that does not say (a combo row's says GObject), is taken to
 * be strings, as every one in PEP Studio is. */
static gboolean
items_have_text (GListModel    *model,
                 GtkExpression *expression)
{
  GType type = model != NULL ? g_list_model_get_item_type (model) : GTK_TYPE_STRING_OBJECT;

  return expression != NULL || type == GTK_TYPE_STRING_OBJECT || type == G_TYPE_OBJECT;
}

/* Every widget of @type under @widget (not @widget itself) labelled by @label. */
static void
label_descendants (GtkWidget  *widget,
                   GType       type,
                   const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label, -1);
      label_descendants (child, type, label);
    }
}

/* The button inside a drop-down or a menu button, which has the focus, is named after it. */
static void
label_inner_button (GtkWidget *owner)
{
  for (GtkWidget *child = gtk_widget_get_first_child (owner); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, owner, NULL,
                                      -1);
}

/* What names @widget: pep_accessible_label()'s, its mnemonic label's or its tooltip. */
static char *
dup_label (GtkWidget *widget)
{
  const char *label = g_object_get_data (G_OBJECT (widget), LABEL_KEY);
  GList *mnemonic_labels;

  if (label != NULL)
    return g_strdup (label);
  mnemonic_labels = gtk_widget_list_mnemonic_labels (widget);
  if (mnemonic_labels != NULL && GTK_IS_LABEL (mnemonic_labels->data))
    label = gtk_label_get_text (mnemonic_labels->data);
  g_list_free (mnemonic_labels);
  if (label == NULL)
    label = gtk_widget_get_tooltip_text (widget);
  return g_strdup (label);
}

static void
fix_drop_down (GtkDropDown *drop_down)
{
  g_autofree char *label = dup_label (GTK_WIDGET (drop_down));

  /* The button inside, which has the focus, says what the drop-down is for (GTK 4.8 does
   * not follow a label of a label, so it cannot be labelled by the drop-down). */
  if (label != NULL)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child))
          {
            gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
            /* and says what the drop-down's description says (a QA filter: what it shows) */
            gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, drop_down, NULL,
                                            -1);
          }
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      /* Named once: not again by the label it is the mnemonic widget of ("Period Period"). */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (drop_down),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      label_descendants (GTK_WIDGET (drop_down), GTK_TYPE_LIST_VIEW, label);
    }
  if (gtk_drop_down_get_list_factory (drop_down) == NULL
      && items_have_text (gtk_drop_down_get_model (drop_down),
                          gtk_drop_down_get_expression (drop_down)))
    {
      g_autoptr(GtkListItemFactory) factory = item_factory_new (G_OBJECT (drop_down));

      gtk_drop_down_set_list_factory (drop_down, factory);
    }
}

static void
fix_combo_row (AdwComboRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autoptr(GtkListItemFactory) factory = NULL;

  if (title != NULL && *title != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (title, "_", -1);
      g_autofree char *plain = adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row))
                               ? g_strjoinv ("", parts) : g_strdup (title);

      label_descendants (GTK_WIDGET (row), GTK_TYPE_LIST_VIEW, plain);
    }
  if (!items_have_text (adw_combo_row_get_model (row), adw_combo_row_get_expression (row)))
    return;
  /* The value shown in the row is a list item too: ours names it, as the list's. (PEP
   * Studio gives no combo row a factory of its own: the one there is libadwaita's.) */
  if (g_object_get_data (G_OBJECT (row), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (row), FIXED_KEY, GINT_TO_POINTER (TRUE));
      factory = item_factory_new (G_OBJECT (row));
      adw_combo_row_set_factory (row, factory);
    }
}

/* Other parts ------------------------------------------------------------------------------ */

/* The toolkit's own icon buttons have no tooltip: named by what their icon means. */
static const char *
icon_meaning (const char *icon_name)
{
  static const struct { const char *icon; const char *label; } meanings[] = {
    { "edit-find-symbolic", N_("Search") },
    { "go-previous-symbolic", N_("Back") },
    { "go-next-symbolic", N_("Forward") },
    { "open-menu-symbolic", N_("Menu") },
    { "window-close-symbolic", N_("Close") },
  };

  for (guint i = 0; icon_name != NULL && i < G_N_ELEMENTS (meanings); i++)
    if (g_str_equal (icon_name, meanings[i].icon))
      return _(meanings[i].label);
  return NULL;
}

static const char *
icon_name_of (GtkWidget *button)
{
  GtkWidget *child = NULL;

  if (GTK_IS_MENU_BUTTON (button))
    {
      if (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)) != NULL)
        return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button));
      child = gtk_menu_button_get_child (GTK_MENU_BUTTON (button));
    }
  else if (GTK_IS_BUTTON (button))
    {
      if (gtk_button_get_icon_name (GTK_BUTTON (button)) != NULL)
        return gtk_button_get_icon_name (GTK_BUTTON (button));
      child = gtk_button_get_child (GTK_BUTTON (button));
    }
  return GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;
}

/* An icon button is named by its tooltip, less the shortcut in brackets ("Search (Ctrl+F)"). */
static void
fix_icon_button (GtkWidget *button)
{
  g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (button));
  char *bracket;

  if (g_object_get_data (G_OBJECT (button), LABEL_KEY) != NULL)
    return;
  if (tooltip == NULL)
    tooltip = g_strdup (icon_meaning (icon_name_of (button)));
  if (tooltip == NULL)
    return;
  if (g_str_has_suffix (tooltip, ")") && (bracket = strrchr (tooltip, '(')) != NULL
      && bracket > tooltip && bracket[-1] == ' ')
    bracket[-1] = '\0';
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
}

static gboolean
is_icon_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL
           || GTK_IS_IMAGE (gtk_menu_button_get_child (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL
           || GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)));
  return FALSE;
}

/* Every list under @widget outside a titled group (whose title names it already). */
static void
fix_untitled_lists (GtkWidget  *widget,
                    const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX (child))
        {
          GtkWidget *group = gtk_widget_get_ancestor (child, ADW_TYPE_PREFERENCES_GROUP);
          const char *title = group != NULL
                              ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group))
                              : NULL;

          if (title == NULL || *title == '\0')
            gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        }
      fix_untitled_lists (child, label);
    }
}

/* A button's or check's own label says its name, and only once: the name is its text,
 * kept up to date, and the label is left out of the tree. GTK 4.8 names a button made with a
 * label by that label (labelled-by), one with a label of its own making by its class, shows
 * the label as its child as well (read again after it), and joins any name given to it with
 * its label's ("Make Private Make Private"). */
static void
on_spoken_label_changed (GtkLabel   *label,
                         GParamSpec *pspec,
                         GtkWidget  *owner)
{
  if (g_object_get_data (G_OBJECT (owner), LABEL_KEY) == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (label), -1);
}

static void
speak_label_once (GtkWidget *owner,
                  GtkWidget *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  on_spoken_label_changed (GTK_LABEL (label), NULL, owner);
  if (g_object_get_data (G_OBJECT (label), SPOKEN_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (label), SPOKEN_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_object (label, "notify::label", G_CALLBACK (on_spoken_label_changed),
                               owner, G_CONNECT_DEFAULT);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static void
fix_label_button (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (GTK_IS_LABEL (child))
    speak_label_once (button, child);
}

static void
fix_check_button (GtkWidget *check)
{
  for (GtkWidget *child = gtk_widget_get_first_child (check); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      speak_label_once (check, child);
}

/* What an about window shows that libadwaita 1.2 leaves unnamed: its lists of links and its
 * pages of text. */
static void
fix_about_window (GtkWidget *window)
{
  g_autofree char *about = g_strdup_printf (_("About %s"), g_get_application_name ());

  label_descendants (window, GTK_TYPE_TEXT_VIEW, _("Details"));
  fix_untitled_lists (window, about);
}

/* An empty label has nothing to say (GTK 4.8 would call it "GtkLabel"). */
static void
on_label_changed (GtkLabel   *label,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  const char *text = gtk_label_get_text (label);

  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               text == NULL || *text == '\0'
                               || g_object_get_data (G_OBJECT (label), SPOKEN_KEY) != NULL, -1);
}

static void
fix_label (GtkLabel *label)
{
  if (g_object_get_data (G_OBJECT (label), FIXED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (label), FIXED_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (label, "notify::label", G_CALLBACK (on_label_changed), NULL);
  on_label_changed (label, NULL, NULL);
}

/* An expander and its lists are named by its title (AdwPreferencesGroup names its own). */
static void
fix_titled (GtkWidget  *widget,
            const char *title)
{
  if (title == NULL || *title == '\0')
    return;
  if (ADW_IS_EXPANDER_ROW (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
  label_descendants (widget, GTK_TYPE_LIST_BOX, title);
}

static void
fix_search_entry (GtkWidget *entry)
{
  g_autofree char *placeholder = NULL;

  if (g_object_get_data (G_OBJECT (entry), LABEL_KEY) != NULL)
    return;
  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder != NULL && *placeholder != '\0'
                                  ? placeholder : _("Search"), -1);
}

/* A column view's titles ------------------------------------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = find_descendant (child, type, css_class)) != NULL)
        return found;
    }
  return NULL;
}

/* A title's sort indicator: GTK's own node, named sort-indicator (a CSS name, not a class),
 * with the class ascending or descending while its column sorts the view. */
static GtkWidget *
find_sort_indicator (GtkWidget *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (title); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_css_name (child), "sort-indicator"))
        return child;
      if ((found = find_sort_indicator (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type_named (GtkWidget  *widget,
                  const char *name)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), name);
}

/* Space or Enter on a title that has the focus sorts as a click does: by its column,
 * ascending, or the other way when it sorts by it ascending already. */
static gboolean
sort_by_title (GtkWidget *title,
               GVariant  *args,
               gpointer   user_data)
{
  GtkWidget *view = gtk_widget_get_ancestor (title, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *indicator = find_sort_indicator (title);
  GtkColumnViewColumn *column = g_object_get_data (G_OBJECT (title), TITLE_COLUMN_KEY);

  if (view == NULL || column == NULL || gtk_column_view_column_get_sorter (column) == NULL)
    return FALSE;
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), column,
                                  indicator != NULL && gtk_widget_has_css_class (indicator, "ascending")
                                  ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  return TRUE;
}

/* GTK 4.8 sorts a column view by a click on a title only: its titles cannot take the focus.
 * A sortable column's title is made to take it (a Tab stop before the rows, the arrows
 * between titles) and to sort with Space or Enter. */
static void
make_title_sortable (GtkWidget           *title,
                     GtkColumnViewColumn *column)
{
  gboolean sortable = column != NULL && gtk_column_view_column_get_sorter (column) != NULL;

  g_object_set_data (G_OBJECT (title), TITLE_COLUMN_KEY, sortable ? column : NULL);
  gtk_widget_set_focusable (title, sortable);
  if (sortable && g_object_get_data (G_OBJECT (title), FIXED_KEY) == NULL)
    {
      GtkEventController *keys = gtk_shortcut_controller_new ();

      g_object_set_data (G_OBJECT (title), FIXED_KEY, GINT_TO_POINTER (TRUE));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("space|Return|KP_Enter"),
                          gtk_callback_action_new (sort_by_title, NULL, NULL)));
      gtk_widget_add_controller (title, keys);
    }
}

/* Each title named by its text and described by its column's sort order. */
static void
name_column_titles (GtkColumnView *view)
{
  g_autoptr(GListModel) columns = g_object_ref (gtk_column_view_get_columns (view));
  GtkWidget *header = NULL;
  gboolean sortable = FALSE;
  guint column = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child) && !GTK_IS_SCROLLBAR (child))
      {
        header = child;
        break;
      }
  if (header == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Column headers"), -1);

  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title))
    {
      g_autoptr(GtkColumnViewColumn) shown = NULL;
      GtkWidget *label = find_descendant (title, GTK_TYPE_LABEL, NULL);
      GtkWidget *indicator = find_sort_indicator (title);
      const char *description = "";

      if (!is_of_type_named (title, "GtkColumnViewTitle") || label == NULL)
        continue;
      /* The titles of the visible columns, in order. */
      while ((shown = g_list_model_get_item (columns, column++)) != NULL
             && !gtk_column_view_column_get_visible (shown))
        g_clear_object (&shown);
      make_title_sortable (title, shown);
      sortable |= gtk_widget_get_focusable (title);
      if (shown != NULL && gtk_column_view_column_get_sorter (shown) != NULL)
        {
          if (indicator != NULL && gtk_widget_has_css_class (indicator, "ascending"))
            description = _("Column header, sorted in ascending order");
          else if (indicator != NULL && gtk_widget_has_css_class (indicator, "descending"))
            description = _("Column header, sorted in descending order");
          else
            description = _("Column header, not sorted; sortable");
        }
      else
        {
          description = _("Column header");
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (title),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  /* GTK 4.8 keeps the focus out of the titles' row altogether (can-focus off). */
  gtk_widget_set_can_focus (header, sortable);
}

static gboolean
rename_titles_idle (gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(GObject) view = g_weak_ref_get (ref);

  if (view != NULL)
    name_column_titles (GTK_COLUMN_VIEW (view));
  return G_SOURCE_REMOVE;
}

/* The sort indicators change after the sorter tells: read them once they have. */
static void
on_table_sorter_changed (GtkSorter     *sorter,
                         GtkSorterChange change,
                         GtkColumnView *view)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, view);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rename_titles_idle, ref, weak_ref_free);
}

static void
on_table_columns_changed (GListModel    *columns,
                          guint          position,
                          guint          removed,
                          guint          added,
                          GtkColumnView *view)
{
  on_table_sorter_changed (NULL, GTK_SORTER_CHANGE_DIFFERENT, view);
}

static void
fix_column_view (GtkColumnView *view)
{
  const char *label = g_object_get_data (G_OBJECT (view), LABEL_KEY);

  /* The list inside is the table's body: it takes the table's name. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) && label != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
  name_column_titles (view);
  if (g_object_get_data (G_OBJECT (view), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (view), FIXED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                               G_CALLBACK (on_table_sorter_changed), view, G_CONNECT_DEFAULT);
      g_signal_connect_object (gtk_column_view_get_columns (view), "items-changed",
                               G_CALLBACK (on_table_columns_changed), view, G_CONNECT_DEFAULT);
    }
}

/**
 * pep_accessible_label_list:
 * @container: a widget with a list in it (an untitled #AdwPreferencesGroup)
 * @label: what the list holds
 *
 * Names the first list box in @container.
 */
void
pep_accessible_label_list (GtkWidget  *container,
                           const char *label)
{
  GtkWidget *list;

  g_return_if_fail (GTK_IS_WIDGET (container));

  if ((list = find_descendant (container, GTK_TYPE_LIST_BOX, NULL)) != NULL)
    pep_accessible_label (list, label);
}


/* Gives the keyboard focus to a table's rows, not its column titles: the titles of a sortable
 * table take the focus (pep_accessible_label_table()), so the view's own grab would land on
 * the first title and Return would sort instead of opening the row. */
void
pep_accessible_focus_rows (GtkColumnView *view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) && gtk_widget_grab_focus (child))
      return;
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/**
 * pep_accessible_label_table:
 * @label: what the table shows ("Children")
 *
 * Names a column view and the list inside it, and its titles as column headers with their
 * sort order, kept up to date.
 */
void
pep_accessible_label_table (GtkColumnView *view,
                            const char    *label)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  pep_accessible_label (GTK_WIDGET (view), label);
  fix_column_view (view);
}

/* Cells and rows ---------------------------------------------------------------------------- */

/**
 * pep_accessible_find_cell:
 * @child: a widget a list item factory made
 *
 * The cell GTK made around @child (a GtkColumnViewCell), or the row of a GtkListView or a
 * drop-down's list: the nearest GtkListItemWidget above it, which GTK 4.8 names by class.
 *
 * Returns: (transfer none) (nullable): the cell
 */
GtkWidget *
pep_accessible_find_cell (GtkWidget *child)
{
  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  for (GtkWidget *up = gtk_widget_get_parent (child); up != NULL; up = gtk_widget_get_parent (up))
    {
      if (is_of_type_named (up, "GtkColumnViewCell") || is_of_type_named (up, "GtkListItemWidget"))
        return up;
      if (GTK_IS_LIST_VIEW (up) || GTK_IS_COLUMN_VIEW (up))
        break;
    }
  return NULL;
}

/**
 * pep_accessible_name_cell:
 * @child: a widget a list item factory made
 * @text: what its cell says
 * @row_text: (nullable): what its row says, all of it (a row of a column view only)
 *
 * Names the cell around @child, and its row, by what they show.
 */
void
pep_accessible_name_cell (GtkWidget  *child,
                          const char *text,
                          const char *row_text)
{
  GtkWidget *cell;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (child));

  if ((cell = pep_accessible_find_cell (child)) == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  row = gtk_widget_get_parent (cell);
  if (row_text != NULL && row != NULL && is_of_type_named (cell, "GtkColumnViewCell"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    row_text, -1);
}

/**
 * pep_accessible_fix_tree:
 * @root: a window, or a part of one just built
 *
 * Names the toolkit's own parts under @root that GTK 4.8 leaves unnamed (see above). Safe to
 * call again on the same widgets.
 */
void
pep_accessible_fix_tree (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  /* A window builds some parts of its own as it is shown (a preferences window's search):
   * they are named then. */
  if (GTK_IS_WINDOW (root) && g_object_get_data (G_OBJECT (root), FIXED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (root), FIXED_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "map", G_CALLBACK (pep_accessible_fix_tree), NULL);
    }

  if (GTK_IS_DROP_DOWN (root))
    fix_drop_down (GTK_DROP_DOWN (root));
  else if (ADW_IS_COMBO_ROW (root))
    fix_combo_row (ADW_COMBO_ROW (root));
  else if (GTK_IS_COLUMN_VIEW (root))
    fix_column_view (GTK_COLUMN_VIEW (root));
  else if (GTK_IS_LABEL (root))
    fix_label (GTK_LABEL (root));
  else if (GTK_IS_SEARCH_ENTRY (root))
    fix_search_entry (root);
  else if (GTK_IS_TEXT (root))
    fix_text (root);
  else if (ADW_IS_EXPANDER_ROW (root))
    fix_titled (root, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)));
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    /* Its only list in a group without a title, libadwaita's own: what a search finds. */
    fix_untitled_lists (root, _("Search results"));
  else if (ADW_IS_VIEW_SWITCHER (root) || GTK_IS_STACK_SWITCHER (root))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Pages"), -1);
  else if (ADW_IS_ABOUT_WINDOW (root))
    fix_about_window (root);
  if (is_icon_button (root))
    fix_icon_button (root);
  else if (GTK_IS_BUTTON (root) && !GTK_IS_LINK_BUTTON (root))
    fix_label_button (root);
  else if (GTK_IS_CHECK_BUTTON (root))
    fix_check_button (root);
  if (GTK_IS_MENU_BUTTON (root) && !is_icon_button (root)
      && gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) == NULL
      && gtk_widget_get_tooltip_text (root) == NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Menu"), -1);
  if (GTK_IS_MENU_BUTTON (root))
    label_inner_button (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pep_accessible_fix_tree (child);
}
