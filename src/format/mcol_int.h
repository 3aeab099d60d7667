/*
 * mcol_int.h: what the column table (mcol.c) takes from the files that
 * define some of its columns (mcol_rate.c); nobody else includes it.
 */
#ifndef SSTOP_MCOL_INT_H
#define SSTOP_MCOL_INT_H

#include <stddef.h>

#include "mcol.h"

void mcol_fmt_txrate(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n);
void mcol_fmt_rxrate(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n);
void mcol_key_txrate(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k);
void mcol_key_rxrate(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k);

#endif
