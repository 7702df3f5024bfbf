/* pep-upn.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The DfE Unique Pupil Number: a check letter, then the 3-digit LA code, the 4-digit
 * establishment number, the 2-digit year of allocation and a 3-digit serial. The check
 * letter is the sum of each of characters 2–13 times its position, mod 23, indexed into
 * CHECK_LETTERS. A temporary UPN ends in a letter, which counts as its index in that list.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-upn.h"

#define UPN_LENGTH 13

static const char CHECK_LETTERS[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

G_DEFINE_QUARK (pep-upn-error-quark, pep_upn_error)

static int
letter_index (char c)
{
  const char *p = strchr (CHECK_LETTERS, c);

  return (c != '\0' && p != NULL) ? (int) (p - CHECK_LETTERS) : -1;
}

/* Computes the check letter for characters 2–13 of @upn, which the caller has checked. */
char
pep_upn_check_letter (const char *upn)
{
  guint sum = 0;

  g_return_val_if_fail (upn != NULL && strlen (upn) == UPN_LENGTH, '\0');

  for (guint pos = 2; pos <= UPN_LENGTH; pos++)
    {
      char c = upn[pos - 1];
      int value = g_ascii_isdigit (c) ? c - '0' : letter_index (c);

      g_return_val_if_fail (value >= 0, '\0');
      sum += (guint) value * pos;
    }
  return CHECK_LETTERS[sum % 23];
}

/**
 * pep_upn_validate:
 * @upn: what was typed
 * @is_temporary: (out) (optional): whether it is a temporary UPN (ends in a letter)
 *
 * Returns: %TRUE if @upn is a well-formed UPN with the right check letter; otherwise
 *   @error names what is wrong, in words a designated teacher understands.
 */
gboolean
pep_upn_validate (const char  *upn,
                  gboolean    *is_temporary,
                  GError     **error)
{
  gsize len;
  char expected;

  g_return_val_if_fail (upn != NULL, FALSE);

  len = strlen (upn);
  if (len != UPN_LENGTH)
    {
      g_set_error (error, PEP_UPN_ERROR, PEP_UPN_ERROR_LENGTH,
                   _("A UPN has 13 characters; this one has %u"),
                   (guint) g_utf8_strlen (upn, -1));
      return FALSE;
    }

  if (letter_index (upn[0]) < 0)
    {
      g_set_error (error, PEP_UPN_ERROR, PEP_UPN_ERROR_CHARACTER,
                   _("A UPN starts with a capital check letter (not I, O or S); "
                     "this one starts with ‘%c’"), g_ascii_isprint (upn[0]) ? upn[0] : '?');
      return FALSE;
    }

  for (guint i = 1; i < UPN_LENGTH - 1; i++)
    if (!g_ascii_isdigit (upn[i]))
      {
        g_set_error (error, PEP_UPN_ERROR, PEP_UPN_ERROR_CHARACTER,
                     _("Characters 2 to 12 of a UPN are digits; character %u is ‘%c’"),
                     i + 1, g_ascii_isprint (upn[i]) ? upn[i] : '?');
        return FALSE;
      }

  if (!g_ascii_isdigit (upn[UPN_LENGTH - 1]) && letter_index (upn[UPN_LENGTH - 1]) < 0)
    {
      g_set_error (error, PEP_UPN_ERROR, PEP_UPN_ERROR_CHARACTER,
                   _("The last character of a UPN is a digit, or a capital letter (not I, O "
                     "or S) for a temporary UPN; this one is ‘%c’"),
                   g_ascii_isprint (upn[UPN_LENGTH - 1]) ? upn[UPN_LENGTH - 1] : '?');
      return FALSE;
    }

  expected = pep_upn_check_letter (upn);
  if (upn[0] != expected)
    {
      g_set_error (error, PEP_UPN_ERROR, PEP_UPN_ERROR_CHECK_LETTER,
                   _("The check letter of this UPN should be ‘%c’, not ‘%c’: "
                     "a character has probably been mistyped"), expected, upn[0]);
      return FALSE;
    }

  if (is_temporary != NULL)
    *is_temporary = !g_ascii_isdigit (upn[UPN_LENGTH - 1]);
  return TRUE;
}

/* A permanent UPN with its check letter, for demo data and tests. */
char *
pep_upn_make (guint la_code,
              guint estab,
              guint year,
              guint serial)
{
  char *upn = g_strdup_printf ("A%03u%04u%02u%03u", la_code % 1000, estab % 10000,
                               year % 100, serial % 1000);

  upn[0] = pep_upn_check_letter (upn);
  return upn;
}
