/* pep-field-rows.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor's rows, made from the field registry: one row per field (an entry row for text,
 * numbers, money and dates, a text view for
 * text that holds sentences (pep_field_rows_is_long_text()), a combo row for choices, a switch for yes or no), each with a
 * message row under it that says what is wrong with what was typed. Every change goes to a
 * PepEditSession. These are list rows, built in C as list rows are.
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

PepSection  pep_field_rows_edit_section  (const PepFieldInfo *info);
GtkWidget  *pep_field_rows_add           (GtkWidget          *container,
                                          PepEditSession     *session,
                                          PepRecord          *record,
                                          guint               field);
GtkWidget  *pep_field_rows_add_read_only (GtkWidget          *container,
                                          PepEditSession     *session,
                                          PepRecord          *record,
                                          guint               field);
guint       pep_field_rows_add_record    (GtkWidget          *container,
                                          PepEditSession     *session,
                                          PepRecord          *record,
                                          int                 section);
char       *pep_field_rows_shape         (PepEditSession     *session,
                                          PepTable            table,
                                          int                 section);
void        pep_field_rows_rebind        (GtkWidget          *root,
                                          PepEditSession     *session,
                                          PepRecord          *record);
typedef void (*PepFieldRowsFillFunc)     (GtkWidget          *expander,
                                          gint64              record_id,
                                          gpointer            user_data);

void        pep_field_rows_defer         (GtkWidget          *expander,
                                          PepTable            table,
                                          gint64              record_id,
                                          PepFieldRowsFillFunc fill,
                                          gpointer            user_data);
gboolean    pep_field_rows_fill          (GtkWidget          *expander);
gboolean    pep_field_rows_redefer       (GtkWidget          *expander,
                                          gint64              record_id);
typedef void (*PepFieldRowsFinishFunc)   (GtkWidget          *widget);

void        pep_field_rows_set_pending   (GtkWidget          *widget,
                                          PepFieldRowsFinishFunc finish);
GtkWidget  *pep_field_rows_find          (GtkWidget          *root,
                                          PepTable            table,
                                          gint64              record_id,
                                          guint               field);
const char *pep_field_rows_get_message   (GtkWidget          *row);
GtkTextView *pep_field_rows_get_text_view (GtkWidget         *row);
gboolean    pep_field_rows_is_long_text  (const PepFieldInfo *info);

G_END_DECLS
