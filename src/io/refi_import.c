/* refi_import.c: reading a REFI-QDA project (.qdpx) written by praxis or
 * another QDA tool; see praxis/refi.h.
 *
 * The zip is checked before anything is read (entry names, declared
 * sizes, one *.qde), the XML is parsed without network or DTDs, and every
 * reference is resolved in passes: users, notes and sets first (they are
 * referred to from earlier elements), then codes, cases, sources. The
 * caller's transaction makes the import all-or-nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/refi.h"
#include "praxis/refi_praxis.h"
#include "praxis/refi_xml.h"
#include "praxis/refi_units.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

struct note {
	char *guid;
	char *text;
	int used;
	int64_t coder;
};

struct rin {
	px_db *db;
	const char *path;
	zip_t *zip;
	px_err *e;
	struct refi_import_stats *st;
	int64_t coder_id;
	int root;
	xmlDocPtr doc;
	strmap users;            /* guid -> coder id */
	strmap codes;            /* guid -> code id */
	strmap variables;        /* guid -> index into varnames */
	strlist varnames;
	strmap cases;            /* guid -> participant id */
	strmap source_community; /* source guid -> community id */
	struct note *notes;
	size_t nnotes;
	/* (guid -> participant) pairs from Case SourceRef / SelectionRef */
	strlist ref_guid;
	idlist ref_person;
	strmap ext_ids;          /* vignette / participant ids taken in this import */
	idlist entries_read;     /* zip entries read for a plainTextPath */
	const struct refi_import_opts *opts;
	int prior;               /* the reading the project's origin suggests */
	char *origin;
	uint64_t bytes_read;     /* from the archive so far, uncompressed */
	int codebook_only;       /* a .qdc: no notes, errors as FILE:LINE */
};

size_t refi_read_limit = REFI_MAX_READ;

static int ierr(struct rin *r, xmlNodePtr at, const char *fmt, ...) PX_PRINTF(3, 4);

static int ierr(struct rin *r, xmlNodePtr at, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (at && r->codebook_only)
		return px_fail(r->e, PX_EDATA, "%s:%ld: %s", r->path, xmlGetLineNo(at), msg);
	if (at)
		return px_fail(r->e, PX_EDATA, "%s: project.qde:%ld: %s", r->path,
			       xmlGetLineNo(at), msg);
	return px_fail(r->e, PX_EDATA, "%s: %s", r->path, msg);
}

#ifdef __clang_analyzer__
/* The analyzer does not follow variadic functions: tell it what ierr
 * returns, or it walks every error path as if ierr had returned 0. */
#define ierr(...) (ierr(__VA_ARGS__), PX_EDATA)
#endif

static int need_prop(struct rin *r, xmlNodePtr n, const char *name, char **out)
{
	if (!(*out = refi_prop(n, name)) || !**out) {
		free(*out);
		*out = NULL;
		return ierr(r, n, "<%s> lacks the required attribute %s", (const char *)n->name,
			    name);
	}
	return PX_OK;
}

static char *content(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");

	xmlFree(v);
	return s;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (refi_is(c, name))
			return c;
	return NULL;
}

/* A GUID as praxis stores uuids: lower case, braces dropped. */
static char *guid_norm(const char *g)
{
	char *s;
	size_t n;

	if (!g)
		return NULL;
	if (*g == '{')
		g++;
	s = xstrdup(g);
	n = strlen(s);
	if (n && s[n - 1] == '}')
		s[n - 1] = '\0';
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p + 32);
	return s;
}

static int need_guid(struct rin *r, xmlNodePtr n, const char *name, char **out)
{
	char *raw;
	int rc;

	if ((rc = need_prop(r, n, name, &raw)))
		return rc;
	*out = guid_norm(raw);
	free(raw);
	if (strlen(*out) != 36) {
		rc = ierr(r, n, "%s '%s' is not a GUID", name, *out);
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* A short id from a name: [a-z0-9_-]+, unique among ids this import took
 * and the store already has (checked by taken). */
static char *slug(const char *name, const char *fallback)
{
	char *visible = text_drop_bidi(name ? name : "");
	strbuf b;
	int dash = 0;

	sb_init(&b);
	for (const unsigned char *p = (const unsigned char *)visible; *p; p++) {
		int c = *p;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80) {
			sb_addc(&b, (char)c);
			dash = 0;
		} else if (b.len && !dash) {
			sb_addc(&b, '-');
			dash = 1;
		}
	}
	free(visible);
	while (b.len && b.s[b.len - 1] == '-')
		b.s[--b.len] = '\0';
	if (b.len > 40) {
		b.len = 40;
		while (b.len && ((unsigned char)b.s[b.len] & 0xC0) == 0x80)
			b.len--;          /* never cut a UTF-8 sequence */
		b.s[b.len] = '\0';
	}
	if (!b.len)
		sb_add(&b, fallback);
	return sb_steal(&b);
}

typedef int (*taken_fn)(px_db *db, const char *id);

static int vignette_taken(px_db *db, const char *id)
{
	int64_t x;
	return vignette_find(db, id, &x, NULL) == PX_OK;
}

static int participant_taken(px_db *db, const char *id)
{
	int64_t x;
	return participant_find(db, id, &x, NULL) == PX_OK;
}

static char *unique_id(struct rin *r, const char *name, const char *fallback, taken_fn taken)
{
	char *base = slug(name, fallback), *id = xstrdup(base);
	int64_t dummy;

	for (int k = 2; taken(r->db, id) || sm_get(&r->ext_ids, id, &dummy); k++) {
		free(id);
		id = xasprintf("%s-%d", base, k);
	}
	sm_put(&r->ext_ids, id, 1);
	free(base);
	return id;
}

/* ---- the zip ---- */

/* 1 if an entry name could land outside the extraction directory. */
static int name_unsafe(const char *n)
{
	if (n[0] == '/' || n[0] == '\\' || (n[0] && n[1] == ':'))
		return 1;
	for (const char *p = n; *p; p++) {
		if ((p == n || p[-1] == '/' || p[-1] == '\\') && p[0] == '.' && p[1] == '.' &&
		    (p[2] == '/' || p[2] == '\\' || p[2] == '\0'))
			return 1;
	}
	return 0;
}

static int zip_check(struct rin *r, zip_int64_t *qde)
{
	zip_int64_t n = zip_get_num_entries(r->zip, 0);
	zip_stat_t zs;

	*qde = -1;
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name;
		size_t len;
		if (zip_stat_index(r->zip, (zip_uint64_t)i, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_NAME))
			return ierr(r, NULL, "entry %lld is unreadable: %s", (long long)i,
				    zip_strerror(r->zip));
		name = zs.name;
		if (name_unsafe(name))
			return ierr(r, NULL, "entry '%s' points outside the archive (absolute or ../"
				    " path): refused", name);
		if ((zs.valid & ZIP_STAT_SIZE) && zs.size > (zip_uint64_t)REFI_MAX_ENTRY)
			return ierr(r, NULL, "entry '%s' declares %llu bytes, more than the limit of"
				    " %u", name, (unsigned long long)zs.size, REFI_MAX_ENTRY);
		len = strlen(name);
		if (len > 4 && strcmp(name + len - 4, ".qde") == 0 && !strchr(name, '/')) {
			if (*qde >= 0)
				return ierr(r, NULL, "more than one .qde file in the archive");
			*qde = i;
		}
	}
	if (*qde < 0)
		return ierr(r, NULL, "no project file (*.qde) in the archive");
	return PX_OK;
}

