/* negotiate_conflict.c: the detail of a sync conflict under the
 * negotiation view's list: what happened, wrapped, and what each side
 * holds (the two codings with their code, words, coder and memo; their
 * text or value), so that a person can choose without looking elsewhere. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/display.h"
#include "praxis/sync_conflict.h"
#include "praxis/text.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"

struct area {
	int y, x, h, w;
};

/* Draws s wrapped from the area's top, consuming the lines it takes. */
static void put_wrapped(struct area *a, const char *s, int role)
{
	strlist lines = { 0 };

	dsp_wrap(s, a->w, &lines);
	for (size_t i = 0; i < lines.n && a->h > 0; i++, a->y++, a->h--)
		dsp_text(a->y, a->x, a->w, lines.v[i], role);
	sl_free(&lines);
}

/* "SR/tools 'whiteboard' by ann, memo: the board is the shift" */
static char *coding_line(struct tui *t, const char *uuid)
{
	px_coding c = { 0 };
	px_vignette v = { 0 };
	int64_t id;
	char *quote = NULL, *line;

	if (!uuid)
		return xstrdup("deleted");
	if (db_lookup_text(t->db, "SELECT id FROM coding WHERE uuid = ?1", uuid, &id, NULL) != 1 ||
	    coding_get(t->db, id, &c, NULL))
		return xstrdup("(no longer here)");
	if (c.start >= 0 && vignette_get(t->db, c.vignette_id, &v, NULL) == PX_OK && v.text) {
		size_t from = text_cp_to_byte(v.text, (size_t)c.start);
		size_t to = text_cp_to_byte(v.text, (size_t)c.end);
		quote = xasprintf("'%.*s'", (int)(to - from), v.text + from);
	}
	line = xasprintf("%s %s by %s%s%s", names_get(&t->names, NAMES_CODE, c.code_id),
			 quote ? quote : "(the whole vignette)",
			 names_get(&t->names, NAMES_CODER, c.coder_id), c.memo ? ", memo: " : "",
			 c.memo ? c.memo : "");
	free(quote);
	vignette_free(&v);
	coding_free(&c);
	return line;
}

void negotiate_conflict_draw(struct tui *t, const sync_conflict *c, int y, int x, int h, int w)
{
	struct area a = { y, x + 1, h, w - 1 };
	char *line;

	if (a.h <= 0 || a.w <= 0)
		return;
	dsp_text(a.y++, x, w, "── a: ours   b: theirs   +: both ──", ROLE_BORDER);
	a.h--;
	put_wrapped(&a, c->description, ROLE_NORMAL);
	if (!strcmp(c->kind, "coding") || !strcmp(c->kind, "deleted")) {
		line = coding_line(t, c->ours);
		char *s = xasprintf("ours:   %s", line);
		put_wrapped(&a, s, ROLE_NORMAL);
		free(s);
		free(line);
		line = coding_line(t, c->theirs);
		s = xasprintf("theirs: %s", line);
		put_wrapped(&a, s, ROLE_MEMO);
		free(s);
		free(line);
	} else if (c->theirs_text) {
		line = xasprintf("theirs: %s", c->theirs_text);
		put_wrapped(&a, line, ROLE_MEMO);
		free(line);
	}
}
