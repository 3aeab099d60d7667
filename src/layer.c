/*
 * layer.c: the empty program that each layer's library is linked into,
 * whole and with only the layers below it (Makefile.am), so that a call
 * from a lower layer up to a higher one fails to link at `make`.
 */
#include "config.h"

int main(void)
{
	return 0;
}