static int zip_read(struct rin *r, zip_int64_t idx, char **out, size_t *len)
{
	zip_stat_t zs;
	zip_file_t *f;
	char *buf;
	zip_int64_t got;

	if (zip_stat_index(r->zip, (zip_uint64_t)idx, 0, &zs) != 0)
		return ierr(r, NULL, "cannot read entry %lld", (long long)idx);
	/* a few hundred KB of zip can inflate to gigabytes: cap the total,
	 * before the bytes are read, not only each entry */
	if (zs.size > refi_read_limit - r->bytes_read)
		return ierr(r, NULL, "'%s' would take the text read from the archive past "
			    "the limit of %zu bytes (%zu MiB) in all: refused", zs.name,
			    refi_read_limit, refi_read_limit >> 20);
	r->bytes_read += zs.size;
	if (!(f = zip_fopen_index(r->zip, (zip_uint64_t)idx, 0)))
		return ierr(r, NULL, "cannot read '%s': %s", zs.name, zip_strerror(r->zip));
	buf = xmalloc((size_t)zs.size + 1);
	got = zip_fread(f, buf, zs.size);
	if (got < 0 || (zip_uint64_t)got != zs.size) {
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", zip_file_strerror(f));
		zip_fclose(f);
		free(buf);
		return ierr(r, NULL, "'%s' is corrupt or truncated: %s", zs.name, msg);
	}
	zip_fclose(f);
	buf[got] = '\0';
	*out = buf;
	*len = (size_t)got;
	return PX_OK;
}

/* Each text entry is read for one source or note: two pointing at one
 * entry would import it twice (and read a large one twice). */
static int read_entry_once(struct rin *r, xmlNodePtr at, const char *path, zip_int64_t idx,
			   char **out, size_t *len)
{
	for (size_t i = 0; i < r->entries_read.n; i++)
		if (r->entries_read.v[i] == (int64_t)idx)
			return ierr(r, at, "plainTextPath '%s': another source or note already "
				    "points at this archive entry: refused", path);
	idl_push(&r->entries_read, (int64_t)idx);
	return zip_read(r, idx, out, len);
}

/* internal://X.txt (or a bare name) looked up under sources/ or Sources/. */
static int read_internal(struct rin *r, xmlNodePtr at, const char *path, char **out, size_t *len)
{
	const char *base = strncmp(path, "internal://", 11) == 0 ? path + 11 : NULL;
	static const char *const dirs[] = { "sources/", "Sources/", "", NULL };

	/* (only zip entries are ever read, but say so rather than "no such file") */
	if (!base || name_unsafe(base))
		return ierr(r, at, "plainTextPath '%s' is outside the archive", path);
	for (int i = 0; dirs[i]; i++) {
		char *name = xasprintf("%s%s", dirs[i], base);
		zip_int64_t idx = zip_name_locate(r->zip, name, ZIP_FL_NOCASE);
		free(name);
		if (idx >= 0)
			return read_entry_once(r, at, path, idx, out, len);
	}
	return ierr(r, at, "plainTextPath '%s': no such file in the archive", path);
}

/* ---- passes ---- */

static int pass_users(struct rin *r, xmlNodePtr users)
{
	for (xmlNodePtr u = users->children; u; u = u->next) {
		char *guid = NULL, *name, *id, *ext;
		int64_t cid = 0;
		int rc;
		if (!refi_is(u, "User"))
			continue;
		if ((rc = need_guid(r, u, "guid", &guid)))
			return rc;
		name = refi_prop(u, "name");
		id = refi_prop(u, "id");
		ext = slug(id && *id ? id : name, "user");
		if (entity_find(r->db, ENT_CODER, ext, &cid, NULL) != PX_OK) {
			px_entity ent = { 0 };
			ent.ext_id = ext;
			ent.name = name;
			ent.uuid = guid;
			ent.reified = -1;
			if ((rc = entity_add(r->db, ENT_CODER, &ent, r->e)))
				return rc;
			cid = ent.id;
			ent.uuid = NULL;
			ent.name = NULL;
			ent.ext_id = NULL;
			r->st->users++;
		}
		sm_put(&r->users, guid, cid);
		free(guid);
		free(name);
		free(id);
		free(ext);
	}
	return PX_OK;
}

static int64_t user_of(struct rin *r, xmlNodePtr n)
{
	char *g = refi_prop(n, "creatingUser"), *ng = guid_norm(g);
	int64_t id = r->coder_id;

	if (ng)
		sm_get(&r->users, ng, &id);
	free(g);
	free(ng);
	return id;
}

static int note_text(struct rin *r, xmlNodePtr n, char **out)
{
	xmlNodePtr c = child(n, "PlainTextContent");
	char *path, *buf;
	size_t len;
	int rc;

	if (c) {
		*out = content(c);
		return PX_OK;
	}
	if (!(path = refi_prop(n, "plainTextPath"))) {
		*out = xstrdup("");
		return PX_OK;
	}
	rc = read_internal(r, n, path, &buf, &len);
	free(path);
	if (rc)
		return rc;
	if (!text_utf8_valid(buf, len, NULL) || strlen(buf) != len) {
		free(buf);
		return ierr(r, n, "note text is not UTF-8");
	}
	*out = buf;
	return PX_OK;
}

static int pass_notes(struct rin *r, xmlNodePtr notes)
{
	for (xmlNodePtr n = notes->children; n; n = n->next) {
		struct note nt = { 0 };
		int rc;
		if (!refi_is(n, "Note"))
			continue;
		if ((rc = need_guid(r, n, "guid", &nt.guid)))
			return rc;
		if ((rc = note_text(r, n, &nt.text))) {
			free(nt.guid);
			return rc;
		}
		{
			refi_text t;          /* memos have no positions */
			refi_text_init(&t, nt.text);
			nt.text = t.text;
			t.text = NULL;
			refi_text_free(&t);
		}
		nt.coder = user_of(r, n);
		r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof(*r->notes));
		r->notes[r->nnotes++] = nt;
	}
	return PX_OK;
}

static struct note *note_find(struct rin *r, xmlNodePtr ref)
{
	char *g = refi_prop(ref, "targetGUID"), *ng = guid_norm(g);
	struct note *found = NULL;

	for (size_t i = 0; ng && i < r->nnotes; i++)
		if (strcmp(r->notes[i].guid, ng) == 0)
			found = &r->notes[i];
	free(g);
	free(ng);
	return found;
}

