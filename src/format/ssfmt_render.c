/*
 * ssfmt_render.c: the header row and ss's column layout.  Widths are the
 * widest cell plus the delimiter; on a terminal, the spare width of each
 * screen line is shared out as ss does.  Split from ssfmt.c.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ssfmt.h"
#include "ssfmt_int.h"
#include "xalloc.h"

enum align { LEFT, RIGHT };

struct col_def {
	const char *header;
	const char *ldelim;
	enum align align;
};

static const struct col_def cols[SSF_NCOLS] = {
	[SSF_NETID] = {"Netid", "", LEFT},
	[SSF_STATE] = {"State", " ", LEFT},
	[SSF_RECVQ] = {"Recv-Q", " ", LEFT},
	[SSF_SENDQ] = {"Send-Q", " ", LEFT},
	[SSF_LADDR] = {"Local Address:", " ", RIGHT},
	[SSF_LPORT] = {"Port", "", LEFT},
	[SSF_PADDR] = {"Peer Address:", " ", RIGHT},
	[SSF_PPORT] = {"Port", "", LEFT},
	[SSF_PROC] = {"Process", "", LEFT},
};

void ssfmt_header(struct ssfmt *f)
{
	if (f->o.no_header)
		return;
	ssfmt_row_new(f);
	for (int c = 0; c < SSF_NCOLS; c++)
		ssfmt_put_str(f, (enum ssfmt_col)c, cols[c].header);
	ssfmt_row_end(f);
}

/* ---- rendering ---- */

/*
 * Column widths as ss computes them: the widest cell plus the delimiter;
 * on a terminal, the space left on each screen line is then shared out,
 * the remainder going to the rightmost columns.
 */
static void calc_width(const struct ssfmt *f, int width[SSF_NCOLS])
{
	int first = 1, len = 0, linecols = 0, eol = -1;
	int screen = f->screen_width;

	for (int c = 0; c < SSF_NCOLS; c++) {
		width[c] = 0;
		if (f->hide[c])
			continue;
		width[c] = (int)f->maxlen[c];
		if (!first && f->maxlen[c])
			width[c] += (int)strlen(cols[c].ldelim);
		if (screen && width[c] > screen)
			width[c] = screen;
		if (width[c])
			first = 0;
	}
	if (!screen)
		return;
	for (int c = 0; c < SSF_NCOLS; c++) {
		int last, pad, spacing, rem;

		if (!width[c])
			continue;
		linecols++;
		len += width[c];
		for (last = c + 1; last < SSF_NCOLS; last++)
			if (width[last])
				break;
		if (last < SSF_NCOLS && len + width[last] <= screen)
			continue;
		pad = screen - len;
		if (pad > 0) {
			spacing = pad / linecols;
			rem = pad % linecols;
			for (int t = c; t > eol; t--) {
				if (!width[t])
					continue;
				width[t] += spacing;
				if (rem) {
					width[t]++;
					rem--;
				}
			}
		}
		eol = c;
		len = 0;
		linecols = 0;
	}
}

/* Rendered text is written in blocks of this size. */
#define OUT_BLOCK ((size_t)64 * 1024)

/* Writes the rendered text out; the first failure is kept, then no more. */
static void out_flush(struct ssfmt *f, FILE *out)
{
	errno = 0;
	if (f->olen && !f->werr && fwrite(f->obuf, 1, f->olen, out) != f->olen)
		f->werr = errno ? errno : EIO;
	f->olen = 0;
}

/* Room for n more bytes of text (a block is written first when full). */
static char *out_room(struct ssfmt *f, FILE *out, size_t n)
{
	if (f->olen + n > OUT_BLOCK)
		out_flush(f, out);
	f->obuf = xgrow(f->obuf, &f->ocap, f->olen + n, 1);
	return f->obuf + f->olen;
}

/*
 * The row's pieces go out in 16-byte stores (a cell is seldom longer):
 * each may write up to 15 bytes past its end, which the next piece
 * overwrites, into the room out_room() keeps; the cells' text has
 * SSFMT_SLACK bytes after it for the reads.
 */
