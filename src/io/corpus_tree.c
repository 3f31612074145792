/* corpus_tree.c: the project as a directory of corpus files; see
 * praxis/corpus_tree.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "praxis/atomic.h"
#include "praxis/corpus_tree.h"
#include "praxis/names.h"
#include "praxis/vignette.h"

char *tree_vignette_file(const char *ext_id)
{
	strbuf b;

	sb_init(&b);
	for (const unsigned char *p = (const unsigned char *)ext_id; *p; p++) {
		int safe = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
			   (*p == '.' && p != (const unsigned char *)ext_id);
		if (safe)
			sb_addc(&b, (char)*p);
		else
			sb_printf(&b, "%%%02X", *p);
	}
	sb_add(&b, ".yaml");
	return sb_steal(&b);
}

void tree_changes_free(tree_changes *c)
{
	sl_free(&c->paths);
	sl_free(&c->vignettes);
}

int tree_is_dir(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, TREE_PROJECT_FILE);
	int ok = access(path, R_OK) == 0;

	free(path);
	return ok;
}

static int make_dir(const char *path, px_err *e)
{
	if (mkdir(path, 0777) && errno != EEXIST)
		return px_fail(e, PX_EIO, "%s: cannot create: %s", path, strerror(errno));
	return PX_OK;
}

/* 1 if the file at path holds exactly data. */
static int same_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "rb");
	char buf[8192];
	size_t off = 0, n;
	int same = 1;

	if (!fp)
		return 0;
	while (same && (n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		same = off + n <= len && memcmp(buf, data + off, n) == 0;
		off += n;
	}
	fclose(fp);
	return same && off == len;
}

/* One file of the tree: written (atomically) only when its bytes change. */
static int write_part(px_db *db, const char *dir, const char *rel, int part, int64_t vid,
		      const px_names *nm, int *changed, px_err *e)
{
	char *buf = NULL, *path = xasprintf("%s/%s", dir, rel);
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	atomic_file af;
	int rc;

	*changed = 0;
	rc = mem ? corpus_export_part(db, mem, part, vid, nm, e)
		 : px_fail(e, PX_EIO, "out of memory");
	if (mem)
		fclose(mem);
	if (!rc && !same_bytes(path, buf, len)) {
		*changed = 1;
		if (!(rc = atomic_open(&af, path, e))) {
			if (fwrite(buf, 1, len, af.fp) != len) {
				rc = px_fail(e, PX_EIO, "%s: %s", path, strerror(errno));
				atomic_abort(&af);
			} else {
				rc = atomic_commit(&af, e);
			}
		}
	}
	free(buf);
	free(path);
	return rc;
}

struct vig_ref {
	idlist ids;
	strlist ext;
};

static int collect_vignette(const px_vignette *v, void *ud)
{
	struct vig_ref *r = ud;

	idl_push(&r->ids, v->id);
	sl_push(&r->ext, v->ext_id);
	return 0;
}

