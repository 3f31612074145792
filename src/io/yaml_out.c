/* yaml_out.c: see praxis/yaml_out.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/text.h"
#include "praxis/yaml_out.h"

void yout_init(yaml_out *y, FILE *fp)
{
	char uuid[37];

	memset(y, 0, sizeof(*y));
	y->fp = fp;
	util_uuid(uuid);
	/* plain-scalar safe, and no text will ever contain it by chance */
	snprintf(y->nonce, sizeof(y->nonce), "praxis-held-%.8s%.4s", uuid, uuid + 9);
	sb_init(&y->line);
}

/* 1 if s has a character past U+FFFF and nothing we cannot write raw:
 * C0 controls other than tab and newline, DEL, C1, CR, BOM, U+FFFE/F. */
static int holdable(const char *s)
{
	size_t len = strlen(s), i = 0;
	int astral = 0;

	if (!text_utf8_valid(s, len, NULL))
		return 0;
	while (i < len) {
		uint32_t cp;
		i += text_decode(s + i, len - i, &cp);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
			return 0;
		astral |= cp > 0xffff;
	}
	return astral;
}

const char *yout_hold(yaml_out *y, const char *s, int literal)
{
	static char token[64];

	if (!holdable(s) || (literal && !*s))
		return NULL;
	sl_push(&y->held, s);
	y->literal = xrealloc(y->literal, y->held.n);
	y->literal[y->held.n - 1] = (unsigned char)literal;
	snprintf(token, sizeof(token), "%s-%zu", y->nonce, y->held.n - 1);
	return token;
}

static void put(yaml_out *y, const char *s, size_t n)
{
	if (!y->failed && n && fwrite(s, 1, n, y->fp) != n)
		y->failed = 1;
}

static void put_str(yaml_out *y, const char *s)
{
	put(y, s, strlen(s));
}

/* A literal block for a mapping value whose key starts at column key_col:
 * explicit indentation (2) so leading spaces stay content, and chomping
 * that keeps exactly the trailing newlines the text has. */
static void put_literal(yaml_out *y, const char *s, size_t key_col)
{
	size_t len = strlen(s), trail = 0, indent = key_col + 2;

	while (trail < len && s[len - 1 - trail] == '\n')
		trail++;
	put_str(y, trail == 0 ? "|2-\n" : trail == 1 ? "|2\n" : "|2+\n");
	size_t body = trail ? len - 1 : len;
	for (size_t i = 0; i <= body;) {
		const char *nl = memchr(s + i, '\n', body - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : body - i;
		if (n) {
			for (size_t k = 0; k < indent; k++)
				put(y, " ", 1);
			put(y, s + i, n);
		}
		put(y, "\n", 1);
		i += n + 1;
		if (!nl)
			break;
	}
}

static void put_quoted(yaml_out *y, const char *s)
{
	put(y, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			put_str(y, "\\\"");
		else if (*s == '\\')
			put_str(y, "\\\\");
		else if (*s == '\n')
			put_str(y, "\\n");
		else if (*s == '\t')
			put_str(y, "\\t");
		else
			put(y, s, 1);
	}
	put(y, "\"", 1);
}

/* The column where the mapping holding the token's key starts: past the
 * indentation and any "- " sequence entries. */
static size_t key_column(const char *line)
{
	size_t i = 0;

	for (;;) {
		while (line[i] == ' ')
			i++;
		if (line[i] == '-' && line[i + 1] == ' ')
			i += 2;
		else
			return i;
	}
}

/* Writes one complete output line, putting held scalars back. */
static void put_line(yaml_out *y, const char *line, size_t len)
{
	size_t nlen = strlen(y->nonce);
	const char *p = line, *end = line + len;

	while (p < end) {
		const char *hit = y->held.n ? strstr(p, y->nonce) : NULL;
		if (!hit || hit >= end) {
			put(y, p, (size_t)(end - p));
			return;
		}
		put(y, p, (size_t)(hit - p));
		char *after;
		size_t k = strtoul(hit + nlen + 1, &after, 10);
		if (hit[nlen] != '-' || k >= y->held.n) {
			put(y, hit, nlen);
			p = hit + nlen;
			continue;
		}
		if (y->literal[k]) {
			put_literal(y, y->held.v[k], key_column(line));
			/* the block ends with its own newline: drop the line's */
			if (after < end && *after == '\n')
				after++;
		} else {
			put_quoted(y, y->held.v[k]);
		}
		p = after;
	}
}

int yout_write(void *data, unsigned char *buffer, size_t size)
{
	yaml_out *y = data;

	if (!y->held.n && !y->line.len) {
		put(y, (const char *)buffer, size);   /* nothing held: pass through */
		return !y->failed;
	}
	sb_addn(&y->line, (const char *)buffer, size);
	const char *s = sb_str(&y->line), *last = strrchr(s, '\n');
	if (last) {
		for (const char *p = s; p <= last;) {
			const char *nl = strchr(p, '\n');
			put_line(y, p, (size_t)(nl - p) + 1);
			p = nl + 1;
		}
		size_t rest = y->line.len - (size_t)(last - s) - 1;
		memmove(y->line.s, last + 1, rest + 1);
		y->line.len = rest;
	}
	return !y->failed;
}

int yout_finish(yaml_out *y)
{
	if (y->line.len)
		put_line(y, sb_str(&y->line), y->line.len);
	sb_reset(&y->line);
	return y->failed ? -1 : 0;
}

void yout_free(yaml_out *y)
{
	sl_free(&y->held);
	free(y->literal);
	sb_free(&y->line);
}