#define PIECE 16

static char *spaces(char *p, int n)
{
	static const char sp[PIECE] = "                ";

	for (int i = 0; i < n; i += PIECE)
		memcpy(p + i, sp, PIECE);
	return n > 0 ? p + n : p;
}

static char *copy_cell(char *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i += PIECE)
		memcpy(p + i, s + i, PIECE);
	return p + n;
}

void ssfmt_stream(struct ssfmt *f, FILE *out)
{
	f->stream = out;
	sschunk_init(&f->chunk);
}

void ssfmt_append(struct ssfmt *f, struct ssfmt *src)
{
	for (size_t row = 0; row < src->ncells; row += SSF_NCOLS) {
		ssfmt_row_new(f);
		for (int c = 0; c < SSF_NCOLS; c++) {
			const struct ssfmt_cell *x = &src->cells[row + c];

			ssfmt_put(f, (enum ssfmt_col)c, src->buf + x->off,
				  x->len);
		}
		ssfmt_row_end(f);
	}
	src->len = 0;
	src->ncells = 0;
}

/* A column shown: which, its delimiter's length, width and alignment. */
struct shown {
	int c, dl, width, right;
};

/* Writes the rows held with the widths of f->maxlen; forgets them. */
void ssfmt_render_rows(struct ssfmt *f, FILE *out)
{
	int width[SSF_NCOLS], n = 0;
	struct shown sh[SSF_NCOLS];
	size_t most = 1 + 2 * PIECE;

	calc_width(f, width);
	for (int c = 0; c < SSF_NCOLS; c++) {
		if (f->hide[c])
			continue;
		/* the first column shown has no delimiter */
		sh[n].c = c;
		sh[n].dl = n ? (int)strlen(cols[c].ldelim) : 0;
		sh[n].width = width[c];
		sh[n].right = cols[c].align == RIGHT;
		most += (size_t)sh[n].dl +
			(size_t)(width[c] > 0 ? width[c] : 0);
		n++;
	}
	if (f->ncells)
		ssfmt_grow(f, 0);
	for (size_t row = 0; row < f->ncells && !f->werr; row += SSF_NCOLS) {
		const struct ssfmt_cell *x = &f->cells[row];
		size_t need = most;
		char *p;

		for (int c = 0; c < SSF_NCOLS; c++)
			need += x[c].len;
		p = out_room(f, out, need);
		for (int k = 0; k < n; k++) {
			const struct ssfmt_cell *y = &x[sh[k].c];
			int pad = sh[k].width - (int)y->len - sh[k].dl;

			if (sh[k].dl) /* one character */
				*p++ = *cols[sh[k].c].ldelim;
			if (sh[k].right)
				p = spaces(p, pad);
			p = copy_cell(p, f->buf + y->off, y->len);
			if (!sh[k].right)
				p = spaces(p, pad);
		}
		*p++ = '\n';
		f->olen = (size_t)(p - f->obuf);
	}
	out_flush(f, out);
	f->len = 0;
	f->ncells = 0;
	sschunk_init(&f->chunk);
}

void ssfmt_render(struct ssfmt *f, FILE *out)
{
	/*
	 * ss never counts its last token (the last row's Process cell) in
	 * the column widths: a lone long row leaves the header unpadded.
	 * With sticky widths (-E) the widths only grow, as in ss, which
	 * keeps them from one event to the next.
	 */
	if (!f->sticky && !f->stream)
		memset(f->maxlen, 0, sizeof(f->maxlen));
	for (size_t row = 0; !f->stream && row < f->ncells; row += SSF_NCOLS) {
		for (int c = 0; c < SSF_NCOLS; c++) {
			size_t l = f->cells[row + c].len;

			if (c == SSF_PROC && row + SSF_NCOLS == f->ncells)
				continue;
			if (l > f->maxlen[c])
				f->maxlen[c] = l;
		}
	}
	ssfmt_render_rows(f, out);
	if (!f->sticky)
		memset(f->maxlen, 0, sizeof(f->maxlen));
}