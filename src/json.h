/*
 * json.h: --json output, one document per snapshot.
 *
 * Every field a record holds, by name, numbers as numbers; strings are
 * escaped per JSON and sanitized (control characters never reach the
 * terminal).  The document is {"sockets":[{...},...]} on one line.
 */
#ifndef SSTOP_JSON_H
#define SSTOP_JSON_H

#include <stdio.h>

#include "names.h"
#include "opts.h"
#include "snap.h"

/* Writes s as one JSON document and a newline to out. */
void json_snap(FILE *out, const struct snap *s, const struct sstop_opts *o,
	       struct names *n);
/* Writes the JSON string literal for s[0..len), sanitized. */
void json_string(FILE *out, const char *s, size_t len);

#endif
