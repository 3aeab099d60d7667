/*
 * i18n.h: gettext shims.  _() translates at the point of use, N_() marks a
 * string for translation in a static table, P_() picks a plural form.
 */
#ifndef SSTOP_I18N_H
#define SSTOP_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext(s, p, n)
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#endif
