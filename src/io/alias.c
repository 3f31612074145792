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

char *alias_apply(const alias_map *m, const char *s, alias_edits *edits)
{
	size_t len, i = 0;
	int64_t ocp = 0, ncp = 0;
	int at_word_start = 1;
	strbuf b;

	if (edits)
		edits->n = 0;
	if (!s)
		return NULL;
	if (!m->n)
		return xstrdup(s);
	len = strlen(s);
	sb_init(&b);
	sb_add(&b, "");
	while (i < len) {
		uint32_t cp;
		size_t k, n;
		if (at_word_start) {
			for (k = 0; k < m->n; k++) {
				size_t ml = match_at(s + i, len - i, m->alias[k]);
				if (!ml)
					continue;
				int64_t olen = (int64_t)text_cp_len_n(s + i, ml);
				int64_t plen = (int64_t)text_cp_len(m->pseudonym[k]);
				sb_add(&b, m->pseudonym[k]);
				if (edits)
					edit_push(edits, ocp, ocp + olen, ncp, ncp + plen);
				ocp += olen;
				ncp += plen;
				i += ml;
				break;
			}
			if (k < m->n) {
				/* the match ended before a non-word code point */
				at_word_start = 0;
				continue;
			}
		}
		n = text_decode(s + i, len - i, &cp);
		sb_addn(&b, s + i, n);
		i += n;
		ocp++;
		ncp++;
		at_word_start = !alias_is_word_cp(cp);
	}
	return sb_steal(&b);
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
