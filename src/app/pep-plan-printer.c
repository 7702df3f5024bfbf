/* pep-plan-printer.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is a list of blocks made from the field registry, in the order the PEP view
 * shows them: per section, the child's fields of that section, then the PEP's fields that
 * apply to its kind, then the PEP's rows (attainment, targets, reviews, funding requests,
 * sign-offs). Blocks are laid out with Pango when printing begins, and split into pages
 * there; a section heading never ends a page. Every page carries the protective marking,
 * whose PEP it is, and the page number; a carer copy says on every page that it is one.
 * All text is the user's and goes to Pango as plain text, never markup.
 */

#define G_LOG_DOMAIN "pep-plan-printer"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pep-child-name.h"
#include "pep-plan-printer.h"
#include "pep-privacy.h"
#include "pep-private-file.h"

#define MARKING      "OFFICIAL-SENSITIVE"
#define HEADER_H     26.0
#define FOOTER_H     26.0
#define LABEL_SHARE  0.34
#define GAP          10.0

typedef enum
{
  BLOCK_TITLE,       /* the child's name */
  BLOCK_FACTS,       /* term, kind, status */
  BLOCK_NOTE,        /* a line of small print */
  BLOCK_SECTION,     /* a section heading */
  BLOCK_SUBHEADING,  /* a table of rows within a section */
  BLOCK_RECORD,      /* one row's title */
  BLOCK_FIELD,       /* a field's label and value */
} BlockKind;

typedef struct
{
  BlockKind    kind;
  char        *label;
  char        *value;     /* NULL for headings; for fields NULL when not entered */
  PangoLayout *label_layout;
  PangoLayout *value_layout;
  double       height;
  double       y;
  guint        page;
} Block;

/* How one table of PEP rows is printed: titled by one of its fields. */
typedef struct
{
  PepTable    table;
  guint       title_field;
  const char *title;
} RowTable;

static const RowTable row_tables[] = {
  { PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_SUBJECT, N_("Attainment by subject") },
  { PEP_TABLE_TARGET_REVIEW, PEP_TARGET_REVIEW_TARGET_TEXT, N_("Review of the previous targets") },
  { PEP_TABLE_TARGET, PEP_TARGET_DESCRIPTION, N_("Targets") },
  { PEP_TABLE_FUNDING_REQUEST, PEP_FUNDING_REQUEST_AMOUNT, N_("Pupil Premium Plus requests") },
  { PEP_TABLE_SIGNOFF, PEP_SIGNOFF_NAME, N_("Sign-off") },
};

struct _PepPlanPrinter
{
  GObject     parent_instance;

  /* Owned references */
  PepPlan    *plan;
  PepRecord  *child;
  GArray     *blocks;     /* Block */

  /* Plain state */
  char       *name;
  char       *term_text;
  gboolean    carer_copy;
  guint       n_pages;
};

G_DEFINE_FINAL_TYPE (PepPlanPrinter, pep_plan_printer, G_TYPE_OBJECT)

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->label);
  g_free (block->value);
  g_clear_object (&block->label_layout);
  g_clear_object (&block->value_layout);
}

static void
add_block (PepPlanPrinter *self,
           BlockKind       kind,
           const char     *label,
           char           *value)
{
  Block block = { kind, g_strdup (label), value, NULL, NULL, 0, 0, 0 };

  g_array_append_val (self->blocks, block);
}

/* Building the document ----------------------------------------------------------------- */

static gboolean
printable (PepPlanPrinter     *self,
           const PepFieldInfo *info)
{
  /* The carer copy is the carer profile of docs/privacy.md, as an export's. */
  return !self->carer_copy
         || pep_privacy_action (PEP_XML_PROFILE_CARER, info) != PEP_PRIVACY_DROP;
}