static int note_ref_error(struct rin *r, xmlNodePtr ref)
{
	char *g = refi_prop(ref, "targetGUID");
	int rc = ierr(r, ref, "NoteRef to '%s': no such note", g ? g : "");

	free(g);
	return rc;
}

/* A memo on target from a Note, keeping the note's GUID. */
static int memo_from_note(struct rin *r, xmlNodePtr ref, int target, int64_t target_id)
{
	struct note *nt = note_find(r, ref);
	px_memo m = { 0 };
	int rc;

	if (!nt)
		return note_ref_error(r, ref);
	if (!*nt->text)
		return PX_OK;
	m.target = target;
	m.target_id = target_id;
	m.coder_id = nt->coder;
	m.text = nt->text;
	m.uuid = nt->used ? NULL : xstrdup(nt->guid);
	rc = memo_add(r->db, &m, r->e);
	free(m.uuid);
	nt->used = 1;
	if (!rc)
		r->st->notes++;
	return rc;
}

/* ---- Descriptions ----
 * Other tools keep memos in a <Description> (QualCoder, MAXQDA: the memo
 * of a code, document, coded passage, case or the project); praxis writes
 * each memo both as a note and into the Description. What a Description
 * adds beyond the notes its element refers to is its "lead": the whole
 * text for another tool's memo, nothing for praxis's own copy, the code's
 * description for a praxis code with memos. */

/* A Description's text with CR LF and a BOM normalized as notes are, or
 * NULL when the element has none or it is empty. */
static char *desc_of(xmlNodePtr n)
{
	xmlNodePtr d = child(n, "Description");
	refi_text t;
	char *s;

	if (!d)
		return NULL;
	refi_text_init(&t, content(d));
	s = t.text;
	t.text = NULL;
	refi_text_free(&t);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

/* Strips from the end of desc (in place) each text it ends with, with the
 * blank line before it, in whatever order they were written: what is
 * left is the lead. */
static void desc_strip(char *desc, const strlist *texts)
{
	size_t len = strlen(desc);
	char *used = xcalloc(texts->n + 1, 1);
	int again = 1;

	while (again) {
		again = 0;
		for (size_t i = texts->n; i-- > 0;) {
			size_t k = strlen(texts->v[i]);
			if (used[i] || !k || k > len || memcmp(desc + len - k, texts->v[i], k) != 0)
				continue;
			if (k == len)
				len = 0;
			else if (k + 2 <= len && memcmp(desc + len - k - 2, "\n\n", 2) == 0)
				len -= k + 2;
			else
				continue;        /* the end of a longer paragraph */
			desc[len] = '\0';
			used[i] = 1;
			again = 1;
		}
	}
	free(used);
}

/* The texts of the notes that n's NoteRef children (and, with deep, its
 * Codings' NoteRefs) point at, in document order. */
static void note_texts(struct rin *r, xmlNodePtr n, int deep, strlist *out)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct note *nt;
		if (deep && refi_is(c, "Coding"))
			note_texts(r, c, 0, out);
		if (refi_is(c, "NoteRef") && (nt = note_find(r, c)))
			sl_push(out, nt->text);
	}
}

/* n's Description less what its notes already hold; NULL if nothing is
 * left. */
static char *desc_lead(struct rin *r, xmlNodePtr n, int deep)
{
	char *d = desc_of(n);
	strlist texts = { 0 };

	if (!d)
		return NULL;
	note_texts(r, n, deep, &texts);
	desc_strip(d, &texts);
	sl_free(&texts);
	if (!*d) {
		free(d);
		return NULL;
	}
	return d;
}

/* A memo on target holding the lead of n's Description, if any. */
static int memo_from_desc(struct rin *r, xmlNodePtr n, int target, int64_t target_id,
			  const char *title)
{
	char *lead = desc_lead(r, n, 0);
	px_memo m = { 0 };
	int rc;

	if (!lead)
		return PX_OK;
	m.target = target;
	m.target_id = target_id;
	m.coder_id = user_of(r, n);
	m.text = lead;
	m.title = title && *title ? (char *)title : NULL;
	rc = memo_add(r->db, &m, r->e);
	if (rc)
		rc = ierr(r, n, "Description: %s", r->e->msg);
	else
		r->st->notes++;
	free(lead);
	free(m.uuid);
	free(m.created);
	free(m.updated);
	return rc;
}

static int pass_sets(struct rin *r, xmlNodePtr sets)
{
	for (xmlNodePtr s = sets->children; s; s = s->next) {
		char *name, *desc = NULL, *ext;
		int64_t cid = 0;
		int members = 0, rc;
		if (!refi_is(s, "Set"))
			continue;
		for (xmlNodePtr m = s->children; m; m = m->next)
			members += refi_is(m, "MemberSource");
		if (!members) {
			r->st->skipped_elements++;
			continue;
		}
		name = refi_prop(s, "name");
		if (child(s, "Description"))
			desc = content(child(s, "Description"));
		ext = slug(desc && *desc ? desc : name, "community");
		if (entity_find(r->db, ENT_COMMUNITY, ext, &cid, NULL) != PX_OK) {
			px_entity ent = { 0 };
			char *g = refi_prop(s, "guid");
			ent.ext_id = ext;
			ent.name = name;
			ent.uuid = guid_norm(g);
			ent.reified = -1;
			rc = entity_add(r->db, ENT_COMMUNITY, &ent, r->e);
			cid = ent.id;
			free(ent.uuid);
			free(g);
			if (rc) {
				free(name), free(desc), free(ext);
				return rc;
			}
		}
		for (xmlNodePtr m = s->children; m; m = m->next) {
			char *g, *ng;
			if (!refi_is(m, "MemberSource"))
				continue;
			g = refi_prop(m, "targetGUID");
			ng = guid_norm(g);
			if (ng)
				sm_put(&r->source_community, ng, cid);
			free(g);
			free(ng);
		}
		free(name), free(desc), free(ext);
	}
	return PX_OK;
}

static int root_of(const char *name)
{
	for (int d = CODE_ME; d <= CODE_SR; d++)
		if (strcasecmp(name, codebook_root_name(d)) == 0 ||
		    strcasecmp(name, codebook_root_short(d)) == 0)
			return d;
	return 0;
}

