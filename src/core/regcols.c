/* regcols.c: the register columns; see praxis/regcols.h. */
#include <string.h>
#include "praxis/regcols.h"
#include "praxis/summary.h"

#define REP(r) ((const summary_rep_row *)(r))
#define ACC(r) ((const summary_acc_row *)(r))

static const char *rep_ext_id(const void *r) { return REP(r)->ext_id; }
static const char *rep_name(const void *r) { return REP(r)->name; }
static const char *rep_kind(const void *r) { return REP(r)->kind; }
static int64_t rep_reified(const void *r) { return REP(r)->reified; }
static int64_t rep_occurrences(const void *r) { return REP(r)->occurrences; }
static int64_t rep_participants(const void *r) { return REP(r)->participants; }
static int64_t rep_vignettes(const void *r) { return REP(r)->vignettes; }
static int64_t rep_first(const void *r) { return REP(r)->first_seen; }
static int64_t rep_last(const void *r) { return REP(r)->last_seen; }
static int64_t rep_ninterp(const void *r) { return (int64_t)REP(r)->ninterp; }
static int64_t rep_nglosses(const void *r) { return (int64_t)REP(r)->nglosses; }
static int64_t rep_part(const void *r) { return REP(r)->participation; }
static int64_t rep_reif(const void *r) { return REP(r)->reification; }

static const char *rep_desc(const void *r) { return REP(r)->description; }
static const char *rep_community(const void *r) { return REP(r)->community; }

/* description and community: in the documents only (the summary's
 * columns are fixed, the pane shows them on the detail line) */
static const struct regcol rep_cols[] = {
	{ "id", NULL, NULL, 0, 0, RC_TEXT, rep_ext_id, NULL },
	{ "name", "element", "name", 1, 24, RC_TEXT, rep_name, NULL },
	{ "kind", "kind", "kind", 5, 10, RC_TEXT, rep_kind, NULL },
	{ "reified", "reified", "reif", 6, 4, RC_REIFIED, NULL, rep_reified },
	{ "occurrences", "occurrences", "occ", 2, 6, RC_INT, NULL, rep_occurrences },
	{ "participants", "participants", "ppl", 3, 6, RC_INT, NULL, rep_participants },
	{ "vignettes", NULL, "vig", 4, 6, RC_INT, NULL, rep_vignettes },
	{ "first_seen", "first", "first", 7, 10, RC_DATE, NULL, rep_first },
	{ "last_seen", "last", "last", 8, 10, RC_DATE, NULL, rep_last },
	{ "interpretations", "interpretations", "interpretations", 12, 0, RC_INTERP, NULL,
	  rep_ninterp },
	{ "glosses", "glosses", "gls", 9, 5, RC_INT, NULL, rep_nglosses },
	{ "participation", "participation", "par", 10, 5, RC_INT, NULL, rep_part },
	{ "reification", "reification", "rei", 11, 5, RC_INT, NULL, rep_reif },
	{ NULL, "community", NULL, 0, 0, RC_TEXT, rep_community, NULL },
	{ NULL, "description", NULL, 0, 0, RC_TEXT, rep_desc, NULL },
};

static const char *acc_ext_id(const void *r) { return ACC(r)->ext_id; }
static const char *acc_name(const void *r) { return ACC(r)->name; }
static int64_t acc_reified(const void *r) { return ACC(r)->reified; }
static int64_t acc_occurrences(const void *r) { return ACC(r)->occurrences; }
static int64_t acc_upheld(const void *r) { return ACC(r)->stance[STANCE_UPHELD]; }
static int64_t acc_breached(const void *r) { return ACC(r)->stance[STANCE_BREACHED]; }
static int64_t acc_negotiated(const void *r) { return ACC(r)->stance[STANCE_NEGOTIATED]; }
static int64_t acc_contested(const void *r) { return ACC(r)->stance[STANCE_CONTESTED]; }
static int64_t acc_first(const void *r) { return ACC(r)->first_seen; }
static int64_t acc_last(const void *r) { return ACC(r)->last_seen; }
static int64_t acc_nmonths(const void *r) { return (int64_t)ACC(r)->ntimeline; }
static int64_t acc_ninterp(const void *r) { return (int64_t)ACC(r)->ninterp; }
static int64_t acc_part(const void *r) { return ACC(r)->participation; }
static int64_t acc_reif(const void *r) { return ACC(r)->reification; }

static const char *acc_desc(const void *r) { return ACC(r)->description; }
static const char *acc_community(const void *r) { return ACC(r)->community; }

static const struct regcol acc_cols[] = {
	{ "id", NULL, NULL, 0, 0, RC_TEXT, acc_ext_id, NULL },
	{ "name", "norm", "name", 1, 24, RC_TEXT, acc_name, NULL },
	{ "reified", "reified", "reif", 7, 4, RC_REIFIED, NULL, acc_reified },
	{ "occurrences", "occurrences", "occ", 2, 6, RC_INT, NULL, acc_occurrences },
	{ "upheld", "upheld", "up", 3, 5, RC_INT, NULL, acc_upheld },
	{ "breached", "breached", "br", 4, 5, RC_INT, NULL, acc_breached },
	{ "negotiated", "negotiated", "neg", 5, 5, RC_INT, NULL, acc_negotiated },
	{ "contested", "contested", "con", 6, 5, RC_INT, NULL, acc_contested },
	{ "first_seen", "first", "first", 8, 10, RC_DATE, NULL, acc_first },
	{ "last_seen", "last", "last", 9, 10, RC_DATE, NULL, acc_last },
	{ "interpretations", "interpretations", "int", 10, 5, RC_INT, NULL, acc_ninterp },
	{ "participation", "participation", "par", 11, 5, RC_INT, NULL, acc_part },
	{ "reification", "reification", "rei", 12, 5, RC_INT, NULL, acc_reif },
	{ NULL, NULL, "months", 13, 0, RC_TIMELINE, NULL, acc_nmonths },
	{ NULL, "community", NULL, 0, 0, RC_TEXT, acc_community, NULL },
	{ NULL, "description", NULL, 0, 0, RC_TEXT, acc_desc, NULL },
};

const struct regcols regcols_repertoire = {
	rep_cols, sizeof(rep_cols) / sizeof(rep_cols[0]), sizeof(summary_rep_row)
};
const struct regcols regcols_accountability = {
	acc_cols, sizeof(acc_cols) / sizeof(acc_cols[0]), sizeof(summary_acc_row)
};

const void *regcols_row(const struct regcols *t, const void *rows, size_t i)
{
	return (const char *)rows + i * t->row_size;
}

const struct regcol *regcols_find(const struct regcols *t, const char *cli)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->cols[i].cli && strcmp(t->cols[i].cli, cli) == 0)
			return &t->cols[i];
	return NULL;
}

int regcols_screen_count(const struct regcols *t)
{
	int n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += t->cols[i].screen != NULL;
	return n;
}

int regcol_numeric(const struct regcol *c)
{
	return c->kind == RC_INT || c->kind == RC_DATE || c->kind == RC_INTERP;
}