static char *
format_value (const PepFieldInfo *info,
              PepRecord          *record)
{
  GVariant *value = pep_record_get (record, info->index);
  char *text;

  if (value == NULL)
    return NULL;
  /* A moment, as a reader of the paper reads it: the local day and time. */
  if (info->type == PEP_VALUE_DATETIME)
    {
      return pep_datetime_format (g_variant_get_string (value, NULL));
    }
  text = pep_field_describe (info, value);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
add_section (PepPlanPrinter *self,
             PepSection      section)
{
  PepRecord *content = pep_plan_get_content (self->plan);
  gboolean heading = FALSE;

#define HEADING() \
  G_STMT_START { \
    if (!heading) \
      add_block (self, BLOCK_SECTION, pep_section_to_label (section), NULL); \
    heading = TRUE; \
  } G_STMT_END

  for (guint i = 0; self->child != NULL && i < PEP_CHILD_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, i);

      if (info->section != section || !printable (self, info))
        continue;
      HEADING ();
      add_block (self, BLOCK_FIELD, _(info->label), format_value (info, self->child));
    }

  for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, i);

      /* The fields of the PEP's kind for the child's phase, as the editor shows them. */
      if (info->section != section || !pep_plan_field_applies (self->plan, self->child, info)
          || !printable (self, info))
        continue;
      HEADING ();
      add_block (self, BLOCK_FIELD, _(info->label), format_value (info, content));
    }

  for (guint t = 0; t < G_N_ELEMENTS (row_tables); t++)
    {
      const RowTable *row_table = &row_tables[t];
      GPtrArray *rows;

      if (pep_table_get_field (row_table->table, 0)->section != section
          || !printable (self, pep_table_get_field (row_table->table, 0)))
        continue;
      HEADING ();
      /* A table that is the whole section (sign-off) needs no second heading. */
      if (g_strcmp0 (_(row_table->title), pep_section_to_label (section)) != 0)
        add_block (self, BLOCK_SUBHEADING, _(row_table->title), NULL);

      rows = pep_plan_get_rows (self->plan, row_table->table);
      if (rows == NULL || rows->len == 0)
        {
          add_block (self, BLOCK_NOTE, _("None recorded"), NULL);
          continue;
        }
      for (guint r = 0; r < rows->len; r++)
        {
          PepRecord *record = g_ptr_array_index (rows, r);
          const PepFieldInfo *title_info = pep_table_get_field (row_table->table,
                                                                row_table->title_field);
          g_autofree char *title = printable (self, title_info)
                                   ? format_value (title_info, record) : NULL;

          if (title == NULL)
            title = g_strdup_printf (_("Entry %u"), r + 1);
          add_block (self, BLOCK_RECORD, title, NULL);
          for (guint i = 0; i < pep_table_get_n_fields (row_table->table); i++)
            {
              const PepFieldInfo *info = pep_table_get_field (row_table->table, i);
              char *value;

              /* The previous target's number is the file's own reference, not for readers. */
              if (i == row_table->title_field
                  || !pep_plan_field_applies (self->plan, self->child, info)
                  || !printable (self, info)
                  || (row_table->table == PEP_TABLE_TARGET_REVIEW
                      && i == PEP_TARGET_REVIEW_PREVIOUS_TARGET))
                continue;
              /* Within a row, only what was entered. */
              value = format_value (info, record);
              if (value != NULL)
                add_block (self, BLOCK_FIELD, _(info->label), value);
            }
        }
    }
#undef HEADING
}

static void
build (PepPlanPrinter *self)
{
  g_autofree char *facts = NULL;
  PepTermId term;

  pep_plan_get_term (self->plan, &term);
  self->term_text = pep_term_format_long (&term);
  self->name = self->child != NULL ? pep_child_record_display_name (self->child) : g_strdup (_("Unknown child"));

  add_block (self, BLOCK_NOTE, _("Personal Education Plan"), NULL);
  add_block (self, BLOCK_TITLE, self->name, NULL);
  if (pep_plan_is_unscheduled (self->plan) && pep_plan_get_review_reason (self->plan) != NULL)
    /* Translators: term, unscheduled review reason, kind of PEP, status */
    facts = g_strdup_printf (_("%s (unscheduled review: %s) · %s · %s"), self->term_text,
                             pep_plan_get_review_reason (self->plan),
                             pep_kind_to_label (pep_plan_get_kind (self->plan)),
                             pep_status_to_label (pep_plan_get_status (self->plan)));
  else
    /* Translators: term, kind of PEP, status */
    facts = g_strdup_printf (_("%s · %s · %s"), self->term_text,
                             pep_kind_to_label (pep_plan_get_kind (self->plan)),
                             pep_status_to_label (pep_plan_get_status (self->plan)));
  add_block (self, BLOCK_FACTS, facts, NULL);
  if (self->carer_copy)
    add_block (self, BLOCK_NOTE,
               _("Carer copy: sensitive information (the social worker’s sensitive issues, "
                 "family time, care plan changes, gender and ethnicity), the social worker’s "
                 "section, the legal status and quality assurance are left out."), NULL);

  for (guint section = 0; section < PEP_N_SECTIONS; section++)
    add_section (self, section);
}

