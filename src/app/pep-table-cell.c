/* pep-table-cell.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-table-cell"

#include "config.h"

#include "pep-accessible.h"
#include "pep-table-cell.h"

struct _PepTableCell
{
  GtkWidget  parent_instance;

  /* Owned */
  GtkWidget *inscription;

  /* Plain state */
  char      *text;
};

G_DEFINE_FINAL_TYPE (PepTableCell, pep_table_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_XALIGN,
  PROP_MIN_CHARS,
  PROP_NAT_CHARS,
  PROP_TEXT_OVERFLOW,
  PROP_MIN_LINES,
  PROP_NAT_LINES,
  PROP_WRAP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (PEP_IS_TABLE_CELL (child))
        {
          const char *text = PEP_TABLE_CELL (child)->text;

          if (text != NULL && *text != '\0')
            g_string_append_printf (texts, "%s%s", texts->len > 0 ? ", " : "", text);
        }
      else
        {
          collect_texts (child, texts);
        }
    }
}

/* The cell says its text; the row says every cell's, in order. */
static void
name_cell_and_row (PepTableCell *self)
{
  GtkWidget *cell = pep_accessible_find_cell (GTK_WIDGET (self));
  GtkWidget *row;
  g_autoptr(GString) texts = g_string_new (NULL);

  if (cell == NULL)
    return;
  row = g_str_equal (G_OBJECT_TYPE_NAME (cell), "GtkColumnViewCell")
        ? gtk_widget_get_parent (cell) : cell;
  collect_texts (cell, texts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  texts->str, -1);
  if (row == NULL || row == cell)
    return;
  g_string_truncate (texts, 0);
  collect_texts (row, texts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  texts->str, -1);
}

const char *
pep_table_cell_get_text (PepTableCell *self)
{
  g_return_val_if_fail (PEP_IS_TABLE_CELL (self), NULL);

  return self->text;
}

void
pep_table_cell_set_text (PepTableCell *self,
                         const char   *text)
{
  g_return_if_fail (PEP_IS_TABLE_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->inscription), text);
  name_cell_and_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

GtkWidget *
pep_table_cell_new (void)
{
  return g_object_new (PEP_TYPE_TABLE_CELL, NULL);
}

static void
pep_table_cell_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pep_table_cell_parent_class)->root (widget);
  name_cell_and_row (PEP_TABLE_CELL (widget));
}

static void
pep_table_cell_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PepTableCell *self = PEP_TABLE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_XALIGN:
    case PROP_MIN_CHARS:
    case PROP_NAT_CHARS:
    case PROP_TEXT_OVERFLOW:
    case PROP_MIN_LINES:
    case PROP_NAT_LINES:
    case PROP_WRAP_MODE:
      g_object_get_property (G_OBJECT (self->inscription), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_table_cell_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PepTableCell *self = PEP_TABLE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pep_table_cell_set_text (self, g_value_get_string (value));
      break;
    case PROP_XALIGN:
    case PROP_MIN_CHARS:
    case PROP_NAT_CHARS:
    case PROP_TEXT_OVERFLOW:
    case PROP_MIN_LINES:
    case PROP_NAT_LINES:
    case PROP_WRAP_MODE:
      g_object_set_property (G_OBJECT (self->inscription), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_table_cell_dispose (GObject *object)
{
  PepTableCell *self = PEP_TABLE_CELL (object);

  g_clear_pointer (&self->inscription, gtk_widget_unparent);

  G_OBJECT_CLASS (pep_table_cell_parent_class)->dispose (object);
}

static void
pep_table_cell_finalize (GObject *object)
{
  PepTableCell *self = PEP_TABLE_CELL (object);

  g_free (self->text);

  G_OBJECT_CLASS (pep_table_cell_parent_class)->finalize (object);
}

static void
pep_table_cell_class_init (PepTableCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pep_table_cell_get_property;
  object_class->set_property = pep_table_cell_set_property;
  object_class->dispose = pep_table_cell_dispose;
  object_class->finalize = pep_table_cell_finalize;
  widget_class->root = pep_table_cell_root;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* As GtkInscription's, which shows the text. */
  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL, 0.0, 1.0, 0.0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN_CHARS] =
    g_param_spec_uint ("min-chars", NULL, NULL, 0, G_MAXUINT, 3,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAT_CHARS] =
    g_param_spec_uint ("nat-chars", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_OVERFLOW] =
    g_param_spec_enum ("text-overflow", NULL, NULL, GTK_TYPE_INSCRIPTION_OVERFLOW,
                       GTK_INSCRIPTION_OVERFLOW_CLIP,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* A long text (a follow-up action) wraps onto as many lines as these give, then ellipsizes. */
  properties[PROP_MIN_LINES] =
    g_param_spec_uint ("min-lines", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAT_LINES] =
    g_param_spec_uint ("nat-lines", NULL, NULL, 0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WRAP_MODE] =
    g_param_spec_enum ("wrap-mode", NULL, NULL, PANGO_TYPE_WRAP_MODE, PANGO_WRAP_WORD_CHAR,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* The inscription inside reads the text; the cell is named by it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
pep_table_cell_init (PepTableCell *self)
{
  self->inscription = gtk_inscription_new (NULL);
  gtk_widget_set_parent (self->inscription, GTK_WIDGET (self));
}
