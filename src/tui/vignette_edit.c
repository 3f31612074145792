/* vignette_edit.c: adding, editing and deleting vignettes from the
 * interface. Add and edit open $EDITOR on the vignette as a file
 * (vigfile.h); a file that does not parse writes nothing and offers to
 * edit it again. Each change is one undoable step (a snapshot of the
 * vignette and its codings before and after). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/tui.h"
#include "praxis/vigfile.h"
#include "praxis/vignette.h"

struct vedit {
	char *path;
	int64_t id;              /* 0: a new vignette */
	char *template;          /* what the editor started with */
};

static void vedit_free(struct vedit *ve)
{
	if (ve->path)
		unlink(ve->path);
	free(ve->path);
	free(ve->template);
	free(ve);
}

static int write_all(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	int ok;

	if (!fp)
		return -1;
	ok = fputs(text, fp) >= 0;
	return fclose(fp) == 0 && ok ? 0 : -1;
}

/* A corpus id not taken yet: v<N>. */
static char *free_ext_id(struct tui *t)
{
	int64_t id;

	for (int64_t n = vignette_count(t->db) + 1;; n++) {
		char *cand = xasprintf("v%lld", (long long)n);
		if (vignette_find(t->db, cand, &id, NULL) != PX_OK)
			return cand;
		free(cand);
	}
}

static int save_new(struct tui *t, px_vignette *v, px_err *e)
{
	int rc;

	v->observer_id = t->coder_id;
	undo_begin(&t->undo, "add vignette");
	t->undo.quiet = 1;
	rc = vignette_add(t->db, v, e);
	t->undo.quiet = 0;
	if (!rc)
		undo_record_vignette(&t->undo, NULL, undo_vsnap_load(t->db, v->id, NULL));
	undo_end(&t->undo);
	if (!rc)
		tui_message(t, "vignette %s added (u undoes)", v->ext_id);
	return rc;
}

static int save_edit(struct tui *t, px_vignette *v, px_err *e)
{
	struct undo_vsnap *before = undo_vsnap_load(t->db, v->id, e);
	int flagged = 0, rc;

	if (!before)
		return px_status_of(e);
	undo_begin(&t->undo, "edit vignette");
	t->undo.quiet = 1;
	rc = vignette_update(t->db, v, &flagged, e);
	t->undo.quiet = 0;
	if (rc)
		undo_vsnap_free(before);
	else
		undo_record_vignette(&t->undo, before, undo_vsnap_load(t->db, v->id, NULL));
	undo_end(&t->undo);
	if (!rc && flagged)
		tui_message(t, "vignette %s updated; %d coding%s flagged for review (! lists them)",
			    v->ext_id, flagged, flagged == 1 ? "" : "s");
	else if (!rc)
		tui_message(t, "vignette %s updated (u undoes)", v->ext_id);
	return rc;
}

static void edit_run(struct tui *t, struct vedit *ve);

static void again_done(struct tui *t, int yes, void *ud)
{
	struct vedit *ve = ud;

	if (yes) {
		edit_run(t, ve);
		return;
	}
	tui_error(t, "nothing written");
	vedit_free(ve);
}

/* Runs the editor on the file and saves what comes back. */
static void edit_run(struct tui *t, struct vedit *ve)
{
	px_vignette v = { 0 };
	px_err e = { 0 };
	char *text;
	int rc;

	if (tui_edit_file(t, ve->path) != 0) {
		tui_error(t, "the editor failed: nothing written");
		vedit_free(ve);
		return;
	}
	if (!(text = util_read_file(ve->path, NULL)) || (!ve->id && strcmp(text, ve->template) == 0)) {
		tui_message(t, "no vignette added (the template was not changed)");
		free(text);
		vedit_free(ve);
		return;
	}
	if (text && ve->id && strcmp(text, ve->template) == 0) {
		/* nothing to save, and no undo step for a no-op */
		tui_message(t, "vignette unchanged");
		free(text);
		vedit_free(ve);
		return;
	}
	if (ve->id && vignette_get(t->db, ve->id, &v, &e)) {
		tui_error(t, "%s", e.msg);
		free(text);
		vedit_free(ve);
		return;
	}
	rc = vigfile_parse(t->db, "vignette", text, &v, &e);
	free(text);
	if (!rc)
		rc = ve->id ? save_edit(t, &v, &e) : save_new(t, &v, &e);
	if (rc) {
		char *q = xasprintf("%s -- nothing written; edit again?", e.msg);
		tui_error(t, "%s", e.msg);
		confirm_open(t, q, again_done, ve);
		free(q);
		vignette_free(&v);
		return;
	}
	tui_changed(t);
	tui_open_vignette(t, v.id, 0, 0);
	pane_vignettes_show(&t->panes[P_VIGNETTES], t, v.id);
	vignette_free(&v);
	vedit_free(ve);
}

