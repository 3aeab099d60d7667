/*
 * ui_int.h: what the screen's files share, and nobody else sees: the state
 * of one monitor session (struct ui), passed by pointer to the drawing
 * (ui_draw.c), key (ui_keys.c) and detail pane (ui_detail.c) code.  The
 * loop is in ui.c, its worker threads in ui_work.c, the session's set-up in
 * ui_setup.c and the terminal's life-cycle in ui_term.c.
 */
#ifndef SSTOP_UI_INT_H
#define SSTOP_UI_INT_H

#include <stddef.h>
#include <stdint.h>

#include "bytecode.h"
#include "clog.h"
#include "evl.h"
#include "group.h"
#include "health.h"
#include "hist.h"
#include "ledit.h"
#include "mcol.h"
#include "model.h"
#include "names.h"
#include "opts.h"
#include "select.h"
#include "sockstat.h"
#include "ui.h"

struct filter;
struct kill_ctx;
struct ui_collector;
struct ui_resolve;
struct own_map;

/* What an action asks the loop to do next (actions never draw). */
enum {
	UI_DRAW = 1u << 0,    /* redraw the screen */
	UI_RESORT = 1u << 1,  /* re-filter and regroup (owners, filter, F5);
				 a changed sort follows by itself */
	UI_REFRESH = 1u << 2, /* dump sockets now (request changed) */
	UI_QUIT = 1u << 3,
	UI_CLEAR = 1u << 4, /* repaint every cell (Ctrl-L) */
	UI_PASS = 1u << 5, /* a view's key handler: not mine, try the table's */
};

/* The loop takes the destroyed sockets at most this often (ms). */
#define UI_CLOSED_TAKE_MS 250
/* Events waiting for a take, at most (2 s of 5 000 closes a second). */
#define UI_CLOSED_PENDING 20000
/* A take's batch bigger than this (bytes) is freed once logged. */
#define UI_CLOSED_KEEP (1u << 20)

/* The parts of one step of the loop, timed for SSTOP_UI_STATS. */
enum { ST_TAKE, ST_KEYS, ST_OWNERS, ST_SORT, ST_DRAW, ST_COUNT };

/* What holds the screen's memory, for SSTOP_UI_STATS (mem_*). */
enum {
	UMEM_SNAPS, /* the snapshots alive */
	UMEM_ROWS,
	UMEM_ORDER,
	UMEM_KEYS,
	UMEM_IDS,
	UMEM_PREP, /* the collector's preparation */
	UMEM_JOB,  /* the sorter's */
	UMEM_RATES,
	UMEM_HIST,
	UMEM_OWNERS, /* the owners' map */
	UMEM_COUNT
};

enum ui_mode {
	UM_TABLE,
	UM_HELP,
	UM_SORTMENU,
	UM_SEARCH,   /* prompt: incremental search */
	UM_FILTER,   /* prompt: filter line */
	UM_INTERVAL, /* prompt: refresh interval */
	UM_CONFIRM,  /* kill: the list of sockets, y confirms */
	UM_RESULT,   /* kill: the outcome per socket, any key returns */
	UM_SETUP,    /* F2: columns and colours (ui_prefs.c) */
	/* F5: the menu of the grouping views */
	UM_GROUPMENU,
};

/*
 * A line sink (the detail pane, the kill dialog, the help): each line is
 * a string of its own, as long as its text (ui_dpane.c), never cut.
 */
struct ui_lines {
	char **v; /* n lines, each owned */
	int n;
	size_t cap;
};

/*
 * The kill dialog: what ui_kill.c says, laid out by ui_kill_draw.c.  The
 * head (question, counts, warnings) and the prompt are always shown whole
 * or not at all; the list of sockets scrolls between them.
 */
