/*
 * ssfmt_int.h: inside the text formatter only (ssfmt.c and its
 * ssfmt_*.c parts).  The cell writers every part appends with, and the
 * per-topic printers the row builder in ssfmt.c calls: -m and -i
 * (ssfmt_info.c), SCTP and TIPC (ssfmt_proto.c), rendering
 * (ssfmt_render.c).  Not for other
 * modules: they use ssfmt.h.
 */
#ifndef SSTOP_SSFMT_INT_H
#define SSTOP_SSFMT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sock.h"
#include "ssfmt.h"

/*
 * Bytes kept allocated after the cells' text: a cell is copied out in
 * 16-byte pieces, which may read up to 15 bytes past its end.
 */
#define SSFMT_SLACK 16

/* Grows the cells' text for n more bytes (and the slack). */
void ssfmt_grow(struct ssfmt *f, size_t n);

/*
 * Where n more bytes of the current row's text can be written straight
 * (ssfmt_cell_end() then says how many were); no copy, no strlen.
 */
static inline char *ssfmt_room(struct ssfmt *f, size_t n)
{
	if (f->len + n + SSFMT_SLACK > f->cap)
		ssfmt_grow(f, n);
	return f->buf + f->len;
}

/* The text written from ssfmt_room()'s pointer up to end goes to column c. */
static inline void ssfmt_cell_end(struct ssfmt *f, enum ssfmt_col c,
				  const char *end)
{
	struct ssfmt_cell *x = &f->cells[f->ncells - SSF_NCOLS + c];
	size_t n = (size_t)(end - f->buf) - f->len;

	if (x->len == 0)
		x->off = (uint32_t)f->len;
	x->len += (uint32_t)n;
	f->len += n;
}

/* Starts a row (streaming: ends the previous one as ss does). */
void ssfmt_row_new(struct ssfmt *f);
/* Ends the row: its cells count in the column widths. */
void ssfmt_row_end(struct ssfmt *f);
/* Appends n bytes to column c of the row being built. */
void ssfmt_put(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n);
/* Appends printf-formatted text to column c. */
__attribute__((format(printf, 3, 4))) void
ssfmt_out(struct ssfmt *f, enum ssfmt_col c, const char *fmt, ...);
/* Appends a NUL-terminated literal. */
void ssfmt_put_str(struct ssfmt *f, enum ssfmt_col c, const char *s);
/* Appends label, then v in decimal. */
void ssfmt_put_num(struct ssfmt *f, enum ssfmt_col c, const char *label,
		   unsigned long long v);
/* Appends label, then x/1000 as %g prints it. */
void ssfmt_put_milli(struct ssfmt *f, enum ssfmt_col c, const char *label,
		     uint32_t x);
/* Appends kernel bytes, escaped (sanitize.h). */
void ssfmt_put_san(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n);
/*
 * Writes v's decimal digits just before end (room for 20 bytes) and
 * returns where they start.
 */
char *ssfmt_utoa_end(char *end, unsigned long long v);

/* -m: skmem:(...) or, without SKMEMINFO, mem:(...). */
void ssfmt_skmem(struct ssfmt *f, const struct sk_ext *x);
/* -i: tcp_info and the congestion control's details, in ss's order. */
void ssfmt_tcp_info(struct ssfmt *f, const struct sk_rec *r,
		    const struct sk_ext *x);
/* -i: the TCP socket's upper layer ("tcp-ulp-mptcp" and the subflow's). */
void ssfmt_ulp(struct ssfmt *f, const struct sk_ext *x);
/* -i: an MPTCP socket's mptcp_info, as ss prints it. */
void ssfmt_mptcp_info(struct ssfmt *f, const struct sk_ext *x);

/*
 * SCTP (ssfmt_proto.c).  ss shows an association under its endpoint:
 * an SCTP record whose inode is the previous inet record's is one.
 */
int ssfmt_sctp_is_assoc(const struct ssfmt *f, const struct sk_rec *r);
/* -o: the T3_RTX timer. */
void ssfmt_sctp_timer(struct ssfmt *f, const struct sk_rec *r);
/* -m/-i: skmem, locals:, peers:, then sctp_info's fields. */
void ssfmt_sctp_info(struct ssfmt *f, const struct sk_rec *r);
/* The four address columns of a socket neither inet nor unix. */
void ssfmt_ends_cols(struct ssfmt *f, const struct sk_rec *r);
/* A whole TIPC row (Netid to --tipcinfo). */
void ssfmt_tipc_rec(struct ssfmt *f, const struct sk_rec *r);

/* Shared by the row builders (ssfmt_cols.c). */
void ssfmt_state_cols(struct ssfmt *f, const struct sk_rec *r);
/*
 * An inet socket's Local and Peer Address:Port columns (src and dst its
 * addresses; p: which services file names its ports).
 */
void ssfmt_inet_ends(struct ssfmt *f, const struct sk_rec *r,
		     const uint8_t *src, const uint8_t *dst, int v6only,
		     enum names_proto p);
void ssfmt_users_col(struct ssfmt *f, const struct sk_rec *r);

/* Writes the rows held with the widths of f->maxlen; forgets them. */
void ssfmt_render_rows(struct ssfmt *f, FILE *out);

#endif
