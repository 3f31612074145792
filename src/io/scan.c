/* scan.c: finding participant aliases in files; see praxis/scan.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>
#include "praxis/participant.h"
#include "praxis/scan.h"
#include "praxis/text.h"
#include "praxis/util.h"

static int add_aliases(const px_participant *p, void *ud)
{
	for (size_t i = 0; i < p->aliases.n; i++)
		alias_add(ud, p->aliases.v[i], p->ext_id);
	return 0;
}

int scan_load(px_db *db, alias_map *m, px_err *e)
{
	int rc = participant_each(db, add_aliases, m, e);

	alias_sort(m);
	return rc;
}

struct scan {
	const alias_map *m;
	const char *where;
	const char *text;
	size_t at;               /* bytes counted so far */
	long line, col;
	scan_hit_fn fn;
	void *ud;
};

static void scan_hit(void *ud, size_t at, size_t len, size_t k)
{
	struct scan *s = ud;

	(void)len;
	while (s->at < at) {
		uint32_t cp;
		s->at += text_decode(s->text + s->at, at - s->at, &cp);
		if (cp == '\n') {
			s->line++;
			s->col = 1;
		} else {
			s->col++;
		}
	}
	s->fn(s->ud, s->where, s->line, s->col, s->m->pseudonym[k], s->m->alias[k]);
}

static void scan_text(const alias_map *m, const char *where, const char *text,
		      scan_hit_fn fn, void *ud)
{
	struct scan s = { m, where, text, 0, 1, 1, fn, ud };

	alias_scan(m, text, scan_hit, &s);
}

/* A .docx's XML as text: tags dropped, a paragraph end a line end, the
 * five XML entities decoded (so a name split by markup is found). */
static char *xml_text(const char *xml)
{
	static const char *const ents[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&apos;", "'" }, { NULL, NULL }
	};
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (const char *p = xml; *p; p++) {
		if (*p == '<') {
			const char *end = strchr(p, '>');
			if (!end)
				break;
			if (!strncmp(p, "</w:p>", 6) || !strncmp(p, "<w:br", 5))
				sb_addc(&b, '\n');
			p = end;
			continue;
		}
		if (*p == '&') {
			int k;
			for (k = 0; ents[k][0] && strncmp(p, ents[k][0], strlen(ents[k][0])) != 0; k++)
				;
			if (ents[k][0]) {
				sb_add(&b, ents[k][1]);
				p += strlen(ents[k][0]) - 1;
				continue;
			}
		}
		sb_addc(&b, *p);
	}
	return sb_steal(&b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Blanks [p, end) but for line ends; returns end. */
static char *blank_to(char *p, char *end)
{
	for (; p < end; p++)
		if (*p != '\n')
			*p = ' ';
	return end;
}

/* Where `what` starts in p, or p's end. */
static char *find_or_end(char *p, const char *what)
{
	char *at = strstr(p, what);

	return at ? at : p + strlen(p);
}

/* An HTML page's markup blanked in place -- tags, attribute names,
 * comments, the stylesheet and scripts -- so that only what a reader sees
 * is scanned (a <mark> is no alias 'Mark'), at unchanged lines and
 * columns. Attribute values are kept: a title or alt text is read too. */
static void html_mask(char *text)
{
	char *p = text;

	while ((p = strchr(p, '<'))) {
		int raw = !strncasecmp(p, "<style", 6) || !strncasecmp(p, "<script", 7);
		if (!strncmp(p, "<!--", 4)) {
			char *end = find_or_end(p + 4, "-->");
			p = blank_to(p, *end ? end + 3 : end);
			continue;
		}
		for (char q = 0; *p && (q || *p != '>'); p++) {
			if (q && *p == q)
				q = 0, *p = ' ';
			else if (!q && (*p == '"' || *p == '\''))
				q = *p, *p = ' ';
			else if (!q && *p != '\n')
				*p = ' ';
		}
		if (*p == '>')
			*p++ = ' ';
		/* a stylesheet or script runs to its end tag, blanked next */
		if (raw)
			p = blank_to(p, find_or_end(p, "</"));
	}
}

/* The entries of a zip that hold text: a .qdpx's project and sources, a
 * .docx's document, footnotes and comments. */
static int entry_wanted(const char *name, int docx)
{
	if (docx)
		return !strcmp(name, "word/document.xml") || !strcmp(name, "word/footnotes.xml") ||
		       !strcmp(name, "word/comments.xml");
	return ends_with(name, ".qde") || ends_with(name, ".txt");
}

static int scan_zip(const alias_map *m, const char *path, int docx, scan_hit_fn fn, void *ud,
		    px_err *e)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_int64_t n;

	if (!z)
		return px_fail(e, PX_EDATA, "%s: not a readable zip file", path);
	n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		zip_stat_t st;
		zip_file_t *f;
		char *buf, *where, *text;
		if (!name || !entry_wanted(name, docx) || zip_stat_index(z, (zip_uint64_t)i, 0, &st))
			continue;
		if (st.size > (zip_uint64_t)256 * 1024 * 1024 || !(f = zip_fopen_index(z, (zip_uint64_t)i, 0))) {
			zip_discard(z);
			return px_fail(e, PX_EDATA, "%s: entry '%s' cannot be read", path, name);
		}
		buf = xmalloc((size_t)st.size + 1);
		if (zip_fread(f, buf, st.size) != (zip_int64_t)st.size) {
			zip_fclose(f);
			free(buf);
			zip_discard(z);
			return px_fail(e, PX_EDATA, "%s: entry '%s' is corrupt", path, name);
		}
		zip_fclose(f);
		buf[st.size] = '\0';
		text = docx ? xml_text(buf) : buf;
		where = xasprintf("%s!%s", path, name);
		scan_text(m, where, text, fn, ud);
		free(where);
		if (text != buf)
			free(text);
		free(buf);
	}
	zip_discard(z);
	return PX_OK;
}

int scan_file(const alias_map *m, const char *path, scan_hit_fn fn, void *ud, px_err *e)
{
	size_t len;
	char *text;

	if (ends_with(path, ".qdpx") || ends_with(path, ".docx"))
		return scan_zip(m, path, ends_with(path, ".docx"), fn, ud, e);
	if (!(text = util_read_file(path, &len)))
		return px_fail(e, PX_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (ends_with(path, ".html") || ends_with(path, ".htm"))
		html_mask(text);
	scan_text(m, path, text, fn, ud);
	free(text);
	return PX_OK;
}