/* Layout -------------------------------------------------------------------------------- */

static PangoLayout *
layout_new (GtkPrintContext *context,
            const char      *text,
            const char      *font,
            double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  if (layout == NULL)
    return 0;
  pango_layout_get_pixel_size (layout, &width, &height);
  return height;
}

static gboolean
is_heading (const Block *block)
{
  return block->kind == BLOCK_SECTION || block->kind == BLOCK_SUBHEADING
         || block->kind == BLOCK_RECORD;
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PepPlanPrinter    *self)
{
  double width = gtk_print_context_get_width (context);
  double body = gtk_print_context_get_height (context) - HEADER_H - FOOTER_H;
  double label_w = width * LABEL_SHARE - GAP - 8;
  double y = 0;
  guint page = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      g_clear_object (&block->label_layout);
      g_clear_object (&block->value_layout);
      switch (block->kind)
        {
        case BLOCK_TITLE:
          block->label_layout = layout_new (context, block->label, "Sans Bold 18", width);
          block->height = layout_height (block->label_layout) + 4;
          break;
        case BLOCK_FACTS:
          block->label_layout = layout_new (context, block->label, "Sans 11", width);
          block->height = layout_height (block->label_layout) + 14;
          break;
        case BLOCK_NOTE:
          block->label_layout = layout_new (context, block->label, "Sans Italic 9", width);
          block->height = layout_height (block->label_layout) + 6;
          break;
        case BLOCK_SECTION:
          block->label_layout = layout_new (context, block->label, "Sans Bold 12", width - 12);
          block->height = layout_height (block->label_layout) + 22;
          break;
        case BLOCK_SUBHEADING:
          block->label_layout = layout_new (context, block->label, "Sans Bold 10.5", width);
          block->height = layout_height (block->label_layout) + 10;
          break;
        case BLOCK_RECORD:
          block->label_layout = layout_new (context, block->label, "Sans Bold 9.5", width - 12);
          block->height = layout_height (block->label_layout) + 6;
          break;
        case BLOCK_FIELD:
        default:
          block->label_layout = layout_new (context, block->label, "Sans 8.5", label_w);
          block->value_layout = layout_new (context, block->value ? block->value : _("Not entered"),
                                            block->value ? "Sans 9.5" : "Sans Italic 9",
                                            width - width * LABEL_SHARE);
          block->height = MAX (layout_height (block->label_layout),
                               layout_height (block->value_layout)) + 5;
          break;
        }
    }

  /* Pages: a block that does not fit starts the next page; so does a heading that would
   * otherwise be the last thing on its page. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double need = block->height;

      /* A heading keeps the headings under it and the first line after them. */
      for (guint j = i; is_heading (&g_array_index (self->blocks, Block, j))
                        && j + 1 < self->blocks->len; j++)
        need += g_array_index (self->blocks, Block, j + 1).height;
      if (y > 0 && y + need > body)
        {
          page++;
          y = 0;
        }
      block->page = page;
      block->y = y;
      y += block->height;
    }
  self->n_pages = page + 1;
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

