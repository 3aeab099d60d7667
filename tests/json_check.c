/*
 * json_check.c: a small strict JSON checker (RFC 8259) for the tests of
 * `sstop --batch --json`, so that no test depends on python or jq.
 *
 * Usage: json_check [PATH...] < FILE
 *
 * Reads one JSON text from stdin and exits 1 with the byte offset and the
 * reason when it is not strict JSON: one value, no trailing garbage, no
 * trailing commas, valid UTF-8, no raw control characters in strings,
 * escapes and surrogate pairs checked, numbers in the strict grammar,
 * duplicate keys refused.  With PATHs (dotted keys such as "local.port"),
 * the text must be an object holding a "sockets" array: for each element
 * one line is printed, the values at each PATH separated by one space
 * ("-" when absent; strings unescaped, numbers as written).  A path that
 * goes through an array ("owners.pid") gives the values of every element
 * joined by commas (nothing for an empty array); a path that ends on an
 * array of scalars ("health") gives its elements joined by commas.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jnode {
	enum jtype type;
	char *key;  /* member name, inside an object */
	char *text; /* string value, number or literal as written */
	struct jnode *kids;
	size_t nkids;
};

struct parser {
	const unsigned char *s;
	size_t len, pos;
	const char *err;
	int depth;
};

static int bad(struct parser *p, const char *why)
{
	if (!p->err)
		p->err = why;
	return -1;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len &&
	       (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
		p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static void *xrealloc(void *v, size_t n)
{
	v = realloc(v, n ? n : 1);
	if (!v) {
		perror("json_check");
		exit(99);
	}
	return v;
}

/* Appends the UTF-8 form of code point c to buf. */
static size_t put_utf8(char *buf, unsigned long c)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | (c >> 18));
	buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned long c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return len;
}

static int hex4(struct parser *p, unsigned long *out)
{
	unsigned long v = 0;

	if (p->pos + 4 > p->len)
		return bad(p, "short \\u escape");
	for (int i = 0; i < 4; i++) {
		int ch = p->s[p->pos++], d;

		if (ch >= '0' && ch <= '9')
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			return bad(p, "bad hex digit in \\u escape");
		v = v * 16 + (unsigned long)d;
	}
	*out = v;
	return 0;
}

