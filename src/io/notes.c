/* notes.c: plain field notes as vignettes; see praxis/notes.h.
 *
 * A file may open with YAML front matter between "---" lines; it is read
 * with the corpus reader (same marks, so errors name the file's own line
 * and column). The rest is the text: BOM stripped, CR LF made LF, blank
 * lines at either end dropped; a leading "# heading" becomes the title
 * when the front matter gives none. A file whose vignette exists already
 * (the same id) replaces its text: the codings are re-anchored
 * (vignette_update), not duplicated. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/stat.h>
#include "praxis/entity.h"
#include "praxis/notes.h"
#include "praxis/participant.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "praxis/ytree.h"

struct front {
	char *title, *date, *community;
	idlist participants;
	int64_t community_id;
};

static int scalar_of(yreader *r, ynode *v, const char *key, char **out, px_err *e)
{
	if (v->type != YN_SCALAR)
		return yerr(e, r, v, "%s: expected a single value", key);
	free(*out);
	*out = ynode_is_null(v) ? NULL : xstrdup(v->value);
	return PX_OK;
}

static int front_participants(px_db *db, yreader *r, ynode *v, struct front *f, px_err *e)
{
	if (v->type == YN_SCALAR && ynode_is_null(v))
		return PX_OK;
	if (v->type != YN_SEQ)
		return yerr(e, r, v, "participants: expected a list of participant ids");
	for (size_t i = 0; i < v->n; i++) {
		ynode *it = v->kids[i];
		int64_t id;
		if (it->type != YN_SCALAR)
			return yerr(e, r, it, "participants: expected a participant id");
		if (participant_find(db, it->value, &id, NULL) != PX_OK)
			return yerr(e, r, it, "participants: no participant '%s' (import or add"
				    " them first)", it->value);
		if (!idl_has(&f->participants, id))
			idl_push(&f->participants, id);
	}
	return PX_OK;
}

static int front_key(px_db *db, yreader *r, ynode *key, ynode *v, struct front *f, px_err *e)
{
	const char *k = key->value;

	if (strcmp(k, "title") == 0)
		return scalar_of(r, v, k, &f->title, e);
	if (strcmp(k, "date") == 0) {
		int rc = scalar_of(r, v, k, &f->date, e);
		if (!rc && f->date && !vignette_date_valid(f->date))
			return yerr(e, r, v, "date '%s': use YYYY-MM-DD or YYYY-MM-DDTHH:MM", f->date);
		return rc;
	}
	if (strcmp(k, "community") == 0)
		return scalar_of(r, v, k, &f->community, e);
	if (strcmp(k, "participants") == 0)
		return front_participants(db, r, v, f, e);
	return yerr(e, r, key, "unknown front matter key '%s' (use title, date, community,"
		    " participants)", k);
}

static int read_front(px_db *db, const char *name, const char *data, size_t len,
		      struct front *f, px_err *e)
{
	yreader r;
	ynode *key = NULL, *v = NULL;
	int rc;

	yreader_open_buffer(&r, name, data, len);
	if ((rc = yreader_begin_map(&r, e)))
		goto done;
	while ((rc = yreader_next_key(&r, &key, e)) == 1) {
		if ((rc = yreader_node(&r, &v, e)))
			break;
		rc = front_key(db, &r, key, v, f, e);
		ynode_free(key);
		ynode_free(v);
		key = v = NULL;
		if (rc)
			break;
	}
	if (rc < 0)
		rc = -rc;
	if (!rc)
		rc = yreader_end(&r, e);
done:
	ynode_free(key);
	yreader_close(&r);
	return rc;
}

/* Line and column (1-based, columns in code points) of byte offset at. */
static void line_col(const char *s, size_t at, int *line, int *col)
{
	size_t start = 0;

	*line = 1;
	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = (int)text_cp_len_n(s + start, at - start) + 1;
}

/* The end of the front matter's closing "---" (or "...") line, or 0. */
static size_t front_end(const char *s, size_t len, size_t *yaml_len)
{
	size_t i;

	if (len < 4 || strncmp(s, "---", 3) != 0 || (s[3] != '\n' && s[3] != '\r'))
		return 0;
	i = s[3] == '\r' ? 5 : 4;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, l = end - i;
		if (l && s[end - 1] == '\r')
			l--;
		if (l == 3 && (strncmp(s + i, "---", 3) == 0 || strncmp(s + i, "...", 3) == 0)) {
			*yaml_len = i;
			return nl ? end + 1 : end;
		}
		i = end + 1;
	}
	return 0;
}

static char *body_text(const char *s, size_t len, char **heading)
{
	strbuf b;
	size_t i = 0;

	sb_init(&b);
	sb_add(&b, "");
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			sb_addc(&b, '\n');
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			sb_addc(&b, s[i]);
		}
	}
	/* trim blank lines and trailing spaces at both ends */
	char *t = b.s, *end;
	while (*t == '\n' || *t == ' ' || *t == '\t') {
		char *nl = strchr(t, '\n');
		size_t k = strspn(t, " \t");
		if (t[k] != '\n' || !nl)
			break;
		t = nl + 1;
	}
	if (heading && t[0] == '#' && t[1] == ' ') {
		char *nl = strchr(t, '\n');
		*heading = nl ? xstrndup(t + 2, (size_t)(nl - t - 2)) : xstrdup(t + 2);
		t = nl ? nl + 1 : t + strlen(t);
		while (*t == '\n')
			t++;
	}
	end = t + strlen(t);
	while (end > t && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	t = xstrndup(t, (size_t)(end - t));
	sb_free(&b);
	return t;
}