struct ui_kdialog {
	struct ui_lines head;	 /* shown whole, wrapped to the width */
	struct ui_lines list;	 /* one line per socket: scrolls */
	const char *prompt;	 /* the keys (translated, static) */
	size_t top;		 /* first list line shown */
	int list_h;		 /* list lines the last drawing showed */
	unsigned shown : 1;	 /* the last drawing showed head and prompt */
	unsigned can_close : 1;	 /* y closes the first n_close targets */
	unsigned offer_show : 1; /* s clears the filter hiding tagged rows */
};

/* Key codes of the bracketed paste's marks (define_key()). */
#define UI_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define UI_KEY_PASTE_END (KEY_MAX + 2)

/*
 * What the table's rows are checked against (the model's predicate gets
 * this, not the whole session): the filter and its selection.
 */
struct ui_match {
	const struct filter *f; /* NULL: every row of the selection */
	const struct sk_select *sel;
};

#define UI_HIST 32
#define UI_LINE 512

/* The closed-connection log and its view (ui_closed.c). */
struct ui_closed {
	struct evl *evl; /* the listener, or NULL (why: on the status line) */
	struct diag *ld; /* dumps the TCP listeners (owners of the unseen) */
	struct snap lsn; /* the TCP listeners, as of t_lsn (ms) */
	double t_lsn;
	struct clog log;
	struct evl_batch b;  /* the last take */
	struct evl_stats st; /* as of the last take */
	double t_take;	     /* when (ms, ui_mono_ms) */
	uint32_t *order;     /* entries shown (clog_get's index), sorted */
	size_t n_order, cap_order;
	uint64_t built_total; /* log.total when order was built */
	unsigned built_gen;   /* and ui.flt_gen */
	int sort, desc;	      /* CC_* column, direction */
	size_t sel, top;      /* selected position, first shown */
	uint64_t sel_seq;     /* the selected entry (follows it) */
	int h;		      /* rows on screen */
	unsigned on : 1;      /* the view is open (E) */
	unsigned took : 1;    /* the last take had events */
	unsigned detail : 1;  /* Enter: the entry's detail */
	unsigned stale : 1;   /* sort changed: build again */
	unsigned to_top : 1;  /* and show the top of the new order */
};

struct ui {
	const struct sstop_opts *o;
	const struct ui_env *env; /* what main read for the screen (ui.h) */
	struct model m;
	struct mfmt fmt;
	enum mcol cols[MC_COUNT]; /* shown columns, in order */
	int n_cols;
	double interval; /* seconds */
	/* as they began: only what changes on screen goes to the rc file */
	double interval0;
	enum mcol sort0;
	int desc0;
	/* the sort column was chosen (--sort, the rc file, a key, a click):
	 * it shows even where ss hides it (Netid with -t) */
	unsigned sort_chosen : 1;
	unsigned paused : 1, detail : 1, color : 1, utf8 : 1, mouse : 1;
	/* colours can be turned on (no NO_COLOR, --no-color; the terminal
	 * has them); columns or colours changed in setup (saved on quit) */
	unsigned can_color : 1, cols_set : 1, color_set : 1;
	int setup_pos;			  /* setup: the item under the cursor */
	size_t setup_top;		  /* and the first item shown */
	int setup_x, setup_y, setup_rows; /* its items on screen (clicks) */
	size_t help_top;		  /* help: the first line shown */
	unsigned busy : 1;    /* a dump is running in the collector */
	unsigned sorting : 1; /* a re-sort is running in the sorter */
	enum ui_mode mode;