static int import_code(struct rin *r, xmlNodePtr n, int64_t parent)
{
	char *guid = NULL, *name = NULL, *color, *parent_path = NULL, *seg, *path;
	int64_t id = 0;
	int created = 0, rc;

	if ((rc = need_guid(r, n, "guid", &guid)) || (rc = need_prop(r, n, "name", &name)))
		goto done;
	if (!parent && root_of(name)) {
		id = root_of(name);
	} else {
		if ((rc = codebook_path(r->db, parent ? parent : r->root, &parent_path, r->e)))
			goto done;
		seg = codebook_escape_segment(name);
		path = xasprintf("%s/%s", parent_path, seg);
		free(seg);
		rc = codebook_resolve(r->db, path, 1, &id, &created, r->e);
		free(path);
		if (rc) {
			rc = ierr(r, n, "code '%s': %s", name, r->e->msg);
			goto done;
		}
	}
	if (created)
		r->st->codes++;
	/* a code nothing refers to yet takes the incoming GUID, so a project
	 * goes into a fresh database with its identities (default codes too) */
	if ((created || codebook_coding_count(r->db, id, 0) == 0) &&
	    (rc = codebook_set_uuid(r->db, id, guid, r->e)))
		goto done;
	{
		/* praxis writes the code's memos after its description */
		char *d = desc_lead(r, n, 0);
		rc = d ? codebook_set_description(r->db, id, d, r->e) : PX_OK;
		free(d);
		if (rc)
			goto done;
	}
	color = refi_prop(n, "color");
	if (color && codebook_color_valid(color)) {
		for (char *p = color; *p; p++)
			if (*p >= 'A' && *p <= 'F')
				*p = (char)(*p + 32);
		rc = codebook_set_color(r->db, id, color, r->e);
	}
	free(color);
	if (rc)
		goto done;
	sm_put(&r->codes, guid, id);
	for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
		if (refi_is(c, "Code"))
			rc = import_code(r, c, id);
		else if (refi_is(c, "NoteRef") && r->codebook_only)
			r->st->skipped_elements++;   /* a codebook holds no notes */
		else if (refi_is(c, "NoteRef"))
			rc = memo_from_note(r, c, MEMO_CODE, id);
	}
done:
	free(guid);
	free(name);
	free(parent_path);
	return rc;
}

static int pass_codebook(struct rin *r, xmlNodePtr cb)
{
	xmlNodePtr codes = child(cb, "Codes");
	int rc;

	for (xmlNodePtr c = codes ? codes->children : NULL; c; c = c->next)
		if (refi_is(c, "Code") && (rc = import_code(r, c, 0)))
			return rc;
	return PX_OK;
}

static int pass_variables(struct rin *r, xmlNodePtr vars)
{
	for (xmlNodePtr v = vars->children; v; v = v->next) {
		char *guid = NULL, *name = NULL;
		int rc;
		if (!refi_is(v, "Variable"))
			continue;
		if ((rc = need_guid(r, v, "guid", &guid)) || (rc = need_prop(r, v, "name", &name))) {
			free(guid);
			return rc;
		}
		sm_put(&r->variables, guid, (int64_t)r->varnames.n);
		sl_push(&r->varnames, name);
		free(guid);
		free(name);
	}
	return PX_OK;
}

static const char *const value_kinds[] = {
	"TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
	"DateTimeValue", NULL
};

static void case_value(struct rin *r, xmlNodePtr vv, px_participant *p)
{
	xmlNodePtr ref = child(vv, "VariableRef");
	char *g = ref ? refi_prop(ref, "targetGUID") : NULL, *ng = guid_norm(g), *val = NULL;
	int64_t idx = -1;

	for (int k = 0; value_kinds[k] && !val; k++)
		if (child(vv, value_kinds[k]))
			val = content(child(vv, value_kinds[k]));
	if (ng && val && sm_get(&r->variables, ng, &idx) && idx >= 0 &&
	    (size_t)idx < r->varnames.n) {
		const char *name = r->varnames.v[idx];
		if (strcmp(name, REFI_VAR_ID) == 0 && !p->ext_id)
			p->ext_id = unique_id(r, val, "case", participant_taken);
		else if (strcmp(name, "role") == 0 && !p->role)
			p->role = xstrdup(val);
		else
			participant_attr_add(p, name, val);
	} else {
		r->st->skipped_elements++;
	}
	free(g);
	free(ng);
	free(val);
}

static void add_ref(struct rin *r, xmlNodePtr ref, int64_t person)
{
	char *g = refi_prop(ref, "targetGUID"), *ng = guid_norm(g);

	if (ng) {
		sl_push(&r->ref_guid, ng);
		idl_push(&r->ref_person, person);
	}
	free(g);
	free(ng);
}

static int import_case(struct rin *r, xmlNodePtr n)
{
	px_participant p = { 0 };
	char *name;
	int rc;

	if ((rc = need_guid(r, n, "guid", &p.uuid)))
		return rc;
	name = refi_prop(n, "name");
	p.pseudonym = xstrdup(name && *name ? name : "case");
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (refi_is(c, "VariableValue"))
			case_value(r, c, &p);
	if (!p.ext_id)
		p.ext_id = unique_id(r, p.pseudonym, "case", participant_taken);
	if (!(rc = participant_add(r->db, &p, r->e))) {
		sm_put(&r->cases, p.uuid, p.id);
		r->st->cases++;
		for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
			if (refi_is(c, "SourceRef") || refi_is(c, "SelectionRef"))
				add_ref(r, c, p.id);
			else if (refi_is(c, "NoteRef"))  /* a case note: a memo on the participant */
				rc = memo_from_note(r, c, MEMO_PARTICIPANT, p.id);
		}
		if (!rc)   /* the case memo of QualCoder and praxis */
			rc = memo_from_desc(r, n, MEMO_PARTICIPANT, p.id, NULL);
	}
	free(name);
	participant_free(&p);
	return rc;
}

/* The value of a source's praxis variable (REFI_VAR_*), or NULL. */
static char *source_var(struct rin *r, xmlNodePtr n, const char *want)
{
	for (xmlNodePtr vv = n->children; vv; vv = vv->next) {
		xmlNodePtr ref = refi_is(vv, "VariableValue") ? child(vv, "VariableRef") : NULL;
		char *g = ref ? refi_prop(ref, "targetGUID") : NULL, *ng = guid_norm(g);
		int64_t idx = -1;
		int hit = ng && sm_get(&r->variables, ng, &idx) && idx >= 0 &&
			  (size_t)idx < r->varnames.n && strcmp(r->varnames.v[idx], want) == 0;
		free(g);
		free(ng);
		if (hit && child(vv, "TextValue"))
			return content(child(vv, "TextValue"));
	}
	return NULL;
}

/* A source's id, date and community from praxis variables, when it has them. */
static int source_vars(struct rin *r, xmlNodePtr n, px_vignette *v)
{
	char *id = source_var(r, n, REFI_VAR_VIGNETTE_ID), *date = source_var(r, n, REFI_VAR_DATE);
	char *com = source_var(r, n, REFI_VAR_COMMUNITY);
	int rc = PX_OK;

	if (!id)
		id = source_var(r, n, REFI_VAR_ID);   /* as earlier exports wrote it */
	if (id && *id) {
		free(v->ext_id);
		v->ext_id = unique_id(r, id, "source", vignette_taken);
	}
	if (date && vignette_date_valid(date)) {
		free(v->date);
		v->date = date;
		date = NULL;
	}
	if (com && *com && !v->community_id &&
	    entity_find(r->db, ENT_COMMUNITY, com, &v->community_id, NULL) != PX_OK) {
		px_entity ent = { 0 };
		ent.ext_id = com;
		ent.reified = -1;
		rc = entity_add(r->db, ENT_COMMUNITY, &ent, r->e);
		v->community_id = ent.id;
	}
	free(id);
	free(date);
	free(com);
	return rc;
}

