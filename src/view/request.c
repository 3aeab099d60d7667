/*
 * request.c: the one request builder (see request.h).
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "bytecode.h"
#include "diag.h"
#include "filter.h"
#include "request.h"

void request_build(struct diag_req *req, const struct sstop_opts *o,
		   const struct sk_select *sel, const struct filter *f,
		   const struct bc_prog *bc, uint32_t ext)
{
	memset(req, 0, sizeof(*req));
	req->tabs = sel->tabs;
	req->families = sel->families & ((1u << AF_INET) | (1u << AF_INET6));
	req->states = sel->states;
	req->ext = ext;
	if (o->show.memory)
		req->ext |= DIAG_X_MEM;
	if (o->show.info)
		req->ext |= DIAG_X_INFO;
	if (o->show.tos)
		req->ext |= DIAG_X_TOS;
	if (o->show.extended || o->show.memory)
		req->ext |= DIAG_X_UNIX;
	if (o->show.bpf)
		req->ext |= DIAG_X_BPF;
	/* the health codes read tcp_info and the socket memory */
	if (o->json || o->metrics)
		req->ext |= DIAG_X_INFO | DIAG_X_MEM;
	/* metrics count every state unless the command line chose */
	if (o->metrics && !sel->states_set && !sel->all && !sel->listen)
		req->states = SKS_ALL;
	if (!f)
		return;
	if (filter_needs(f) & FILTER_NEEDS_INFO)
		req->ext |= DIAG_X_INFO;
	/* what the kernel can run; the rest is checked in sstop */
	if (bc && bc->code && !o->replay) {
		req->bytecode = bc->code;
		req->bytecode_len = bc->len;
	}
}
