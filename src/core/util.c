/* util.c: allocation, growable strings and id lists; see praxis/util.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "praxis/util.h"

static void out_of_memory(void)
{
	fputs("praxis: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	strbuf b;
	va_list ap;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return sb_steal(&b);
}

void sb_init(strbuf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void sb_free(strbuf *b)
{
	free(b->s);
	sb_init(b);
}

void sb_reset(strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static void sb_grow(strbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void sb_addn(strbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_add(strbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

void sb_addc(strbuf *b, char c)
{
	sb_addn(b, &c, 1);
}

void sb_vprintf(strbuf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	sb_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

char *sb_steal(strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	sb_init(b);
	return s;
}

const char *sb_str(const strbuf *b)
{
	return b->s ? b->s : "";
}

void idl_push(idlist *l, int64_t id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = id;
}

int idl_has(const idlist *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == id)
			return 1;
	return 0;
}

void idl_free(idlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void idl_copy(idlist *dst, const idlist *src)
{
	dst->v = NULL;
	dst->n = dst->cap = 0;
	for (size_t i = 0; i < src->n; i++)
		idl_push(dst, src->v[i]);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void idl_sort(idlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_id);
}

void sl_push(strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}

void sl_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void sl_copy(strlist *dst, const strlist *src)
{
	dst->v = NULL;
	dst->n = dst->cap = 0;
	for (size_t i = 0; i < src->n; i++)
		sl_push(dst, src->v[i]);
}

static time_t (*now_fn)(void);

void util_set_clock(time_t (*fn)(void))
{
	now_fn = fn;
}

void util_now_iso(char buf[32])
{
	time_t t = now_fn ? now_fn() : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* UUIDs must be unique within a project, not unguessable: a splitmix64
 * stream seeded once from /dev/urandom (plus time and pid, should that be
 * missing) is ample, and saves an open() per row on large imports. */
static uint64_t uuid_state;
static int uuid_seeded;

static void uuid_seed(void)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	uint64_t seed = 0;

	if (fd >= 0) {
		if (read(fd, &seed, sizeof(seed)) != (ssize_t)sizeof(seed))
			seed = 0;
		close(fd);
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uuid_state = seed ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^
		     ((uint64_t)getpid() << 16);
	uuid_seeded = 1;
}

static uint64_t splitmix64(void)
{
	uint64_t z = (uuid_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void random_bytes(unsigned char *p, size_t n)
{
	if (!uuid_seeded)
		uuid_seed();
	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = splitmix64();
		for (size_t k = 0; k < 8 && i + k < n; k++)
			p[i + k] = (unsigned char)(r >> (8 * k));
	}
}

void util_uuid(char buf[37])
{
	unsigned char b[16];

	random_bytes(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(buf, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
}

static uint64_t sm_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t sm_slot(const strmap *m, const char *key)
{
	size_t i = (size_t)sm_hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void sm_grow(strmap *m)
{
	strmap bigger = { 0 };

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = xcalloc(bigger.cap, sizeof(*bigger.vals));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = sm_slot(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
	}
	bigger.n = m->n;
	free(m->keys);
	free(m->vals);
	*m = bigger;
}

int sm_put(strmap *m, const char *key, int64_t val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap)
		sm_grow(m);
	i = sm_slot(m, key);
	/* sm_grow replaced keys and vals with fresh arrays (*m = bigger); the
	 * analyzer loses that struct copy and reports the freed ones */
	if (m->keys[i]) {
		m->vals[i] = val; /* NOLINT(clang-analyzer-unix.Malloc) */
		return 0;
	}
	m->keys[i] = xstrdup(key);
	m->vals[i] = val; /* NOLINT(clang-analyzer-unix.Malloc) */
	m->n++;
	return 1;
}

int sm_get(const strmap *m, const char *key, int64_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = sm_slot(m, key);
	if (!m->keys[i])
		return 0;
	if (val)
		*val = m->vals[i];
	return 1;
}

void sm_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

char *util_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	strbuf b;
	char buf[65536];
	size_t n;
	int failed;

	if (!fp)
		return NULL;
	sb_init(&b);
	sb_add(&b, "");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_addn(&b, buf, n);
	failed = ferror(fp) ? (errno ? errno : EIO) : 0;
	fclose(fp);
	if (failed) {
		sb_free(&b);
		errno = failed;   /* the read's own reason, e.g. EISDIR */
		return NULL;
	}
	if (len)
		*len = b.len;
	return sb_steal(&b);
}
