/* export_registers.c: the repertoire and accountability registers as the
 * exported (filtered) codings show them, for the Markdown and HTML
 * writers. */
#include <stdlib.h>
#include <string.h>
#include "praxis/entity.h"
#include "praxis/export.h"
#include "praxis/util.h"

struct reg_ctx {
	struct export_register_row *rows;
	size_t n;
};

static int add_row(const px_entity *ent, void *ud)
{
	struct reg_ctx *r = ud;
	struct export_register_row *row;

	r->rows = xrealloc(r->rows, (r->n + 1) * sizeof(*r->rows));
	row = &r->rows[r->n++];
	memset(row, 0, sizeof(*row));
	row->id = ent->id;
	row->ext_id = xstrdup(ent->ext_id);
	row->name = xstrdup(ent->name ? ent->name : ent->ext_id);
	row->kind = xstrdup(ent->kind);
	row->reified = ent->reified;
	return 0;
}

static int has_str(const strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static void note_date(struct export_register_row *row, const char *date)
{
	if (!row->first || strcmp(date, row->first) < 0) {
		free(row->first);
		row->first = xstrdup(date);
	}
	if (!row->last || strcmp(date, row->last) > 0) {
		free(row->last);
		row->last = xstrdup(date);
	}
}

static void count(struct export_register_row *row, const struct export_vignette *ev,
		  const struct export_coding *ec)
{
	row->occurrences++;
	note_date(row, ev->v.date);
	for (size_t p = 0; p < ec->c.participants.n; p++)
		if (!idl_has(&row->people, ec->c.participants.v[p]))
			idl_push(&row->people, ec->c.participants.v[p]);
	if (ec->interpretation && !has_str(&row->interpretations, ec->interpretation))
		sl_push(&row->interpretations, ec->interpretation);
	if (ec->c.stance > 0 && ec->c.stance < STANCE_COUNT)
		row->stance[ec->c.stance]++;
}

int export_registers(export_ctx *x, int kind, struct export_register_row **rows, size_t *n)
{
	struct reg_ctx r = { NULL, 0 };
	int rc;

	if ((rc = entity_each(x->db, kind, add_row, &r, x->e))) {
		export_registers_free(r.rows, r.n);
		return rc;
	}
	for (size_t i = 0; i < x->nvs; i++)
		for (size_t k = 0; k < x->vs[i].ncodings; k++) {
			const struct export_coding *ec = &x->vs[i].codings[k];
			int64_t id = kind == ENT_REPERTOIRE ? ec->c.repertoire_id
							    : ec->c.accountability_id;
			for (size_t j = 0; id && j < r.n; j++)
				if (r.rows[j].id == id)
					count(&r.rows[j], &x->vs[i], ec);
		}
	*rows = r.rows;
	*n = r.n;
	return PX_OK;
}

void export_registers_free(struct export_register_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].ext_id);
		free(rows[i].name);
		free(rows[i].kind);
		free(rows[i].first);
		free(rows[i].last);
		idl_free(&rows[i].people);
		sl_free(&rows[i].interpretations);
	}
	free(rows);
}
