/* util.h: small memory helpers shared by every layer: allocation that
 * aborts on exhaustion, a growable string, a list of row ids. */
#ifndef PRAXIS_UTIL_H
#define PRAXIS_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <time.h>
#include "praxis/err.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PX_PRINTF(1, 2);

typedef struct strbuf {
	char *s;     /* always NUL-terminated once anything is added */
	size_t len;
	size_t cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_reset(strbuf *b);
void sb_addn(strbuf *b, const char *s, size_t n);
void sb_add(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...) PX_PRINTF(2, 3);
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
char *sb_steal(strbuf *b);              /* caller frees; b is reset */
const char *sb_str(const strbuf *b);    /* "" when empty */

/* The plural ending for a count: "1 vignette", "2 vignettes". */
#define PX_S(n) ((n) == 1 ? "" : "s")

typedef struct idlist {
	int64_t *v;
	size_t n;
	size_t cap;
} idlist;

void idl_push(idlist *l, int64_t id);
int idl_has(const idlist *l, int64_t id);
void idl_free(idlist *l);
void idl_copy(idlist *dst, const idlist *src);
void idl_sort(idlist *l);

typedef struct strlist {
	char **v;
	size_t n;
	size_t cap;
} strlist;

void sl_push(strlist *l, const char *s); /* copies s */
void sl_free(strlist *l);
void sl_copy(strlist *dst, const strlist *src);

/* A string -> integer hash map (keys copied), for ids seen while reading. */
typedef struct strmap {
	char **keys;
	int64_t *vals;
	size_t n;
	size_t cap;              /* a power of two, or 0 */
} strmap;

/* Sets key to val; returns 1 if the key was new. */
int sm_put(strmap *m, const char *key, int64_t val);
/* 1 and *val if present. */
int sm_get(const strmap *m, const char *key, int64_t *val);
void sm_free(strmap *m);

/* The whole file at path, NUL-terminated (caller frees), its length in
 * *len (may be NULL); NULL with errno set if it cannot be read. */
char *util_read_file(const char *path, size_t *len);

/* Current UTC time as 2026-03-02T03:10:00Z. */
void util_now_iso(char buf[32]);
/* The clock util_now_iso reads (NULL: the system's). For tests, whose
 * timestamps must not depend on when a second turns. */
void util_set_clock(time_t (*fn)(void));
/* A random version-4 UUID, lower-case hex with dashes. */
void util_uuid(char buf[37]);

#endif