static void refs_for(struct rin *r, const char *guid, idlist *out)
{
	for (size_t i = 0; i < r->ref_guid.n; i++)
		if (strcmp(r->ref_guid.v[i], guid) == 0 && !idl_has(out, r->ref_person.v[i]))
			idl_push(out, r->ref_person.v[i]);
}

/* creationDateTime as a vignette date: the day, with the time when it is
 * not midnight. */
static char *source_date(xmlNodePtr n)
{
	char *dt = refi_prop(n, "creationDateTime"), *d;
	char now[32];

	if (!dt)
		dt = refi_prop(n, "modifiedDateTime");
	if (dt && strlen(dt) >= 16 && dt[10] == 'T') {
		d = strncmp(dt + 11, "00:00", 5) == 0 ? xstrndup(dt, 10) : xstrndup(dt, 16);
		if (vignette_date_valid(d)) {
			free(dt);
			return d;
		}
		free(d);
	} else if (dt && strlen(dt) == 10 && vignette_date_valid(dt)) {
		return dt;
	}
	free(dt);
	util_now_iso(now);
	return xstrndup(now, 10);
}

struct src {
	refi_text t;
	px_vignette v;
	int unit;                 /* the reading of this source's positions */
	unsigned char *doubtful;  /* per PlainTextSelection, in document order */
	size_t sel_at;            /* the selection being imported */
};

/* A selection or coding that cannot be imported: an error with --strict,
 * else a warning naming the source, the selection and why, and a count. */
static int skip(struct rin *r, xmlNodePtr at, const struct src *s, const char *sel_guid,
		const char *why)
{
	char *line;

	if (r->opts && r->opts->strict)
		return ierr(r, at, "%s", why);
	line = xasprintf("%s: source '%s': selection %s skipped: %s", r->path,
			 s->v.title ? s->v.title : "", sel_guid ? sel_guid : "(whole text)", why);
	sl_push(&r->st->report, line);
	free(line);
	r->st->skipped_selections++;
	return PX_OK;
}

/* A Coding at [start, end) (-1: the whole text). sel: its selection or
 * NULL; lead: what the selection's Description adds to the notes (another
 * tool's coding memo), appended to the coding's memo. The Coding's notes
 * are its memo; the selection's notes are analytic memos on the coding. */
static int import_coding(struct rin *r, xmlNodePtr cn, struct src *s, int64_t start,
			 int64_t end, const char *sel_guid, xmlNodePtr sel, const char *lead)
{
	xmlNodePtr cref = child(cn, "CodeRef");
	char *g = cref ? refi_prop(cref, "targetGUID") : NULL, *ng = guid_norm(g);
	px_coding c = { 0 };
	strbuf memo;
	int64_t code = 0;
	int rc;

	if (!ng || !sm_get(&r->codes, ng, &code)) {
		char *why = xasprintf("Coding refers to code '%s', which is not in the codebook",
				      g ? g : "");
		rc = skip(r, cn, s, sel_guid, why);
		free(why);
		free(g);
		free(ng);
		return rc;
	}
	free(g);
	free(ng);
	c.vignette_id = s->v.id;
	c.code_id = code;
	c.coder_id = user_of(r, cn);
	c.start = start;
	c.end = end;
	c.needs_review = sel_guid && s->doubtful && s->doubtful[s->sel_at];
	g = refi_prop(cn, "guid");
	c.uuid = guid_norm(g);
	free(g);
	sb_init(&memo);
	for (xmlNodePtr nr = cn->children; nr; nr = nr->next) {
		struct note *nt;
		if (!refi_is(nr, "NoteRef"))
			continue;
		if (!(nt = note_find(r, nr))) {
			sb_free(&memo);
			coding_free(&c);
			return note_ref_error(r, nr);
		}
		nt->used = 1;
		if (memo.len)
			sb_add(&memo, "\n\n");
		sb_add(&memo, nt->text);
	}
	if (lead) {
		if (memo.len)
			sb_add(&memo, "\n\n");
		sb_add(&memo, lead);
	}
	c.memo = memo.len ? sb_steal(&memo) : NULL;
	sb_free(&memo);
	if (sel_guid)
		refs_for(r, sel_guid, &c.participants);
	rc = coding_add(r->db, &c, r->e);
	if (rc) {
		rc = ierr(r, cn, "coding: %s", r->e->msg);
	} else {
		r->st->codings++;
		r->st->flagged += c.needs_review;
	}
	for (xmlNodePtr nr = sel ? sel->children : NULL; nr && !rc; nr = nr->next)
		if (refi_is(nr, "NoteRef"))
			rc = memo_from_note(r, nr, MEMO_CODING, c.id);
	coding_free(&c);
	return rc;
}

/* A position attribute: 0 and *out, or -1 when it is missing or not a
 * number (why says so). */
static int read_position(xmlNodePtr n, const char *name, int64_t *out, char **why)
{
	char *v = refi_prop(n, name), *end = NULL;
	long long x = v ? strtoll(v, &end, 10) : -1;
	int bad = !v || !*v || *end || x < 0;

	*out = bad ? -1 : x;
	if (bad)
		*why = v ? xasprintf("%s '%s' is not a position", name, v)
			 : xasprintf("<PlainTextSelection> lacks the required attribute %s", name);
	free(v);
	return bad ? -1 : 0;
}

static int import_selection(struct rin *r, xmlNodePtr sel, struct src *s)
{
	int64_t a, b, pa, pb;
	char *guid = NULL, *why = NULL, *lead = NULL;
	int rc, codings = 0;

	if ((rc = need_guid(r, sel, "guid", &guid)))
		return rc;
	if (read_position(sel, "startPosition", &pa, &why) ||
	    read_position(sel, "endPosition", &pb, &why)) {
		rc = skip(r, sel, s, guid, why);
		goto done;
	}
	a = refi_text_pos(&s->t, s->unit, pa);
	b = refi_text_pos(&s->t, s->unit, pb);
	if (pa > pb || a < 0 || b < 0) {
		why = xasprintf("selection %lld-%lld lies outside the text of source '%s'"
				" (%lld %s)", (long long)pa, (long long)pb, s->v.title,
				(long long)s->t.len[s->unit],
				s->unit == REFI_UNIT_UTF16 ? "UTF-16 units" : "characters");
		rc = skip(r, sel, s, guid, why);
		goto done;
	}
	if (a == b) {
		r->st->skipped_elements++;   /* an empty selection codes nothing */
		goto done;
	}
	/* praxis writes a whole-vignette coding as a selection of the whole
	 * text (other tools ignore a Coding on the source) */
	if (r->origin && strncmp(r->origin, "praxis", 6) == 0 && a == 0 &&
	    (size_t)b == s->t.n)
		a = b = -1;
	lead = desc_lead(r, sel, 1);
	for (xmlNodePtr c = sel->children; c && !rc; c = c->next)
		if (refi_is(c, "Coding")) {
			rc = import_coding(r, c, s, a, b, a < 0 ? NULL : guid, sel, lead);
			codings++;
		}
	/* a selection that codes nothing but holds a memo (MAXQDA's and
	 * QualCoder's annotations): a memo on the vignette titled with the
	 * selected text */
	if (!rc && !codings && (lead || child(sel, "NoteRef"))) {
		char *title = refi_prop(sel, "name");
		rc = memo_from_desc(r, sel, MEMO_VIGNETTE, s->v.id, title);
		for (xmlNodePtr c = sel->children; c && !rc; c = c->next)
			if (refi_is(c, "NoteRef"))
				rc = memo_from_note(r, c, MEMO_VIGNETTE, s->v.id);
		free(title);
	}
done:
	free(lead);
	free(why);
	free(guid);
	return rc;
}

