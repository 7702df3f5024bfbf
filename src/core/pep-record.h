/* pep-record.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of one table of the registry: a school, a child, a PEP's content, or one of a
 * PEP's rows (an attainment line, a target, a review, a funding request, a sign-off).
 * Fields are addressed by the enums of pep-field.h; an unset field is NULL.
 */

#pragma once

#include "pep-field.h"

G_BEGIN_DECLS

#define PEP_TYPE_RECORD (pep_record_get_type ())

G_DECLARE_FINAL_TYPE (PepRecord, pep_record, PEP, RECORD, GObject)

PepRecord   *pep_record_new        (PepTable     table);
PepRecord   *pep_record_copy       (PepRecord   *self);
PepTable     pep_record_get_table  (PepRecord   *self);
gint64       pep_record_get_id     (PepRecord   *self);
void         pep_record_set_id     (PepRecord   *self,
                                    gint64       id);
const char  *pep_record_get_uuid   (PepRecord   *self);
void         pep_record_set_uuid   (PepRecord   *self,
                                    const char  *uuid);
GVariant    *pep_record_get        (PepRecord   *self,
                                    guint        field);
gboolean     pep_record_set        (PepRecord   *self,
                                    guint        field,
                                    GVariant    *value,
                                    GError     **error);
void         pep_record_set_checked (PepRecord  *self,
                                    guint        field,
                                    GVariant    *value);
gboolean     pep_record_has        (PepRecord   *self,
                                    guint        field);
const char  *pep_record_get_text   (PepRecord   *self,
                                    guint        field);
gint64       pep_record_get_int    (PepRecord   *self,
                                    guint        field,
                                    gint64       fallback);
double       pep_record_get_real   (PepRecord   *self,
                                    guint        field,
                                    double       fallback);
gboolean     pep_record_get_bool   (PepRecord   *self,
                                    guint        field);
void         pep_record_set_text   (PepRecord   *self,
                                    guint        field,
                                    const char  *text);
void         pep_record_set_int    (PepRecord   *self,
                                    guint        field,
                                    gint64       value);
void         pep_record_set_real   (PepRecord   *self,
                                    guint        field,
                                    double       value);
void         pep_record_set_bool   (PepRecord   *self,
                                    guint        field,
                                    gboolean     value);
gboolean     pep_record_equal      (PepRecord   *a,
                                    PepRecord   *b);

G_END_DECLS
