/* pane_help.c: `?` -- the key table as help, generated from keymap.h so
 * it can never disagree with the bindings (config overrides included). */
#include <stdlib.h>
#include <string.h>
#include "praxis/export.h"
#include "praxis/keymap.h"
#include "praxis/tui.h"

void tui_help_lines(strlist *out)
{
	char *exts, *said;

	for (int ctx = 0; ctx < KC_COUNT; ctx++) {
		char head[64];
		snprintf(head, sizeof(head), "%s", keymap_ctx_name(ctx));
		if (out->n)
			sl_push(out, "");
		sl_push(out, head);
		for (int a = 1; a < A_COUNT; a++) {
			char keys[64], *line;
			if (keymap_action_ctx(a) != ctx)
				continue;
			keymap_action_keys(a, keys, sizeof(keys));
			line = xasprintf("  %-14s %s", keys, keymap_action_help(a));
			sl_push(out, line);
			free(line);
		}
	}
	sl_push(out, "");
	sl_push(out, "commands (after :, Tab completes)");
	tui_command_help(out);
	exts = export_format_list(1, " or ");
	sl_push(out, "  (:export picks the format by the file name's extension:");
	said = xasprintf("   %s)", exts);
	sl_push(out, said);
	free(said);
	free(exts);
	sl_push(out, "");
	sl_push(out, "reader margin");
	sl_push(out, "  M J S          the line holds a span coded ME, JE or SR (in its colour)");
	sl_push(out, "  *              a coding with a memo (its own or memos on it) starts on the line");
	sl_push(out, "  * below text   the vignette's memos: author, date, title, text");
	sl_push(out, "  !              an edit of the text cut into a span: it needs review");
	sl_push(out, "  \xe2\x8c\x80            in the text: a coding whose text an edit deleted (flagged)");
	sl_push(out, "");
	sl_push(out, "vignette list");
	sl_push(out, "  date title     the vignette's date (month-day when narrow) and title");
	sl_push(out, "  N N N          its codings under ME, JE and SR (in their colours)");
	sl_push(out, "  searching      best hits first (o or :order date: by date), each with");
	sl_push(out, "                 the piece of text that matched, its words highlighted");
	sl_push(out, "");
	sl_push(out, "summaries pane");
	sl_push(out, "  reaching it    last in the Tab order; Shift-Tab from the vignettes, or");
	sl_push(out, "                 Tab four times, or :summaries [N|NAME] (any terminal)");
	sl_push(out, "  Engagement     one row per person, the matrix of ties; then, pinned,");
	sl_push(out, "                 one per role: codings naming someone with it (once each)");
	sl_push(out, "  Ties           one row per pair and quality of engagement (as summary --kind");
	sl_push(out, "                 engagement), Enter: the vignettes where the two are engaged");
	sl_push(out, "");
	sl_push(out, "analyses (tabs 6-0; Co-occurrence: ] from Brokers or :summaries cooc)");
	sl_push(out, "  Network        who holds whom to account, by norm and stance (6)");
	sl_push(out, "  Trajectory     each person by month: role then, codings per dimension (bars),");
	sl_push(out, "                 holding / held to account, repertoire first taken up");
	sl_push(out, "  History        the uses of a repertoire entry in date order, who read it how");
	sl_push(out, "  Boundary       entries used in 2+ communities, each community's readings");
	sl_push(out, "  Brokers        people present in 2+ communities");
	sl_push(out, "  Co-occurrence  codes found in the same vignettes; cells ░1..█4, Enter lists them");
	sl_push(out, "  exported       :export F.html draws them: network, trajectories, timelines of");
	sl_push(out, "                 readings, co-occurrence heat map; F.md has them as tables");
	sl_push(out, "");
	sl_push(out, "mouse");
	sl_push(out, "  click          focus the pane; select the row / put the reader's cursor there");
	sl_push(out, "  wheel          scroll the pane under the pointer");
}

static void h_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(strlist));
}

static void h_free(struct pane *p)
{
	sl_free(p->st);
	free(p->st);
}

static void h_refresh(struct pane *p, struct tui *t)
{
	(void)t;
	sl_free(p->st);
	tui_help_lines(p->st);
	pane_list_reset(p);
}

static size_t h_rows(struct pane *p)
{
	return ((strlist *)p->st)->n;
}

static const char *h_row_text(struct pane *p, size_t i)
{
	return ((strlist *)p->st)->v[i];
}

static void h_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	const char *line = ((strlist *)p->st)->v[i];

	(void)t;
	if (line[0] && line[0] != ' ') {
		dsp_text(y, x + 1, w - 1, line, pane_row_role(sel, ROLE_TITLE_FOCUS));
		return;
	}
	if (strlen(line) > 17 && line[2] != ':') {
		char keys[32];
		snprintf(keys, sizeof(keys), "%.15s", line + 2);
		dsp_text(y, x + 3, 15, keys, pane_row_role(sel, ROLE_KEY));
		dsp_text(y, x + 18, w - 18, line + 17, pane_row_role(sel, ROLE_NORMAL));
		return;
	}
	dsp_text(y, x + 1, w - 1, line, pane_row_role(sel, ROLE_NORMAL));
}

static int h_key(struct pane *p, struct tui *t, int action, int key)
{
	(void)p;
	if (action == A_BACK || action == A_HELP || key == 'q') {
		tui_post(t, (struct tui_req){ .kind = REQ_POP, .frame = FRAME_HELP });
		return 1;
	}
	return 0;
}

const struct pane_ops pane_help_ops = {
	.name = "Help",
	.ctx = KC_GLOBAL,
	.is_list = 1,
	.init = h_init,
	.free = h_free,
	.refresh = h_refresh,
	.key = h_key,
	.rows = h_rows,
	.row_text = h_row_text,
	.draw_row = h_draw_row,
};