static int source_text(struct rin *r, xmlNodePtr n, struct src *s)
{
	xmlNodePtr c = child(n, "PlainTextContent");
	char *path = refi_prop(n, "plainTextPath"), *text;
	size_t len, bad;
	int rc = PX_OK;

	if (c && path) {
		free(path);
		return ierr(r, n, "TextSource has both plainTextPath and PlainTextContent");
	}
	if (c) {
		text = content(c);
		len = strlen(text);
	} else if (path) {
		rc = read_internal(r, n, path, &text, &len);
		free(path);
		if (rc)
			return rc;
	} else {
		return ierr(r, n, "TextSource has neither plainTextPath nor PlainTextContent");
	}
	if (!text_utf8_valid(text, len, &bad) || strlen(text) != len) {
		free(text);
		return ierr(r, n, "source text is not UTF-8 (byte %zu)", bad);
	}
	refi_text_init(&s->t, text);
	if (s->t.changed)
		r->st->normalized++;
	return PX_OK;
}

/* What made the reading: "from the selection names (4 of 4)"... */
static void reading_report(struct rin *r, const struct src *s, const refi_choice *ch)
{
	int u = ch->unit;
	strbuf b;

	sb_init(&b);
	sb_printf(&b, "%s: source '%s': positions read as %s", r->path, s->v.title,
		  refi_unit_label(u));
	if (r->opts && r->opts->positions != REFI_UNIT_AUTO)
		sb_add(&b, ", as --positions says");
	else if (ch->names && ch->names_fit[u])
		sb_printf(&b, ", from the selection names (%lld of %lld fit)",
			  (long long)ch->names_fit[u], (long long)ch->names);
	else if (ch->by_origin)
		sb_printf(&b, ", from %s", r->origin);
	else if (ch->bad[u] == 0 && (ch->bad[REFI_UNIT_CP] || ch->bad[REFI_UNIT_UTF16] ||
				     ch->bad[REFI_UNIT_CRLF1]))
		sb_add(&b, ", from spans that end past the text under other readings");
	else
		sb_printf(&b, ", from the word boundaries (%lld spans on them)",
			  (long long)ch->words_fit[u]);
	if (!(r->opts && r->opts->positions != REFI_UNIT_AUTO) && !ch->by_origin &&
	    r->prior == u)
		sb_printf(&b, " and %s", r->origin);   /* the producer agrees */
	if (ch->doubtful)
		sb_printf(&b, "; the evidence is split: %lld coding selection(s) flagged for"
			  " review", (long long)ch->doubtful);
	sl_push(&r->st->report, b.s);
	sb_free(&b);
}

/* Decides the reading of this source's positions from its selections. */
static void choose_unit(struct rin *r, xmlNodePtr n, struct src *s)
{
	size_t nsel = 0, i = 0;
	refi_sel *sels;
	char **names;
	refi_choice ch;
	int forced = r->opts ? r->opts->positions : REFI_UNIT_AUTO;

	for (xmlNodePtr c = n->children; c; c = c->next)
		nsel += refi_is(c, "PlainTextSelection");
	sels = xcalloc(nsel + 1, sizeof(*sels));
	names = xcalloc(nsel + 1, sizeof(*names));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		char *why = NULL;
		if (!refi_is(c, "PlainTextSelection"))
			continue;
		if (read_position(c, "startPosition", &sels[i].start, &why) ||
		    read_position(c, "endPosition", &sels[i].end, &why))
			sels[i].start = sels[i].end = 0;   /* skipped later, no evidence */
		free(why);
		names[i] = refi_prop(c, "name");
		sels[i].name = names[i];
		i++;
	}
	s->doubtful = xcalloc(nsel + 1, 1);
	refi_units_choose(&s->t, sels, nsel, forced, r->prior, &ch, s->doubtful);
	s->unit = ch.unit;
	if (ch.distinct > 1 && nsel)
		reading_report(r, s, &ch);
	for (i = 0; i < nsel; i++)
		free(names[i]);
	free(names);
	free(sels);
}

static int import_source(struct rin *r, xmlNodePtr n)
{
	struct src s = { 0 };
	char *name = NULL;
	int rc;

	if ((rc = need_guid(r, n, "guid", &s.v.uuid)) || (rc = source_text(r, n, &s)))
		goto done;
	name = refi_prop(n, "name");
	s.v.title = xstrdup(name && *name ? name : s.v.uuid);
	s.v.ext_id = unique_id(r, s.v.title, "source", vignette_taken);
	s.v.date = source_date(n);
	s.v.text = xstrdup(s.t.text);
	s.v.observer_id = 0;
	{
		char *g = refi_prop(n, "creatingUser"), *ng = guid_norm(g);
		if (ng)
			sm_get(&r->users, ng, &s.v.observer_id);
		free(g);
		free(ng);
	}
	sm_get(&r->source_community, s.v.uuid, &s.v.community_id);
	refs_for(r, s.v.uuid, &s.v.participants);
	if ((rc = source_vars(r, n, &s.v)))
		goto done;
	if ((rc = vignette_add(r->db, &s.v, r->e))) {
		rc = ierr(r, n, "source '%s': %s", s.v.title, r->e->msg);
		goto done;
	}
	r->st->sources++;
	choose_unit(r, n, &s);
	/* the document memo other tools write, less praxis's copy of its notes */
	rc = memo_from_desc(r, n, MEMO_VIGNETTE, s.v.id, NULL);
	for (xmlNodePtr c = n->children; c && !rc; c = c->next) {
		if (refi_is(c, "PlainTextSelection") && !(rc = import_selection(r, c, &s)))
			s.sel_at++;
		else if (refi_is(c, "Coding"))
			rc = import_coding(r, c, &s, -1, -1, NULL, NULL, NULL);
		else if (refi_is(c, "NoteRef"))
			rc = memo_from_note(r, c, MEMO_VIGNETTE, s.v.id);
		else if (c->type == XML_ELEMENT_NODE && !refi_is(c, "PlainTextContent") &&
			 !refi_is(c, "Description") && !refi_is(c, "VariableValue"))
			r->st->skipped_elements++;
	}
done:
	free(name);
	refi_text_free(&s.t);
	free(s.doubtful);
	vignette_free(&s.v);
	return rc;
}

/* A text source whose file lies outside the archive (an absolute or
 * relative path on the other tool's disk): praxis cannot read it. */