	struct ledit ed;     /* the prompt being edited */
	char saved[UI_LINE]; /* the filter before editing (Esc restores it) */
	char draft[UI_LINE]; /* the line typed before Up went to the history */
	char search[UI_LINE];
	char filter_text[UI_LINE]; /* the active filter line */
	int filter_fixed; /* filter_text describes a filter too long for it */
	char *hist[UI_HIST]; /* filter history, oldest first (owned) */
	int n_hist, hist_pos;
	struct filter *flt;	      /* the kept filter, or NULL (owned) */
	struct filter *flt_preview;   /* what the filter line parses to now */
	struct ui_resolve *resolving; /* a kept line's host names, or NULL */
	struct sk_select fsel, fsel_preview; /* their selections */
	unsigned flt_gen;      /* bumped whenever either filter changes */
	struct ui_match shown; /* the preview, or the kept filter (set_match) */
	/* the filter line's: see ui_filter.c */
	struct ui_fline {
		struct bc_prog bc_preview;   /* the preview's kernel program */
		uint32_t show, show_preview; /* FILTER_SHOW_* of the lines */
		uint64_t cols; /* 1ull << MC_*: columns they added */
		/* the kept line takes the command line's tables, states */
		unsigned cmd_tabs : 1, cmd_states : 1;
		unsigned lookup_keep : 1; /* the lookup is for Enter */
		double dump_due;	  /* ui_mono_ms: the preview's dump */
		double lookup_due;	  /* and its host names' lookup */
		/* what the last dump asked (the preview's needs another?) */
		uint32_t tabs, families, states, ext;
		void *bc; /* a copy of its program (owned), or NULL */
		size_t bc_len;
		unsigned sent : 1;
	} fl;
	char status[1280]; /* one-line message over the key bar */
	uint32_t noted;	   /* SKT_BIT()s of missing tables already said */
	int menu_pos;

	size_t top; /* first visible line (a row, or a group's header) */
	int hskip;  /* shown columns scrolled off on the left (Left/Right) */
	unsigned to_top : 1; /* sort changed: top of the view once sorted */
	int table_h;	     /* table rows on screen, set by the drawing code */
	int table_y;	     /* screen line of the first table row */
	int col_x[MC_COUNT + 1], col_w[MC_COUNT]; /* header layout */
	int detail_w;				  /* width of the detail pane */
	/* the detail pane's scrolling (ui_dpane.c) */
	size_t dtop;	    /* its first line shown */
	int dlines, dpage;  /* its lines and its rows, as last drawn */
	unsigned dfull : 1; /* it has the whole screen (z) */
	unsigned dend : 1;  /* End: it stays at its end as it grows */

	char host[64];
	double last_dump_ms;	 /* how long the last dump took */
	double last_sort_ms;	 /* and the last re-sort job */
	double max_step_ms;	 /* longest stretch without reading keys */
	double max_step_late_ms; /* the same after the first two dumps */
	unsigned long n_dumps, n_same; /* dumps taken; unchanged among them */
	/* dumps the kernel sent byte for byte as the one before; buffers
	 * kept unparsed and parsed so far (the collector's) */
	unsigned long n_raw_same, bufs_kept, bufs_parsed;
	double part_ms[ST_COUNT]; /* and the longest of each of its parts */
	int err;		  /* last dump error (negative errno) */
	int tty_lost;		  /* the terminal went away */
	int record_fd;		  /* --record's file, or -1 */
	int record_err;		  /* its first failed write (negative errno) */
	int last_dump;		  /* --iterations reached: draw, then end */
	struct screen *scr;	  /* curses' SCREEN (newterm), owned */

