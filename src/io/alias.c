/* alias.c: alias -> pseudonym replacement; see praxis/alias.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/alias.h"
#include "praxis/participant.h"
#include "praxis/text.h"
#include "praxis/util.h"

void alias_add(alias_map *m, const char *alias, const char *pseudonym)
{
	if (!alias || !*alias)
		return;
	m->alias = xrealloc(m->alias, (m->n + 1) * sizeof(*m->alias));
	m->pseudonym = xrealloc(m->pseudonym, (m->n + 1) * sizeof(*m->pseudonym));
	m->alias[m->n] = xstrdup(alias);
	m->pseudonym[m->n] = xstrdup(pseudonym ? pseudonym : "");
	m->n++;
}

void alias_sort(alias_map *m)
{
	/* insertion sort by byte length, longest first, stable */
	for (size_t i = 1; i < m->n; i++) {
		char *a = m->alias[i], *p = m->pseudonym[i];
		size_t j = i;
		while (j > 0 && strlen(m->alias[j - 1]) < strlen(a)) {
			m->alias[j] = m->alias[j - 1];
			m->pseudonym[j] = m->pseudonym[j - 1];
			j--;
		}
		m->alias[j] = a;
		m->pseudonym[j] = p;
	}
}

static int collect(const px_participant *p, void *ud)
{
	for (size_t i = 0; i < p->aliases.n; i++)
		alias_add(ud, p->aliases.v[i], i < p->alias_as.n && *p->alias_as.v[i] ?
			  p->alias_as.v[i] : p->pseudonym);
	return 0;
}

int alias_load(px_db *db, alias_map *m, px_err *e)
{
	int rc;

	memset(m, 0, sizeof(*m));
	if ((rc = participant_each(db, collect, m, e)))
		return rc;
	alias_sort(m);
	return PX_OK;
}

void alias_free(alias_map *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->alias[i]);
		free(m->pseudonym[i]);
	}
	free(m->alias);
	free(m->pseudonym);
	memset(m, 0, sizeof(*m));
}

int alias_is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	/* Latin-1 punctuation and symbols, general punctuation, CJK
	 * punctuation, fullwidth ASCII punctuation: separators, not letters */
	if ((cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xFEFF || cp == 0xFFFD)
		return 0;
	return 1;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Byte length of the match of alias at s, or 0. */
static size_t match_at(const char *s, size_t len, const char *alias)
{
	size_t n = strlen(alias);
	uint32_t next;

	if (n > len)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)alias[i]))
			return 0;
	if (n < len) {
		text_decode(s + n, len - n, &next);
		if (alias_is_word_cp(next))
			return 0;
	}
	return n;
}

static void edit_push(alias_edits *ed, int64_t os, int64_t oe, int64_t ns, int64_t ne)
{
	if (ed->n == ed->cap) {
		ed->cap = ed->cap ? ed->cap * 2 : 8;
		ed->v = xrealloc(ed->v, ed->cap * sizeof(*ed->v));
	}
	ed->v[ed->n++] = (struct alias_edit){ os, oe, ns, ne };
}

void alias_scan(const alias_map *m, const char *s, alias_hit_fn fn, void *ud)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	int at_word_start = 1;

	while (m->n && i < len) {
		uint32_t cp;
		if (at_word_start) {
			size_t k, ml = 0;
			for (k = 0; k < m->n && !(ml = match_at(s + i, len - i, m->alias[k])); k++)
				;
			if (ml) {
				fn(ud, i, ml, k);
				i += ml;
				/* the match ended before a non-word code point */
				at_word_start = 0;
				continue;
			}
		}
		i += text_decode(s + i, len - i, &cp);
		at_word_start = !alias_is_word_cp(cp);
	}
}

struct apply {
	const alias_map *m;
	const char *s;
	size_t done;             /* bytes of s copied or replaced */
	int64_t ocp, ncp;
	strbuf b;
	alias_edits *edits;
};

static void apply_hit(void *ud, size_t at, size_t len, size_t k)
{
	struct apply *a = ud;
	int64_t gap = (int64_t)text_cp_len_n(a->s + a->done, at - a->done);
	int64_t olen = (int64_t)text_cp_len_n(a->s + at, len);
	int64_t plen = (int64_t)text_cp_len(a->m->pseudonym[k]);

	sb_addn(&a->b, a->s + a->done, at - a->done);
	a->ocp += gap;
	a->ncp += gap;
	sb_add(&a->b, a->m->pseudonym[k]);
	if (a->edits)
		edit_push(a->edits, a->ocp, a->ocp + olen, a->ncp, a->ncp + plen);
	a->ocp += olen;
	a->ncp += plen;
	a->done = at + len;
}

char *alias_apply(const alias_map *m, const char *s, alias_edits *edits)
{
	struct apply a = { m, s, 0, 0, 0, { 0 }, edits };

	if (edits)
		edits->n = 0;
	if (!s)
		return NULL;
	sb_init(&a.b);
	sb_add(&a.b, "");
	alias_scan(m, s, apply_hit, &a);
	sb_add(&a.b, s + a.done);
	return sb_steal(&a.b);
}

int64_t alias_map_offset(const alias_edits *ed, int64_t pos, int is_end)
{
	int64_t delta = 0;

	if (!ed || pos < 0)
		return pos;
	for (size_t i = 0; i < ed->n; i++) {
		const struct alias_edit *x = &ed->v[i];
		if (pos <= x->old_start)
			break;
		if (pos < x->old_end)
			return is_end ? x->new_end : x->new_start;
		delta = x->new_end - x->old_end;
	}
	return pos + delta;
}

void alias_edits_free(alias_edits *ed)
{
	free(ed->v);
	memset(ed, 0, sizeof(*ed));
}