/* Removes the .yaml files under vignettes/ not in keep (the vignettes now held). */
static int remove_stale(const char *vdir, const strlist *keep, tree_changes *ch, px_err *e)
{
	DIR *d = opendir(vdir);
	struct dirent *de;
	int rc = PX_OK;

	if (!d)
		return px_fail(e, PX_EIO, "%s: %s", vdir, strerror(errno));
	while (!rc && (de = readdir(d))) {
		size_t n = strlen(de->d_name), k;
		if (n <= 5 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		for (k = 0; k < keep->n && strcmp(keep->v[k], de->d_name) != 0; k++)
			;
		if (k < keep->n)
			continue;
		char *path = xasprintf("%s/%s", vdir, de->d_name);
		if (unlink(path))
			rc = px_fail(e, PX_EIO, "%s: cannot remove: %s", path, strerror(errno));
		else
			sl_push(&ch->paths, path + strlen(vdir) - strlen(TREE_VIGNETTE_DIR));
		free(path);
	}
	closedir(d);
	return rc;
}

int tree_export(px_db *db, const char *dir, tree_changes *changes, px_err *e)
{
	tree_changes local = { 0 };
	tree_changes *ch = changes ? changes : &local;
	struct vig_ref refs = { 0 };
	strlist files = { 0 };
	char *vdir = xasprintf("%s/%s", dir, TREE_VIGNETTE_DIR);
	px_names nm;
	int rc, began = 0, changed;

	memset(ch, 0, sizeof(*ch));
	if ((rc = make_dir(dir, e)) || (rc = make_dir(vdir, e)))
		goto out;
	/* one read transaction: the files show one state of the project */
	if ((rc = db_read_begin(db, &began, e)))
		goto out;
	if ((rc = names_load(db, &nm, e)))
		goto read_end;
	if (!(rc = write_part(db, dir, TREE_PROJECT_FILE, CORPUS_PART_PROJECT, 0, &nm, &changed,
			      e)) && changed)
		sl_push(&ch->paths, TREE_PROJECT_FILE);
	if (!rc)
		rc = vignette_each(db, 0, collect_vignette, &refs, e);
	for (size_t i = 0; !rc && i < refs.ids.n; i++) {
		char *name = tree_vignette_file(refs.ext.v[i]);
		char *rel = xasprintf("%s/%s", TREE_VIGNETTE_DIR, name);
		sl_push(&files, name);
		rc = write_part(db, dir, rel, CORPUS_PART_VIGNETTE, refs.ids.v[i], &nm, &changed, e);
		if (!rc && changed) {
			sl_push(&ch->paths, rel);
			sl_push(&ch->vignettes, refs.ext.v[i]);
		}
		free(rel);
		free(name);
	}
	if (!rc)
		rc = remove_stale(vdir, &files, ch, e);
	names_free(&nm);
read_end:
	db_read_end(db, began);
out:
	idl_free(&refs.ids);
	sl_free(&refs.ext);
	sl_free(&files);
	free(vdir);
	tree_changes_free(&local);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int tree_import(px_db *db, const char *dir, int64_t coder_id, int replace,
		corpus_stats *stats, px_err *e)
{
	char *project = xasprintf("%s/%s", dir, TREE_PROJECT_FILE);
	char *vdir = xasprintf("%s/%s", dir, TREE_VIGNETTE_DIR);
	strlist files = { 0 };
	corpus_source *src;
	DIR *d;
	struct dirent *de;
	int rc, n = 0;

	if (access(project, R_OK)) {
		rc = px_fail(e, PX_EUSAGE, "%s: not a praxis tree (no %s: write one with "
			     "praxis export --format tree -o DIR)", dir, TREE_PROJECT_FILE);
		goto out;
	}
	if ((d = opendir(vdir))) {
		while ((de = readdir(d))) {
			size_t len = strlen(de->d_name);
			if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0 &&
			    de->d_name[0] != '.')
				sl_push(&files, de->d_name);
		}
		closedir(d);
	} else if (errno != ENOENT) {
		rc = px_fail(e, PX_EIO, "%s: %s", vdir, strerror(errno));
		goto out;
	}
	if (files.n)
		qsort(files.v, files.n, sizeof(*files.v), name_cmp);
	src = xcalloc(files.n + 2, sizeof(*src));
	src[n++] = (corpus_source){ project, CORPUS_READ_NO_MEMOS };
	for (size_t i = 0; i < files.n; i++) {
		char *path = xasprintf("%s/%s", vdir, files.v[i]);
		free(files.v[i]);
		files.v[i] = path;
		src[n++] = (corpus_source){ path, CORPUS_READ_ALL };
	}
	src[n++] = (corpus_source){ project, CORPUS_READ_MEMOS };
	rc = corpus_import_sources(db, src, n, coder_id, replace, stats, e);
	free(src);
out:
	sl_free(&files);
	free(project);
	free(vdir);
	return rc;
}