static int external_text(xmlNodePtr s)
{
	char *path = refi_prop(s, "plainTextPath");
	int ext = path && !child(s, "PlainTextContent") && strncmp(path, "internal://", 11) != 0;

	free(path);
	return ext;
}

static int pass_sources(struct rin *r, xmlNodePtr sources)
{
	int rc;

	for (xmlNodePtr s = sources->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		if (!refi_is(s, "TextSource") || external_text(s)) {
			r->st->skipped_sources++;
			continue;
		}
		if ((rc = import_source(r, s)))
			return rc;
	}
	return PX_OK;
}

static int parse_qde(struct rin *r, const char *buf, size_t len)
{
	const xmlError *err;
	/* a .qdc is named by its path alone; a project by the archive and
	 * its entry */
	const char *sep = r->codebook_only ? "" : ": project.qde";

	xmlResetLastError();
	r->doc = xmlReadMemory(buf, (int)len, "project.qde", NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r->doc) {
		err = xmlGetLastError();
		if (err)
			return px_fail(r->e, PX_EDATA, "%s%s:%d:%d: malformed XML: %s", r->path,
				       sep, err->line, err->int2, err->message ? err->message : "");
		return px_fail(r->e, PX_EDATA, "%s%s: malformed XML", r->path, sep);
	}
	if (r->doc->intSubset)
		return px_fail(r->e, PX_EDATA, "%s%s: a DOCTYPE is not accepted in a REFI-QDA file",
			       r->path, sep);
	return PX_OK;
}

/* The project's name becomes the title of a project that has none. */
static int project_title(struct rin *r, xmlNodePtr root)
{
	char *name = refi_prop(root, "name"), *title = NULL;
	int rc = PX_OK;

	if (name && *name && !(rc = db_meta_get(r->db, "title", &title, r->e)) && !title)
		rc = db_meta_set(r->db, "title", name, r->e);
	free(name);
	free(title);
	return rc;
}

/* 1 if href names the REFI-QDA namespace of kind ("project" or
 * "codebook") in any spelling tools write: urn:QDA-XML:project:1.0, the
 * older 1:0, or another version of digits, dots and colons. */
static int refi_ns(const xmlNs *ns, const char *kind)
{
	const char *h = ns && ns->href ? (const char *)ns->href : "";
	size_t k = strlen(kind);

	if (strncmp(h, "urn:QDA-XML:", 12) != 0 || strncmp(h + 12, kind, k) != 0 ||
	    h[12 + k] != ':' || !h[13 + k])
		return 0;
	return strspn(h + 13 + k, "0123456789.:") == strlen(h + 13 + k);
}

static int walk(struct rin *r)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc), n;
	int rc;

	if (!refi_is(root, "Project"))
		return ierr(r, root, "the root element is <%s>, not <Project>",
			    root ? (const char *)root->name : "");
	if (!refi_ns(root->ns, "project"))
		return ierr(r, root, "<Project> is not in the namespace %s", REFI_NS_PROJECT);
	if ((rc = project_title(r, root)))
		return rc;
	r->origin = refi_prop(root, "origin");
	r->prior = refi_unit_of_origin(r->origin);
	if ((n = child(root, "Users")) && (rc = pass_users(r, n)))
		return rc;
	if ((n = child(root, "Notes")) && (rc = pass_notes(r, n)))
		return rc;
	if ((n = child(root, "Sets")) && (rc = pass_sets(r, n)))
		return rc;
	if ((n = child(root, "CodeBook")) && (rc = pass_codebook(r, n)))
		return rc;
	if ((n = child(root, "Variables")) && (rc = pass_variables(r, n)))
		return rc;
	if ((n = child(root, "Cases")))
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (refi_is(c, "Case") && (rc = import_case(r, c)))
				return rc;
	if ((n = child(root, "Sources")) && (rc = pass_sources(r, n)))
		return rc;
	for (n = root->children; n; n = n->next) {
		if (refi_is(n, "NoteRef") && (rc = memo_from_note(r, n, MEMO_PROJECT, 0)))
			return rc;
		if (refi_is(n, "Links") || refi_is(n, "Graphs"))
			r->st->skipped_elements++;
	}
	/* the project memo of QualCoder (and praxis's copy of its notes) */
	if ((rc = memo_from_desc(r, root, MEMO_PROJECT, 0, NULL)))
		return rc;
	/* notes nothing pointed at are kept as project memos */
	for (size_t i = 0; i < r->nnotes; i++) {
		px_memo m = { 0 };
		if (r->notes[i].used || !*r->notes[i].text)
			continue;
		m.target = MEMO_PROJECT;
		m.coder_id = r->notes[i].coder;
		m.text = r->notes[i].text;
		m.uuid = xstrdup(r->notes[i].guid);
		rc = memo_add(r->db, &m, r->e);
		free(m.uuid);
		if (rc)
			return rc;
		r->st->notes++;
	}
	return PX_OK;
}

static void rin_free(struct rin *r)
{
	if (r->doc)
		xmlFreeDoc(r->doc);
	if (r->zip)
		zip_discard(r->zip);
	sm_free(&r->users);
	sm_free(&r->codes);
	sm_free(&r->variables);
	sm_free(&r->cases);
	sm_free(&r->source_community);
	sm_free(&r->ext_ids);
	sl_free(&r->varnames);
	free(r->origin);
	sl_free(&r->ref_guid);
	idl_free(&r->ref_person);
	idl_free(&r->entries_read);
	for (size_t i = 0; i < r->nnotes; i++) {
		free(r->notes[i].guid);
		free(r->notes[i].text);
	}
	free(r->notes);
}

/* ---- praxis's own extension (refi.h, REFI_NS_PRAXIS) ---- */

/* praxis.xml, when it is ours and was written with this very
 * project.qde; else NULL, with a line in the report when there was a
 * praxis.xml that does not fit. */
static xmlDocPtr praxis_ext(struct rin *r, const char *qde, size_t qlen)
{
	zip_int64_t idx = zip_name_locate(r->zip, REFI_PRAXIS_ENTRY, 0);
	char *buf = NULL, *want = NULL, digest[32];
	const char *why = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	size_t len;
	px_err quiet = { 0 };
	px_err *e = r->e;

	if (idx < 0)
		return NULL;
	r->e = &quiet;               /* an unreadable manifest is only ignored */
	if (zip_read(r, idx, &buf, &len))
		why = "it cannot be read";
	else if (!(doc = xmlReadMemory(buf, (int)len, REFI_PRAXIS_ENTRY, NULL,
				       XML_PARSE_NONET | XML_PARSE_NOERROR |
				       XML_PARSE_NOWARNING)) || doc->intSubset)
		why = "it is not well-formed XML";
	else if (!refi_is(root = xmlDocGetRootElement(doc), "Praxis") || !root->ns ||
		 strcmp((const char *)root->ns->href, REFI_NS_PRAXIS) != 0)
		why = "its root is not <Praxis> in " REFI_NS_PRAXIS;
	else if (!(want = refi_prop(root, "project")))
		why = "it names no project.qde";
	else if (refi_digest(qde, qlen, digest), strcmp(digest, want) != 0)
		why = "project.qde was changed after praxis wrote it (another tool?)";
	r->e = e;
	if (why) {
		char *line = xasprintf("%s: %s ignored: %s; read as REFI-QDA", r->path,
				       REFI_PRAXIS_ENTRY, why);
		sl_push(&r->st->report, line);
		free(line);
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
	}
	free(buf);
	free(want);
	return doc;
}