/* Drawing ------------------------------------------------------------------------------- */

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_small (GtkPrintContext *context,
            cairo_t         *cr,
            const char      *text,
            double           x,
            double           y,
            double           width,
            PangoAlignment   align,
            const char      *font)
{
  g_autoptr(PangoLayout) layout = layout_new (context, text, font, width);

  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  show_layout (cr, layout, x, y, 0.3);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PepPlanPrinter    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autofree char *running = g_strdup_printf ("%s · %s", self->name, self->term_text);
  g_autofree char *page_text = g_strdup_printf (_("Page %d of %u"), page_nr + 1, self->n_pages);

  /* The running header and footer. */
  draw_small (context, cr, MARKING, 0, 0, width / 3, PANGO_ALIGN_LEFT, "Sans Bold 8");
  draw_small (context, cr, running, width / 3, 0, width * 2 / 3, PANGO_ALIGN_RIGHT, "Sans 8");
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, HEADER_H - 8);
  cairo_line_to (cr, width, HEADER_H - 8);
  cairo_move_to (cr, 0, height - FOOTER_H + 6);
  cairo_line_to (cr, width, height - FOOTER_H + 6);
  cairo_stroke (cr);
  draw_small (context, cr, self->carer_copy ? _("Carer copy — sensitive information left out")
                                            : _("Full copy — for the meeting and the care file"),
              0, height - FOOTER_H + 10, width * 2 / 3, PANGO_ALIGN_LEFT, "Sans 8");
  draw_small (context, cr, page_text, width * 2 / 3, height - FOOTER_H + 10, width / 3,
              PANGO_ALIGN_RIGHT, "Sans 8");

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double y = HEADER_H + block->y;

      if (block->page != (guint) page_nr)
        continue;
      switch (block->kind)
        {
        case BLOCK_SECTION:
          cairo_set_source_rgb (cr, 0.91, 0.91, 0.91);
          cairo_rectangle (cr, 0, y + 8, width, block->height - 12);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          cairo_rectangle (cr, 0, y + 8, 3, block->height - 12);
          cairo_fill (cr);
          show_layout (cr, block->label_layout, 10, y + 13, 0.0);
          break;
        case BLOCK_SUBHEADING:
          show_layout (cr, block->label_layout, 0, y + 6, 0.1);
          break;
        case BLOCK_RECORD:
          show_layout (cr, block->label_layout, 8, y + 3, 0.0);
          break;
        case BLOCK_NOTE:
          show_layout (cr, block->label_layout, 0, y, 0.35);
          break;
        case BLOCK_TITLE:
        case BLOCK_FACTS:
          show_layout (cr, block->label_layout, 0, y, 0.0);
          break;
        case BLOCK_FIELD:
        default:
          show_layout (cr, block->label_layout, 8, y + 1, 0.4);
          show_layout (cr, block->value_layout, width * LABEL_SHARE, y, block->value ? 0.0 : 0.5);
          break;
        }
    }
}

static void
on_end_print (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              PepPlanPrinter    *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      g_clear_object (&block->label_layout);
      g_clear_object (&block->value_layout);
    }
}

/* GObject ------------------------------------------------------------------------------- */

static void
pep_plan_printer_dispose (GObject *object)
{
  PepPlanPrinter *self = PEP_PLAN_PRINTER (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->child);
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (pep_plan_printer_parent_class)->dispose (object);
}

static void
pep_plan_printer_finalize (GObject *object)
{
  PepPlanPrinter *self = PEP_PLAN_PRINTER (object);

  g_free (self->name);
  g_free (self->term_text);

  G_OBJECT_CLASS (pep_plan_printer_parent_class)->finalize (object);
}

static void
pep_plan_printer_class_init (PepPlanPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_plan_printer_dispose;
  object_class->finalize = pep_plan_printer_finalize;
}

static void
pep_plan_printer_init (PepPlanPrinter *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * pep_plan_printer_new:
 * @plan: the PEP, as it is now (what is typed and not yet saved included)
 * @child: (nullable): whose PEP it is
 * @carer_copy: leave out every sensitive field
 */
PepPlanPrinter *
pep_plan_printer_new (PepPlan   *plan,
                      PepRecord *child,
                      gboolean   carer_copy)
{
  PepPlanPrinter *self;

  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (child == NULL || PEP_IS_RECORD (child), NULL);

  self = g_object_new (PEP_TYPE_PLAN_PRINTER, NULL);
  self->plan = g_object_ref (plan);
  self->child = child ? g_object_ref (child) : NULL;
  self->carer_copy = carer_copy;
  build (self);
  return self;
}

gboolean
pep_plan_printer_get_carer_copy (PepPlanPrinter *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_PRINTER (self), FALSE);

  return self->carer_copy;
}

/**
 * pep_plan_printer_get_text:
 *
 * Every piece of text the document prints, one a line (running headers and footers aside):
 * what a test reads to know what is on the paper.
 */
char *
pep_plan_printer_get_text (PepPlanPrinter *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PEP_IS_PLAN_PRINTER (self), NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      g_string_append_printf (text, "%s%s%s\n", block->label, block->kind == BLOCK_FIELD ? ": " : "",
                              block->kind == BLOCK_FIELD
                              ? (block->value ? block->value : _("Not entered")) : "");
    }
  return g_string_free (text, FALSE);
}

/**
 * pep_plan_printer_get_n_pages:
 *
 * Returns: how many pages the last run laid out (0 before a run)
 */
guint
pep_plan_printer_get_n_pages (PepPlanPrinter *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_PRINTER (self), 0);

  return self->n_pages;
}

/* A PEP printed to a file is a child's record: readable by its owner only, whatever the
 * umask. "Print to File" writes through GTK's file printer once the pages are drawn; the
 * operation is gone by the time that printer finishes (GtkPrintOperation drops its job's
 * "status-changed" when the job is sent), so a chmod on GTK_PRINT_STATUS_FINISHED never
 * ran. Instead the file is made here, 0600, before a page is drawn: GIO's replace keeps the
 * mode of the file it replaces. */