/* Parses a string at p->pos (on the quote); *out is malloc'ed. */
static int parse_string(struct parser *p, char **out)
{
	char *buf = xrealloc(NULL, p->len - p->pos + 1);
	size_t n = 0;

	p->pos++;
	for (;;) {
		unsigned char ch;

		if (p->pos >= p->len) {
			free(buf);
			return bad(p, "unterminated string");
		}
		ch = p->s[p->pos];
		if (ch == '"') {
			p->pos++;
			break;
		}
		if (ch < 0x20) {
			free(buf);
			return bad(p, "raw control character in a string");
		}
		if (ch == '\\') {
			static const char esc_in[] = "\"\\/bfnrt";
			static const char esc_out[] = "\"\\/\b\f\n\r\t";
			const char *e;
			unsigned long c, lo;

			if (++p->pos >= p->len) {
				free(buf);
				return bad(p, "unterminated escape");
			}
			ch = p->s[p->pos];
			e = ch ? strchr(esc_in, ch) : NULL;
			if (e) {
				buf[n++] = esc_out[e - esc_in];
				p->pos++;
				continue;
			}
			if (ch != 'u') {
				free(buf);
				return bad(p, "unknown escape");
			}
			p->pos++;
			if (hex4(p, &c)) {
				free(buf);
				return -1;
			}
			if (c >= 0xdc00 && c <= 0xdfff) {
				free(buf);
				return bad(p, "lone low surrogate");
			}
			if (c >= 0xd800 && c <= 0xdbff) {
				if (p->pos + 2 > p->len ||
				    p->s[p->pos] != '\\' ||
				    p->s[p->pos + 1] != 'u') {
					free(buf);
					return bad(p, "lone high surrogate");
				}
				p->pos += 2;
				if (hex4(p, &lo) || lo < 0xdc00 ||
				    lo > 0xdfff) {
					free(buf);
					return bad(p, "bad surrogate pair");
				}
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			/* A decoded escape can be longer than its source. */
			buf = xrealloc(buf, n + 5 + p->len - p->pos);
			n += put_utf8(buf + n, c);
			continue;
		}
		{
			size_t l = utf8_len(p->s + p->pos, p->len - p->pos);

			if (!l) {
				free(buf);
				return bad(p, "invalid UTF-8");
			}
			memcpy(buf + n, p->s + p->pos, l);
			n += l;
			p->pos += l;
		}
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

static size_t digits(struct parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos - start;
}

static int parse_number(struct parser *p, struct jnode *v)
{
	size_t start = p->pos;

	if (p->s[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->s[p->pos] == '0')
		p->pos++;
	else if (!digits(p))
		return bad(p, "bad number");
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (!digits(p))
			return bad(p, "no digit after the decimal point");
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len &&
		    (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!digits(p))
			return bad(p, "no digit in the exponent");
	}
	v->type = J_NUM;
	v->text = xrealloc(NULL, p->pos - start + 1);
	memcpy(v->text, p->s + start, p->pos - start);
	v->text[p->pos - start] = '\0';
	return 0;
}

static int parse_value(struct parser *p, struct jnode *v);

static int parse_container(struct parser *p, struct jnode *v, int obj)
{
	char close = obj ? '}' : ']';

	v->type = obj ? J_OBJ : J_ARR;
	if (++p->depth > 256)
		return bad(p, "nested too deep");
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return 0;
	}
	for (;;) {
		struct jnode *k;
		char *key = NULL;

		skip_ws(p);
		if (obj) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return bad(p, "expected a member name");
			if (parse_string(p, &key))
				return -1;
			for (size_t i = 0; i < v->nkids; i++)
				if (!strcmp(v->kids[i].key, key)) {
					free(key);
					return bad(p, "duplicate key");
				}
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				return bad(p, "expected ':'");
			}
			p->pos++;
		}
		v->kids = xrealloc(v->kids, (v->nkids + 1) * sizeof(*v->kids));
		k = &v->kids[v->nkids++];
		memset(k, 0, sizeof(*k));
		k->key = key;
		if (parse_value(p, k))
			return -1;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			p->depth--;
			return 0;
		}
		return bad(p,
			   obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int parse_value(struct parser *p, struct jnode *v)
{
	static const struct {
		const char *word;
		enum jtype type;
	} lits[] = {
		{.word = "true", .type = J_BOOL},
		{.word = "false", .type = J_BOOL},
		{.word = "null", .type = J_NULL},
	};
	unsigned char ch;

	skip_ws(p);
	if (p->pos >= p->len)
		return bad(p, "expected a value");
	ch = p->s[p->pos];
	if (ch == '{' || ch == '[')
		return parse_container(p, v, ch == '{');
	if (ch == '"') {
		v->type = J_STR;
		return parse_string(p, &v->text);
	}
	if (ch == '-' || (ch >= '0' && ch <= '9'))
		return parse_number(p, v);
	for (size_t i = 0; i < sizeof(lits) / sizeof(lits[0]); i++) {
		size_t l = strlen(lits[i].word);

		if (p->len - p->pos >= l &&
		    !memcmp(p->s + p->pos, lits[i].word, l)) {
			v->type = lits[i].type;
			v->text = xrealloc(NULL, l + 1);
			memcpy(v->text, lits[i].word, l + 1);
			p->pos += l;
			return 0;
		}
	}
	return bad(p, "unexpected character");
}

static const struct jnode *member(const struct jnode *v, const char *key,
				  size_t klen)
{
	if (!v || v->type != J_OBJ)
		return NULL;
	for (size_t i = 0; i < v->nkids; i++)
		if (strlen(v->kids[i].key) == klen &&
		    !memcmp(v->kids[i].key, key, klen))
			return &v->kids[i];
	return NULL;
}

static const struct jnode *lookup(const struct jnode *v, const char *path)
{
	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t l = dot ? (size_t)(dot - path) : strlen(path);

		v = member(v, path, l);
		path += l + (dot != NULL);
	}
	return v;
}

/* Prints the value at path under v; through arrays, every element's. */
static void emit(const struct jnode *v, const char *path)
{
	while (v && *path && v->type != J_ARR) {
		const char *dot = strchr(path, '.');
		size_t l = dot ? (size_t)(dot - path) : strlen(path);

		v = member(v, path, l);
		path += l + (dot != NULL);
	}
	if (v && *path) {
		for (size_t i = 0; i < v->nkids; i++) {
			if (i)
				putchar(',');
			emit(&v->kids[i], path);
		}
		return;
	}
	if (v && v->type == J_ARR) { /* an array of scalars: joined */
		for (size_t i = 0; i < v->nkids; i++)
			printf("%s%s", i ? "," : "",
			       v->kids[i].text ? v->kids[i].text : "-");
		return;
	}
	fputs(v && v->text ? v->text : "-", stdout);
}

static void jfree(struct jnode *v)
{
	for (size_t i = 0; i < v->nkids; i++)
		jfree(&v->kids[i]);
	free(v->kids);
	free(v->key);
	free(v->text);
}

int main(int argc, char **argv)
{
	struct parser p = {0};
	struct jnode root = {0};
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, r;
	const struct jnode *socks;

	do {
		if (n == cap)
			buf = xrealloc(buf, cap = cap * 2 + 65536);
		r = fread(buf + n, 1, cap - n, stdin);
		n += r;
	} while (r > 0);
	p.s = buf;
	p.len = n;
	if (parse_value(&p, &root) == 0) {
		skip_ws(&p);
		if (p.pos != p.len)
			bad(&p, "trailing data after the value");
	}
	if (p.err) {
		fprintf(stderr, "json_check: byte %zu: %s\n", p.pos, p.err);
		jfree(&root);
		free(buf);
		return 1;
	}
	if (argc > 1) {
		socks = lookup(&root, "sockets");
		if (!socks || socks->type != J_ARR) {
			fprintf(stderr, "json_check: no \"sockets\" array\n");
			jfree(&root);
			free(buf);
			return 1;
		}
		for (size_t i = 0; i < socks->nkids; i++) {
			for (int a = 1; a < argc; a++) {
				if (a > 1)
					putchar(' ');
				emit(&socks->kids[i], argv[a]);
			}
			putchar('\n');
		}
	}
	jfree(&root);
	free(buf);
	return 0;
}
