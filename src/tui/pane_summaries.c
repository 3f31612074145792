/* pane_summaries.c: the place reserved for the live summaries.
 *
 * HOOK: the live-summaries work (include/praxis/summary.h) draws its tabs
 * -- repertoire register, accountability register, engagement, coverage --
 * in this pane's body: replace s_refresh with a summary_load under
 * t->filter and s_draw with the tab bar and the current tab. Until then
 * the pane shows the dimension coverage from the store's counts. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/tui.h"

struct sstate {
	int64_t per_dim[4];
};

static void s_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct sstate));
}

static void s_free(struct pane *p)
{
	free(p->st);
}

static void s_refresh(struct pane *p, struct tui *t)
{
	struct sstate *s = p->st;
	int64_t *ids = NULL, *counts = NULL;
	size_t n = 0;

	memset(s->per_dim, 0, sizeof(s->per_dim));
	if (browse_code_counts(t->db, &ids, &counts, &n, NULL) == PX_OK)
		for (size_t i = 0; i < n; i++) {
			int d = names_code_dimension(&t->names, ids[i]);
			s->per_dim[d >= 1 && d <= 3 ? d : 0] += counts[i];
		}
	free(ids);
	free(counts);
}

static void s_draw(struct pane *p, struct tui *t, struct rect b)
{
	struct sstate *s = p->st;
	static const char *const label[4] = { "", "ME mutual engagement", "JE joint enterprise",
					      "SR shared repertoire" };
	static const int role[4] = { 0, ROLE_CODE_ME, ROLE_CODE_JE, ROLE_CODE_SR };

	(void)t;
	for (int d = 1; d <= 3 && d - 1 < b.h; d++) {
		char n[24];
		snprintf(n, sizeof(n), "%lld", (long long)s->per_dim[d]);
		int nw = (int)strlen(n);
		dsp_text(b.y + d - 1, b.x + 1, b.w - nw - 3, label[d], role[d]);
		dsp_text(b.y + d - 1, b.x + b.w - nw - 1, nw, n, ROLE_NORMAL);
	}
	if (b.h > 4)
		dsp_text(b.y + 4, b.x + 1, b.w - 1, "(live summaries: coming)", ROLE_DIM);
}

const struct pane_ops pane_summaries_ops = {
	.name = "Summaries",
	.ctx = KC_GLOBAL,
	.init = s_init,
	.free = s_free,
	.refresh = s_refresh,
	.draw = s_draw,
};