/**
 * pep_plan_printer_prepare_output:
 * @settings: the settings the print dialog returned
 *
 * When @settings print to a file ("Print to File"), makes that file now, 0600, or narrows
 * the one that is there, before GTK's file printer writes it.
 *
 * Returns: %FALSE with @error set when the file could not be made private
 */
gboolean
pep_plan_printer_prepare_output (GtkPrintSettings  *settings,
                                 GError           **error)
{
  const char *uri;
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (settings == NULL || GTK_IS_PRINT_SETTINGS (settings), FALSE);

  if (settings == NULL
      || !(uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI))
      || !(path = g_filename_from_uri (uri, NULL, NULL)))
    return TRUE;
  if ((fd = pep_file_create_private (path, 0, error)) < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

static void
on_begin_print_make_file_private (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  gpointer           user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pep_plan_printer_prepare_output (gtk_print_operation_get_print_settings (operation), &error))
    {
      /* Nothing is printed rather than a file others may read. */
      g_warning ("%s", error->message);
      gtk_print_operation_cancel (operation);
    }
}

static GtkPrintOperation *
operation_new (PepPlanPrinter *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *job = NULL;

  /* Translators: a print job's name: the child, then the term */
  job = g_strdup_printf (self->carer_copy ? _("PEP for %s, %s (carer copy)") : _("PEP for %s, %s"),
                         self->name, self->term_text);
  gtk_print_operation_set_job_name (operation, job);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (operation, "end-print", G_CALLBACK (on_end_print), self, 0);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_make_file_private), NULL);
  return operation;
}

/**
 * pep_plan_printer_run:
 * @parent: (nullable): the window the print dialog belongs to
 * @action: GTK_PRINT_OPERATION_ACTION_EXPORT writes @export_filename (a PDF) with no dialog
 * @export_filename: (nullable): for GTK_PRINT_OPERATION_ACTION_EXPORT
 *
 * Prints, and waits until done.
 */
GtkPrintOperationResult
pep_plan_printer_run (PepPlanPrinter           *self,
                      GtkWindow                *parent,
                      GtkPrintOperationAction   action,
                      const char               *export_filename,
                      GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (PEP_IS_PLAN_PRINTER (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = operation_new (self);
  if (export_filename != NULL)
    {
      gboolean existed = g_file_test (export_filename, G_FILE_TEST_EXISTS);
      GtkPrintOperationResult result;
      int fd;

      /* Made private before a byte is written: the PDF writer keeps the file's mode. */
      if ((fd = pep_file_create_private (export_filename, 0, error)) < 0)
        return GTK_PRINT_OPERATION_RESULT_ERROR;
      close (fd);
      gtk_print_operation_set_export_filename (operation, export_filename);
      result = gtk_print_operation_run (operation, action, parent, error);
      /* Nothing half-made left behind. */
      if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !existed)
        g_unlink (export_filename);
      return result;
    }
  return gtk_print_operation_run (operation, action, parent, error);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "pep-parent");

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *dialog;

      gtk_print_operation_get_error (operation, &error);
      dialog = adw_message_dialog_new (parent, _("The PEP Could Not Be Printed"),
                                       error ? error->message : NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (operation);
}

/**
 * pep_plan_printer_print_plan:
 * @parent: the window showing the PEP
 * @store: the file the PEP is in, for the child's details; used on this thread only
 * @plan: the PEP
 *
 * Opens the print dialog for @plan (where "Print to File" makes a PDF) and returns; the
 * printing goes on without blocking the window.
 */
gboolean
pep_plan_printer_print_plan (GtkWindow  *parent,
                             PepStore   *store,
                             PepPlan    *plan,
                             gboolean    carer_copy,
                             GError    **error)
{
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepPlanPrinter) self = NULL;
  GtkPrintOperation *operation;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);

  child = pep_store_load_child (store, pep_plan_get_child_id (plan), error);
  if (child == NULL)
    return FALSE;

  self = pep_plan_printer_new (plan, child, carer_copy);
  operation = operation_new (self);
  /* The operation keeps the printer while it runs. */
  g_object_set_data_full (G_OBJECT (operation), "pep-printer", g_object_ref (self), g_object_unref);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (operation), "pep-parent", g_object_ref (parent), g_object_unref);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), NULL);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  return TRUE;
}