static void edit_start(struct tui *t, const px_vignette *v)
{
	struct vedit *ve = xcalloc(1, sizeof(*ve));
	const char *dir = getenv("TMPDIR");
	int fd;

	ve->id = v->id;
	ve->path = xasprintf("%s/praxis-vignette-XXXXXX.md", dir && *dir ? dir : "/tmp");
	ve->template = vigfile_format(t->db, v);
	if ((fd = mkstemps(ve->path, 3)) < 0) {
		tui_error(t, "%s: cannot create a file for the editor", ve->path);
		free(ve->path);
		ve->path = NULL;
		vedit_free(ve);
		return;
	}
	close(fd);
	if (write_all(ve->path, ve->template)) {
		tui_error(t, "%s: cannot write the file for the editor", ve->path);
		vedit_free(ve);
		return;
	}
	edit_run(t, ve);
}

char *tui_edit_text(struct tui *t, const char *text, const char *suffix)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/praxis-XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
	char *out = NULL;
	int fd = mkstemps(path, (int)strlen(suffix));

	if (fd < 0) {
		tui_error(t, "%s: cannot create a file for the editor", path);
		free(path);
		return NULL;
	}
	close(fd);
	if (write_all(path, text ? text : ""))
		tui_error(t, "%s: cannot write the file for the editor", path);
	else if (tui_edit_file(t, path))
		tui_error(t, "the editor failed: nothing changed");
	else if (!(out = util_read_file(path, NULL)))
		tui_error(t, "%s: cannot read the file back", path);
	unlink(path);
	free(path);
	return out;
}

void tui_vignette_add(struct tui *t)
{
	px_vignette v = { 0 };

	v.ext_id = free_ext_id(t);
	v.title = xstrdup("");
	v.date = xstrdup("");
	v.text = xstrdup("(the text of the vignette)");
	edit_start(t, &v);
	vignette_free(&v);
}

void tui_vignette_edit(struct tui *t, int64_t id)
{
	px_vignette v = { 0 };
	px_err e = { 0 };

	if (!id) {
		tui_error(t, "no vignette to edit");
		return;
	}
	if (vignette_get(t->db, id, &v, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	edit_start(t, &v);
	vignette_free(&v);
}

static void delete_done(struct tui *t, int yes, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud;
	struct undo_vsnap *before;
	px_err e = { 0 };
	int rc;

	if (!yes)
		return;
	if (!(before = undo_vsnap_load(t->db, id, &e))) {
		tui_error(t, "%s", e.msg);
		return;
	}
	undo_begin(&t->undo, "delete vignette");
	t->undo.quiet = 1;
	rc = vignette_delete(t->db, id, &e);
	t->undo.quiet = 0;
	if (rc) {
		undo_vsnap_free(before);
		tui_error(t, "%s", e.msg);
	} else {
		tui_message(t, "vignette %s deleted (u undoes)", before->v.ext_id);
		undo_record_vignette(&t->undo, before, NULL);
	}
	undo_end(&t->undo);
	if (!rc && t->vignette_id == id)
		t->vignette_id = 0;
	tui_changed(t);
}

void tui_vignette_delete(struct tui *t, int64_t id)
{
	px_vignette v = { 0 };
	px_err e = { 0 };
	int64_t counts[4];
	char *q;

	if (!id || vignette_get(t->db, id, &v, NULL)) {
		tui_error(t, "no vignette to delete");
		return;
	}
	if (vignette_dimension_counts(t->db, id, counts, &e)) {
		tui_error(t, "%s", e.msg);
		vignette_free(&v);
		return;
	}
	q = xasprintf("delete vignette %s \"%s\" and its %lld coding%s?", v.ext_id, v.title,
		      (long long)counts[0], counts[0] == 1 ? "" : "s");
	confirm_open(t, q, delete_done, (void *)(intptr_t)id);
	free(q);
	vignette_free(&v);
}
