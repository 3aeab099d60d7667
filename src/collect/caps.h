/*
 * caps.h: least privilege.  Run as root or with file capabilities, sstop
 * keeps only the capabilities it uses (the allow-list in caps.c) and drops
 * every other one from every set, the bounding set included when it can,
 * at start; no_new_privs is set.  What it keeps is permitted, not
 * effective: files the user names are opened with the user's own rights.
 * The operations that need a capability (the /proc walk for owners, dumps,
 * SOCK_DESTROY, setns) raise them in their own thread with caps_raise()
 * and lower them with caps_lower(); capability sets are per thread.
 * The screen asks here what is available, to say why an action is off.
 *
 * Nothing here prints: functions return 0 or a negative errno, and the
 * texts for the screen are translated strings.
 */
#ifndef SSTOP_CAPS_H
#define SSTOP_CAPS_H

/*
 * First thing in main (after setlocale): keeps CAP_NET_ADMIN,
 * CAP_SYS_PTRACE, CAP_DAC_READ_SEARCH and, until caps_finish(),
 * CAP_SYS_ADMIN, each only if the process has it in its effective set,
 * as permitted only; drops the rest from the permitted and inheritable
 * sets and from the bounding set (when CAP_SETPCAP allows), clears the
 * ambient set and sets no_new_privs.  Returns 0 or a negative errno (the
 * caller should stop: it would run with more privilege than it should).
 * Call it before any thread starts: threads inherit the sets.
 */
int caps_init(void);

/*
 * After the command line is parsed and -N has entered its namespace:
 * drops CAP_SYS_ADMIN, and CAP_NET_ADMIN too when readonly.  Returns 0 or
 * a negative errno.
 */
int caps_finish(int readonly);
/*
 * caps_finish, keeping CAP_SYS_ADMIN permitted when setns is set
 * (--all-netns enters namespaces at every refresh; never in the bounding
 * set, never effective but in the threads that call setns()).
 */
int caps_finish_ns(int readonly, int setns);

/*
 * Makes the kept permitted capabilities effective in the calling thread.
 * Returns 1 if it raised any (pass it to caps_lower()), 0 if there was
 * nothing to raise or they were raised already (nested scopes).
 */
int caps_raise(void);

/* Ends caps_raise()'s scope: nothing effective if raised is non-zero. */
void caps_lower(int raised);

/* Non-zero if setns() may work: CAP_SYS_ADMIN is permitted. */
int caps_can_setns(void);

/* Non-zero if SOCK_DESTROY may work: CAP_NET_ADMIN is permitted. */
int caps_can_kill(void);

enum caps_owners {
	CAPS_OWNERS_ALL, /* CAP_SYS_PTRACE: every process's sockets */
	CAPS_OWNERS_OWN, /* only the processes of sstop's own user */
};

/* Whose sockets' owners /proc can show us. */
enum caps_owners caps_owners_scope(void);

/*
 * For the screen: "kill: off (--readonly)", "kill: off (no
 * CAP_NET_ADMIN)", or NULL when kill is available.  Translated, static.
 */
const char *caps_kill_text(int readonly);

/* "owners: own processes only", or NULL when every owner is visible. */
const char *caps_owners_text(void);

#endif
