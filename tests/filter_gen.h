/*
 * filter_gen.h: random filter expressions for the property tests
 * (filter_eval_test against the bytecode interpreter, filter_kernel_test
 * against the real kernel).  A fixed seed keeps every run the same.
 */
#ifndef SSTOP_TESTS_FILTER_GEN_H
#define SSTOP_TESTS_FILTER_GEN_H

#include <stddef.h>

struct fgen {
	unsigned long rng;	  /* state of the generator: the seed */
	const char *const *leaves; /* leaf expressions; "%d" becomes a port */
	size_t n_leaves;
	const int *ports; /* the ports "%d" is replaced with */
	size_t n_ports;
};

/* A number in [0, n). */
unsigned fgen_rnd(struct fgen *g, unsigned n);

/*
 * Appends to buf (NUL-terminated, of size sz) a random expression of
 * leaves joined by and, or, juxtaposition and !, at most four deep.
 */
void fgen_expr(struct fgen *g, char *buf, size_t sz);

#endif