	struct own_map *own;   /* owners (NULL: /proc unreadable) */
	unsigned own_busy : 1; /* a pass of the owners' scan is under way */
	uint64_t own_gen;      /* the model's update the map was last told of
				  (own_sync), + 1; 0: none */
	/* the first snapshot told to the map in slices (ui_own.c): under
	 * way, records told so far, inodes a step, steps it took, keys
	 * read meanwhile */
	unsigned own_slicing : 1;
	size_t own_told, own_slice;
	unsigned long own_slices, own_slice_keys;
	struct kill_ctx *kill; /* NULL: kill is off, kill_off says why */
	/*
	 * --all-netns: the collector (its thread matches netns/container
	 * against the snapshot it fills), how many namespaces the last dump
	 * had, whether setns is off, and a kill context per namespace.
	 */
	struct ui_collector *coll;
	unsigned ns_n;
	unsigned ns_own_only : 1;
	struct ui_nskill {
		uint64_t ino;
		struct kill_ctx *k;
		int err;
	} * nsk;
	size_t n_nsk, cap_nsk;
	const char *kill_off;
	int sshd[8], n_sshd;	/* sshd processes among sstop's ancestors */
	struct sk_rec *targets; /* the sockets the kill dialog is about */
	size_t n_targets;
	size_t n_close;	      /* the first n_close targets can be closed */
	struct ui_kdialog kd; /* the kill dialog */
	struct bc_prog
		bc; /* the kept filter for the kernel (code NULL: none) */
	struct names names;  /* service and interface names (cached) */
	struct group grp;    /* the groups, while grouped (F5) */
	struct hist samples; /* history of the rows on screen (sparklines) */
	/* the health of the model's current snapshot (from the collector) */
	struct health_sum hsum;
	struct health_conf hconf;    /* the rc file's thresholds */
	unsigned health_ok : 1;	     /* hsum is the current snapshot's */
	unsigned host_ok : 1;	     /* host_counts read with the last dump */
	struct sockstat host_counts; /* the namespace's totals (header) */
	unsigned grouped : 1;
	unsigned pasting : 1; /* between the bracketed paste's marks */
	struct ui_closed cl;  /* closed connections (E) */
	/* --replay: the refresh shown (1-based) of how many, recorded when
	 * (Unix time; 0: the file does not say), and the file's mtime */
	unsigned replay_step, replay_steps;
	double replay_t, replay_mtime;
	double t_dump;	    /* Unix time the model's last dump began */
	double t_dump_next; /* and the one under way */

	/* bytes by holder when their sum was largest, at a dump's take */
	size_t mem[UMEM_COUNT], mem_total;
	/* the grouping at start (the rc file's): saved when changed */
	enum group_view view0;
	/* the collapsed groups of the views not shown (group_keep.c) */
	char keep[GROUP_KEEP_LEN];
};

struct diag_req;
struct rc_conf;

/* ui.c */
/*
 * Adds a whole line ("sstop: ...\n", translated) to what main prints once
 * the terminal is back.
 */