static char *id_from_name(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	char *stem, *id;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	stem = dot && dot != base ? xstrndup(base, (size_t)(dot - base)) : xstrdup(base);
	id = text_drop_bidi(stem);
	free(stem);
	return id;
}

/* A note imported before: its new text (vignette_update re-anchors the
 * codings) and whatever its front matter or heading says now. */
static int notes_update(px_db *db, px_vignette *v, struct front *f, const char *heading,
			px_err *e)
{
	int rc;

	if (f->title || heading) {
		free(v->title);
		v->title = xstrdup(f->title ? f->title : heading);
	}
	if (f->date) {
		free(v->date);
		v->date = xstrdup(f->date);
	}
	if (f->participants.n) {
		idl_free(&v->participants);
		idl_copy(&v->participants, &f->participants);
	}
	if (f->community &&
	    (rc = entity_ensure(db, ENT_COMMUNITY, f->community, &v->community_id, e)))
		return rc;
	return vignette_update(db, v, NULL, e);
}

static int notes_one(px_db *db, const char *name, const char *data, size_t len,
		     const char *fallback_date, int64_t coder_id, px_err *e)
{
	struct front f = { 0 };
	px_vignette v = { 0 };
	size_t bad = 0, body = 0, yaml_len = 0, skip = 0;
	char *heading = NULL, now[32];
	int64_t existing;
	int line, col, rc = PX_OK;

	if (!text_utf8_valid(data, len, &bad) || memchr(data, '\0', len)) {
		if (text_utf8_valid(data, len, NULL))
			bad = (size_t)((const char *)memchr(data, '\0', len) - data);
		line_col(data, bad, &line, &col);
		return px_fail(e, PX_EDATA, "%s:%d:%d: not UTF-8 text", name, line, col);
	}
	if (len >= 3 && strncmp(data, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	if ((body = front_end(data + skip, len - skip, &yaml_len))) {
		/* blank front matter is allowed; the reader wants a mapping */
		if (strspn(data + skip + 4, " \t\r\n") < yaml_len - 4 &&
		    (rc = read_front(db, name, data + skip, yaml_len, &f, e)))
			goto done;
		body += skip;
	} else if (len - skip >= 3 && strncmp(data + skip, "---", 3) == 0 &&
		   (len - skip == 3 || data[skip + 3] == '\n' || data[skip + 3] == '\r')) {
		/* (the buffer need not be NUL-terminated: "---" may be all of it) */
		rc = px_fail(e, PX_EDATA, "%s:1:1: front matter opened with --- is never closed",
			     name);
		goto done;
	} else {
		body = skip;
	}
	v.ext_id = id_from_name(name);
	if (!*v.ext_id) {
		rc = px_fail(e, PX_EDATA, "%s:1:1: cannot make a vignette id from the file name", name);
		goto done;
	}
	existing = 0;
	if (vignette_find(db, v.ext_id, &existing, NULL) == PX_OK) {
		/* imported before: take its new text, re-anchoring its codings */
		char *ext_id = v.ext_id;
		v.ext_id = NULL;
		if ((rc = vignette_get(db, existing, &v, e)))
			goto done;
		free(v.ext_id);
		v.ext_id = ext_id;
		free(v.text);
	}
	v.text = body_text(data + body, len - body, f.title ? NULL : &heading);
	if (!*v.text) {
		line_col(data, body, &line, &col);   /* where the text should start */
		rc = px_fail(e, PX_EDATA, "%s:%d:%d: the note has no text", name, line, col);
		goto done;
	}
	if (existing) {
		rc = notes_update(db, &v, &f, heading, e);
		if (rc)
			px_wrap(e, "%s:1:1", name);
		goto done;
	}
	v.title = xstrdup(f.title ? f.title : heading ? heading : v.ext_id);
	if (!f.date) {
		util_now_iso(now);
		f.date = xstrndup(fallback_date ? fallback_date : now, 10);
	}
	v.date = xstrdup(f.date);
	v.observer_id = coder_id;
	idl_copy(&v.participants, &f.participants);
	if (f.community && (rc = entity_ensure(db, ENT_COMMUNITY, f.community, &v.community_id, e)))
		goto done;
	if ((rc = vignette_add(db, &v, e)))
		px_wrap(e, "%s:1:1", name);
done:
	free(f.title);
	free(f.date);
	free(f.community);
	idl_free(&f.participants);
	free(heading);
	vignette_free(&v);
	return rc;
}

int notes_import_buffer(px_db *db, const char *name, const char *data, size_t len,
			int64_t coder_id, px_err *e)
{
	return notes_one(db, name, data, len, NULL, coder_id, e);
}

int notes_import(px_db *db, const char *const *files, int nfiles, int64_t coder_id,
		 int64_t *count, px_err *e)
{
	for (int i = 0; i < nfiles; i++) {
		struct stat sb;
		char date[16];
		size_t len;
		char *text = util_read_file(files[i], &len);
		int rc;
		if (!text)
			return px_fail(e, PX_EIO, "%s: cannot read: %s", files[i], strerror(errno));
		/* without a date, the file's modification day */
		date[0] = '\0';
		if (stat(files[i], &sb) == 0) {
			struct tm tm;
			gmtime_r(&sb.st_mtime, &tm);
			strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		}
		rc = notes_one(db, files[i], text, len, date[0] ? date : NULL, coder_id, e);
		free(text);
		if (rc)
			return rc;
		if (count)
			(*count)++;
	}
	return PX_OK;
}