/* The corpus entry the extension names, or NULL. */
static char *praxis_corpus_path(xmlDocPtr ext)
{
	xmlNodePtr c = ext ? child(xmlDocGetRootElement(ext), "Corpus") : NULL;

	return c ? refi_prop(c, "path") : NULL;
}

/* The project from praxis's corpus, with the same rules as a YAML import;
 * its counts as the import's. */
static int praxis_corpus(struct rin *r, const char *entry)
{
	zip_int64_t idx = name_unsafe(entry) ? -1 : zip_name_locate(r->zip, entry, 0);
	corpus_stats cs = { 0 };
	char *buf, *name;
	size_t len;
	int rc;

	if (idx < 0)
		return ierr(r, NULL, "%s names '%s', which is not in the archive",
			    REFI_PRAXIS_ENTRY, entry);
	if ((rc = zip_read(r, idx, &buf, &len)))
		return rc;
	name = xasprintf("%s: %s", r->path, entry);
	rc = corpus_import_buffer(r->db, name, buf, len, r->coder_id, &cs, r->e);
	free(name);
	free(buf);
	if (rc)
		return rc;
	r->st->lossless = 1;
	r->st->users = cs.coders;
	r->st->codes = cs.codes;
	r->st->cases = cs.participants;
	r->st->sources = cs.vignettes;
	r->st->codings = cs.codings;
	r->st->notes = cs.memos;
	return PX_OK;
}

static int refi_import_run(px_db *db, const char *path, int64_t coder_id, int root,
			   struct refi_import_stats *st, px_err *e)
{
	return refi_import_with(db, path, coder_id, root, NULL, st, e);
}

int refi_import_with(px_db *db, const char *path, int64_t coder_id, int root,
		     const struct refi_import_opts *opts, struct refi_import_stats *st,
		     px_err *e)
{
	struct rin r;
	struct refi_import_stats dummy;
	zip_int64_t qde;
	int zerr = 0, rc;
	char *buf = NULL;
	size_t len;

	memset(&r, 0, sizeof(r));
	memset(st ? st : &dummy, 0, sizeof(dummy));
	r.db = db;
	r.path = path;
	r.e = e;
	r.st = st ? st : &dummy;
	r.coder_id = coder_id;
	r.opts = opts;
	r.root = root >= CODE_ME && root <= CODE_SR ? root : CODE_ME;
	if (!(r.zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
		zip_error_t ze;
		/* an inconsistent archive may still say why more precisely (a
		 * declared size past the limit, a ../ name) */
		if (zerr == ZIP_ER_INCONS && (r.zip = zip_open(path, ZIP_RDONLY, NULL))) {
			rc = zip_check(&r, &qde);
			zip_discard(r.zip);
			r.zip = NULL;
			if (rc)
				return rc;
		}
		zip_error_init_with_code(&ze, zerr);
		rc = px_fail(e, zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN ? PX_EIO : PX_EDATA,
			     "%s: not a readable .qdpx (zip) file: %s", path,
			     zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	if (!(rc = zip_check(&r, &qde)) && !(rc = zip_read(&r, qde, &buf, &len))) {
		xmlDocPtr ext = praxis_ext(&r, buf, len);
		char *corpus = praxis_corpus_path(ext);
		if (corpus)
			rc = praxis_corpus(&r, corpus);
		else if (!r.coder_id && opts && opts->coder &&
			 (rc = opts->coder(opts->coder_ud, &r.coder_id, e)))
			;
		else if (!(rc = parse_qde(&r, buf, len)) && !(rc = walk(&r)) && ext)
			rc = refi_praxis_apply(db, ext, path, e);
		free(corpus);
		if (ext)
			xmlFreeDoc(ext);
	}
	free(buf);
	rin_free(&r);
	if (!st)
		sl_free(&dummy.report);
	return rc;
}

/* A codebook alone: <CodeBook> with <Codes> (and <Sets>, empty as
 * Taguette writes it or not, which praxis does not keep). */
static int walk_codebook(struct rin *r)
{
	xmlNodePtr root = xmlDocGetRootElement(r->doc), codes;

	if (!refi_is(root, "CodeBook"))
		return ierr(r, root, "the root element is <%s>, not <CodeBook>",
			    root ? (const char *)root->name : "");
	if (!refi_ns(root->ns, "codebook") && !refi_ns(root->ns, "project"))
		return ierr(r, root, "<CodeBook> is not in the namespace %s", REFI_NS_CODEBOOK);
	if (!(codes = child(root, "Codes")))
		return ierr(r, root, "<CodeBook> has no <Codes>");
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (refi_is(c, "Sets") && child(c, "Set"))
			r->st->skipped_elements++;
	return pass_codebook(r, root);
}

static int refi_import_qdc_run(px_db *db, const char *path, int root,
			       struct refi_import_stats *st, px_err *e)
{
	struct rin r;
	size_t len = 0;
	char *buf;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(st, 0, sizeof(*st));
	r.db = db;
	r.path = path;
	r.e = e;
	r.st = st;
	r.codebook_only = 1;
	r.root = root >= CODE_ME && root <= CODE_SR ? root : CODE_ME;
	if (!(buf = util_read_file(path, &len)))
		return px_fail(e, PX_EIO, "%s: cannot read: %s", path, strerror(errno));
	if (len > (size_t)REFI_MAX_ENTRY)
		rc = px_fail(e, PX_EDATA, "%s: %zu bytes, more than the limit of %u for a codebook",
			     path, len, REFI_MAX_ENTRY);
	else if (!(rc = parse_qde(&r, buf, len)))
		rc = walk_codebook(&r);
	free(buf);
	rin_free(&r);
	return rc;
}

int refi_import_qdc(px_db *db, const char *path, int root, struct refi_import_stats *st,
		    px_err *e)
{
	struct refi_import_stats dummy;
	int rc;

	db_audit_pause(db, 1);
	rc = refi_import_qdc_run(db, path, root, st ? st : &dummy, e);
	db_audit_pause(db, 0);
	if (!st)
		sl_free(&dummy.report);
	return rc;
}

/* Another tool's project is read in, not edited here: the codes and
 * descriptions it brings are no entries of the audit trail. */
int refi_import(px_db *db, const char *path, int64_t coder_id, int root,
		struct refi_import_stats *st, px_err *e)
{
	int rc;

	db_audit_pause(db, 1);
	rc = refi_import_run(db, path, coder_id, root, st, e);
	db_audit_pause(db, 0);
	return rc;
}