void ui_say(struct ui_result *res, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ui_setup.c */
/*
 * The session's state from the options (kept, borrowed) and the rc file:
 * the command line wins; the owners map, names cache, filter and kill
 * context are opened.  ui_fini() frees what ui_init() made.
 */
void ui_init(struct ui *u, const struct sstop_opts *o, const struct ui_env *env,
	     struct rc_conf *rc);
void ui_fini(struct ui *u);
/* Puts what changed on screen (sort, interval) and the history into rc. */
void ui_save(const struct ui *u, struct rc_conf *rc);
/* Writes the loop's figures to $SSTOP_UI_STATS, when set. */
void ui_write_stats(const struct ui *u);
/* What the next dump asks the kernel for. */
void ui_make_req(const struct ui *u, struct diag_req *req);

/* ui_term.c */
/*
 * Takes the terminal for curses (colours off in u when it has none);
 * 0, or -EINVAL with the reason in res (unknown or dumb TERM).
 */
int ui_term_start(struct ui *u, struct ui_result *res);
/* Gives the terminal back as it was. */
void ui_term_end(struct ui *u);

/* ui_draw.c */
void ui_draw(struct ui *u);
/* Whether a rate column (tx-rate, rx-rate) is on screen. */
int ui_rates_shown(const struct ui *u);
/* Whether the health column shows or the rows are sorted by it. */
int ui_health_shown(const struct ui *u);
/* The KEY_F() code of the key bar's entry at screen column x, or 0. */
int ui_bar_key_at(const struct ui *u, int x);
/* Writes at most w columns of UTF-8 text s at (y, x), padding with blanks. */
void ui_put(int y, int x, int w, const char *s, int right);

/* ui_cols.c */
/* Column widths and places for a table width columns wide (u->col_*). */
void ui_layout(struct ui *u, int width);
/* The column under screen column x, or -1. */
int ui_col_at(const struct ui *u, int x);
/*
 * Writes cell text s of column col in w columns at (y, x); too long, it is
 * cut with a mark (an address keeps its end, a process its pid).
 */
/*
 * s in w columns at (y, x), its middle giving way to a mark when it is
 * wider: a message keeps its end (the reason).
 */
void ui_put_mid(const struct ui *u, int y, int x, int w, const char *s);
void ui_cell(const struct ui *u, int y, int x, int w, const char *s,
	     enum mcol col, int right);
/* "12-51/434": the table's lines shown, and how many. */
void ui_pos_text(const struct ui *u, char *buf, size_t n);
/* Adds column c when not shown, before Process when that ends the list. */
void ui_want_column(struct ui *u, enum mcol c);
/*
 * Sorts by c (shown if it was not), biggest first for numbers; the view
 * goes to the top once sorted.  Returns UI_* flags.
 */
unsigned ui_sort_by(struct ui *u, enum mcol c);
/* I: the other direction, view to the top. */
unsigned ui_sort_invert(struct ui *u);
/* < >: sorts by the shown column on the left (-1) or right (+1). */
unsigned ui_sort_step(struct ui *u, int dir);
/*
 * Once the rows are in a sort just chosen: the view at the top, the
 * selection kept only when it shows there (else the first row).
 */
void ui_sort_view(struct ui *u);
/* Left (-1), Right (+1): scrolls the columns sideways by one column. */
unsigned ui_hscroll(struct ui *u, int dir);

/* ui_own.c */
/* The default slice, or $SSTOP_OWN_SLICE's (env->own_slice: tests). */
void ui_own_init(struct ui *u, const char *slice);
/*
 * Tells the owners' map of the snapshot just taken (p: the collector's
 * merge, gen: the model's update before it): the first one in slices.
 */
void ui_own_take(struct ui *u, const struct mprep *p, uint64_t gen);
/*
 * A slice of that telling, or of the owners' scan, small enough that keys
 * never wait long; the loop calls it again at once until done, or, while
 * a worker reads the owners (*held set), a millisecond later.  Returns
 * UI_* flags.
 */
unsigned ui_own_step(struct ui *u, int *held);

/* ui_keys.c */
/* Handles one key (a wide character or a KEY_ code); returns UI_* flags. */
unsigned ui_key(struct ui *u, int is_key, unsigned key);
/* Keeps the selection on screen after it moved. */
void ui_scroll(struct ui *u);
/*
 * The row position shown on table line `line` (counted from the first
 * line, grouped or not): >= 0, possibly past the last row; -1 for a
 * group's header.
 */
long ui_line_row(const struct ui *u, size_t line);
/* Lines of the table (rows, plus the headers while grouped). */
size_t ui_lines(const struct ui *u);
/* Adds a kept filter line to the history. */
void ui_hist_add(struct ui *u, const char *text);
/*
 * Line i of the help for the key table's keys (generated from it); 0 past
 * the end (ui_help.c adds the prompt lines' keys and the filter syntax).
 */
int ui_help_line(int i, char *buf, size_t n);

/* ui_help.c */
/* Draws the help screen, from u->help_top. */
void ui_help_draw(struct ui *u);
/* A key while the help shows: scrolls it, or returns to the table. */
unsigned ui_help_key(struct ui *u, int is_key, unsigned key);

/* ui_prefs.c */
/* F2, S: opens the setup screen. */
unsigned ui_setup_open(struct ui *u);
/* A key while the setup screen shows; returns UI_* flags. */
unsigned ui_setup_key(struct ui *u, int is_key, unsigned key);
/* Draws the setup panel in h lines from y0, w columns from x0. */
void ui_setup_draw(struct ui *u, int y0, int x0, int h, int w);
/* ui_group.c */
/* Groups the rows by view v (GV_NONE: flat); the caller re-filters. */
void ui_group_set(struct ui *u, enum group_view v);
/* F5: the menu of the views. */
unsigned ui_group_menu(struct ui *u);
/* t: flat, or grouped by the last view chosen. */
unsigned ui_group_toggle(struct ui *u);
/* A key in the menu. */
unsigned ui_group_menu_key(struct ui *u, int is_key, unsigned key);
/* The menu's item i (translated); 0 past the end. */
int ui_group_menu_item(int i, char *buf, size_t n);
/*
 * A key on the table while grouped (moving, folding, a header's keys):
 * UI_* flags, or UI_PASS for the table's.
 */
unsigned ui_group_key(struct ui *u, int is_key, unsigned key);
/* The group whose header is selected, or -1 (a row is, or none). */
long ui_group_hsel(const struct ui *u);
/* The line that ui_scroll keeps in view for the selection. */
size_t ui_group_scroll_line(const struct ui *u);
/* A click on table line `line`: a header folds or unfolds; 0 if not one. */
unsigned ui_group_click(struct ui *u, size_t line);
/* Group k's header line. */
void ui_group_text(const struct ui *u, size_t k, char *buf, size_t n);

/* ui_filter.c */
/*
 * Parses text as a filter line.  keep = 0: previews it; keep = 1: makes it
 * the filter.  Returns 0, or -1 with the error (and a caret) in u->status
 * and the previous filter in place, or 1 when a kept line needs host
 * names: a worker looks them up, ui_filter_resolved() finishes the job.
 */
int ui_filter_try(struct ui *u, const char *text, int keep);
/* The descriptor that becomes readable when the lookup is done, or -1. */
int ui_filter_fd(const struct ui *u);
/*
 * The lookup is done: keeps the filter (and leaves the line) or shows the
 * error on it.  Returns UI_* flags.
 */
unsigned ui_filter_resolved(struct ui *u);
/* Drops the preview: the kept filter shows again. */
void ui_filter_cancel(struct ui *u);
/*
 * The command line's filter (its words, and ftext: -F's text or NULL),
 * parsed as batch mode parses it; 0, or -EINVAL with the error and its
 * caret in ures.
 */
int ui_filter_start(struct ui *u, const char *ftext, struct ui_result *ures);
void ui_filter_fini(struct ui *u);
/*
 * The header's filter: the command line's selection options the kept
 * line leaves in force, then the line ("(none)" when empty); and where it
 * runs: " [in kernel]", " [in sstop]", or "" when there is nothing.
 */
void ui_filter_label(const struct ui *u, char *buf, size_t n);
const char *ui_filter_where(const struct ui *u);
/* A dump began with req: a preview compares its needs with it. */
void ui_filter_sent(struct ui *u, const struct diag_req *req);
/*
 * The preview's dump or host-name lookup, when due at now: UI_* flags
 * (UI_REFRESH: dump now).  ui_filter_wait: ms until the next is due, or -1.
 */
unsigned ui_filter_due(struct ui *u, double now);
int ui_filter_wait(const struct ui *u, double now);

/* ui_detail.c */
/* The detail of r as lines of text (sanitized). */
void ui_detail(const struct ui *u, const struct mrow *row,
	       struct ui_lines *out);
/* The pane's text being made: the line being filled, the pane's width. */
struct dsink {
	struct ui_lines *l;
	int width;
	int fresh; /* the current line is empty */
	int cols;  /* screen columns the current line takes */
};
/* A "section:" line (its title translated). */
void dsink_section(struct dsink *s, const char *title);
/*
 * One "name value" item (sanitized text), on the current line if it fits,
 * else on the next; wider than the pane, it is wrapped (wcwidth), never
 * cut.
 */
void dsink_item(struct dsink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ui_dtcp.c */
/* The TCP section: r's tcp_info (r->x->tcpi set). */
void ui_detail_tcp(struct dsink *s, const struct ui *u, const struct sk_rec *r);

/* ui_dpane.c */
/*
 * Draws the detail pane of the selected socket in h lines of w columns
 * from (y0, x0): a title in the attributes bar (a curses attr_t) with the
 * lines shown ("1-20/64"), then the lines from u->dtop (kept within the
 * text).
 */
void ui_dpane_draw(struct ui *u, int y0, int x0, int h, int w,
		   unsigned long bar);
/*
 * Draws lines l the same way, under the title head (translated, without
 * its closing dashes) and, when l does not fit, the lines shown and hint.
 */
void ui_dpane_lines(struct ui *u, int y0, int x0, int h, int w,
		    unsigned long bar, const char *head, const char *hint,
		    const struct ui_lines *l);
/*
 * A key while the pane has the whole screen (z): Up Down PgUp PgDn Home
 * End and the wheel scroll it, Esc gives the table back.  Returns UI_*
 * flags, or UI_PASS for the table's.
 */
unsigned ui_dpane_key(struct ui *u, int is_key, unsigned key);
/* [ and ]: the open pane (or closed connection's detail) a page up, down. */
unsigned ui_dpane_up(struct ui *u);
unsigned ui_dpane_down(struct ui *u);
/* z: the pane over the whole screen, and back (opens it if closed). */
unsigned ui_dpane_zoom(struct ui *u);

/* ui_closed.c */
/* Starts listening (log of cap entries, 0: default); fini stops. */
void ui_closed_init(struct ui *u, long cap);
void ui_closed_fini(struct ui *u);
/* The listener's descriptor when a take is due at now_ms, else -1. */
int ui_closed_fd(const struct ui *u, double now_ms);
/* Milliseconds until a take is due after one that took events, or -1. */
int ui_closed_wait(const struct ui *u, double now_ms);
/* Takes and logs the destroyed sockets; the table's rows get their final
 * records.  Returns UI_* flags. */
unsigned ui_closed_take(struct ui *u, double now_ms);
/* "closes 12.0/s (3 events lost)" for the header ("" when not listening). */
void ui_closed_header(const struct ui *u, char *buf, size_t n);
/* The second header line while the log is shown. */
void ui_closed_text(struct ui *u, char *buf, size_t n);
/* Draws the log (and an entry's detail) in h lines from y0. */
void ui_closed_draw(struct ui *u, int y0, int h, int width);
/* A key while the log is shown: UI_* flags, or UI_PASS for the table's. */
unsigned ui_closed_key(struct ui *u, int is_key, unsigned key);

/* ui_kill.c */
/* Opens the kill context when allowed; finds the sshd ancestors. */
void ui_kill_init(struct ui *u);
void ui_kill_fini(struct ui *u);
/* F9: the confirmation dialog, or the reason kill is off. */
unsigned ui_kill_ask(struct ui *u);
/* A key in the dialog (UM_CONFIRM or UM_RESULT). */
unsigned ui_kill_key(struct ui *u, int is_key, unsigned key);

/* ui_kill_draw.c */
/*
 * Draws the kill dialog over the whole screen and sets u->kd.shown when
 * the head, every warning in it and the prompt fit; else says the
 * terminal is too small.
 */
void ui_kill_draw(struct ui *u);
/* Adds a formatted line to a sink, whole however long (ui_dpane.c). */
void ui_line_add(struct ui_lines *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Adds an empty line. */
void ui_line_new(struct ui_lines *l);
/* Appends the n bytes at t to the last line (there is one). */
void ui_line_append(struct ui_lines *l, const char *t, size_t n);
/* Drops every line (the array is kept for reuse). */
void ui_lines_clear(struct ui_lines *l);
/* Drops every line and the array. */
void ui_lines_free(struct ui_lines *l);

#endif
