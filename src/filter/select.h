/*
 * select.h: which sockets to list, from ss's selection options.
 *
 * `-t -u -w -x -S -d -M -0 --vsock --tipc --xdp -4 -6 -f FAMILY -A QUERY -a
 * -l` and the `state`/`exclude` words combine exactly as in ss into a mask
 * of tables, a mask of address families and a mask of states.  Used by the
 * command line and by the screen's filter line, which take the same words.
 * Pure: no I/O.
 */
#ifndef SSTOP_SELECT_H
#define SSTOP_SELECT_H

#include <stdint.h>

/* Long-only selection options, beyond the short letters. */
enum {
	SEL_OPT_VSOCK = 0x100,
	SEL_OPT_TIPC,
	SEL_OPT_XDP,
};

struct sk_select {
	uint32_t tabs;	     /* SKT_BIT() mask */
	uint32_t families;   /* 1u << AF_* */
	uint32_t states;     /* SKS_BIT() mask */
	uint8_t tabs_set;    /* a table option was given */
	uint8_t fams_set;    /* a family option was given */
	uint8_t states_set;  /* state/exclude was given */
	uint8_t all, listen; /* -a, -l */
	/* Working state while options arrive (ss keeps these apart). */
	uint8_t pref_family;   /* the last family option (-4 -6 -x -0 -f): the
				  filter's default */
	uint64_t fam_mask;     /* 1ull << AF_*, every family (AF_XDP > 31) */
	uint32_t state_filter; /* from -a, -l, -A and state words */
	uint8_t do_default;    /* no table or family option seen yet */
	uint8_t saw_query;     /* an -A was seen */
	/*
	 * SKT_BIT()s of the tables named: by a table option (-t -S...), an -A
	 * word other than "all" and "inet", or --vsock, --tipc, --xdp (and -f
	 * of those).  Only these are said missing when the kernel lacks them.
	 */
	uint32_t named;
};

/* An error: a translated message (static storage). */
struct sel_err {
	const char *msg;
};

void sel_init(struct sk_select *s);
/*
 * Applies one option: a short letter ('t', 'u', 'A'...) or SEL_OPT_*; arg for
 * -f and -A.  Returns 0, or -EINVAL with err->msg set; 1 if opt is not a
 * selection option (the caller handles it).
 */
int sel_option(struct sk_select *s, int opt, const char *arg,
	       struct sel_err *err);
/* `state NAME` (exclude = 0) or `exclude NAME`.  0 or -EINVAL. */
int sel_state(struct sk_select *s, const char *name, int exclude,
	      struct sel_err *err);
/* The states a state word or group stands for (any case); 0 if none. */
uint32_t sel_state_mask(const char *name);
/* The -f name of an address family ("inet", "link"...), NULL if none. */
const char *sel_family_name(int af);
/* Computes the final masks from what was given, with ss's defaults. */
void sel_finish(struct sk_select *s);

#endif
