/* commands.c: the `:` command line and its completion. The verbs are the
 * CLI's that make sense inside the interface. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "praxis/export.h"
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/keymap.h"
#include "praxis/negotiate.h"
#include "praxis/participant.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"
#include "summaries_int.h"

static const char *const filter_kinds[] = {
	"participant", "community", "code", "coder", "from", "to", "search", "clear", NULL
};

static int set_id_filter(struct tui *t, const char *kind, const char *value, int64_t *slot)
{
	px_err e = { 0 };
	int64_t id = 0;
	int rc;

	if (!*value) {
		*slot = 0;
		return PX_OK;
	}
	if (strcmp(kind, "participant") == 0)
		rc = participant_find(t->db, value, &id, &e);
	else if (strcmp(kind, "community") == 0)
		rc = entity_find(t->db, ENT_COMMUNITY, value, &id, &e);
	else if (strcmp(kind, "coder") == 0)
		rc = entity_find(t->db, ENT_CODER, value, &id, &e);
	else
		rc = codebook_resolve(t->db, value, 0, &id, NULL, &e);
	if (rc) {
		tui_error(t, "filter %s: %s", kind, e.msg);
		return rc;
	}
	*slot = id;
	return PX_OK;
}

static void set_date(struct tui *t, char **slot, const char *value)
{
	free(*slot);
	*slot = NULL;
	if (!*value)
		return;
	if (!vignette_date_valid(value)) {
		tui_error(t, "date '%s': use YYYY-MM-DD", value);
		return;
	}
	*slot = xstrdup(value);
}

static void cmd_filter(struct tui *t, const char *args)
{
	browse_filter *f = &t->filter;
	char kind[32] = "";
	const char *value;
	int n = 0;

	sscanf(args, "%31s%n", kind, &n);
	value = args + n;
	while (*value == ' ')
		value++;
	if (!*kind || strcmp(kind, "clear") == 0) {
		browse_filter_clear(f);
	} else if (strcmp(kind, "participant") == 0) {
		set_id_filter(t, kind, value, &f->participant_id);
	} else if (strcmp(kind, "community") == 0) {
		set_id_filter(t, kind, value, &f->community_id);
	} else if (strcmp(kind, "code") == 0) {
		set_id_filter(t, kind, value, &f->code_id);
	} else if (strcmp(kind, "coder") == 0) {
		set_id_filter(t, kind, value, &f->coder_id);
	} else if (strcmp(kind, "from") == 0) {
		set_date(t, &f->date_from, value);
	} else if (strcmp(kind, "to") == 0) {
		set_date(t, &f->date_to, value);
	} else if (strcmp(kind, "search") == 0) {
		free(f->search);
		f->search = *value ? xstrdup(value) : NULL;
	} else {
		tui_error(t, "filter: unknown kind '%s' (participant, community, code, coder, from,"
			  " to, search, clear)", kind);
		return;
	}
	tui_filter_changed(t);
}

/* :export FILE [--keep-names]: the format follows the extension, and the
 * annotated formats follow the current filter (YAML is always the whole
 * project: it is the backup). Names are pseudonymized unless asked. */
static void cmd_export(struct tui *t, const char *args)
{
	struct export_options o = { 0 };
	char *copy = xstrdup(args), *save = NULL, *path = NULL, *exts = NULL;
	const char *scope = "";
	px_err e = { 0 };

	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (strcmp(w, "--keep-names") == 0)
			o.keep_names = 1;
		else if (!path)
			path = w;
	}
	exts = export_format_list(1, " ");
	if (!path) {
		tui_error(t, "export: give a file name, e.g. :export notes.md (%s)", exts);
		goto out;
	}
	if ((o.format = export_format_of_path(path)) < 0) {
		const char *dot = strrchr(path, '.');
		tui_error(t, "export: unknown format '%s' (use %s)", dot ? dot : "", exts);
		goto out;
	}
	o.output = path;
	if (export_format_get(o.format)->filtered && browse_filter_active(&t->filter)) {
		const browse_filter *f = &t->filter;
		if (f->participant_id)
			o.participant = names_get(&t->names, NAMES_PARTICIPANT, f->participant_id);
		if (f->community_id)
			o.community = names_get(&t->names, NAMES_COMMUNITY, f->community_id);
		if (f->coder_id)
			o.coder = names_get(&t->names, NAMES_CODER, f->coder_id);
		if (f->code_id)
			o.code = names_get(&t->names, NAMES_CODE, f->code_id);
		o.from = f->date_from;
		o.to = f->date_to;
		scope = f->search ? " (filtered; the search words do not apply to exports)"
				  : " (filtered)";
	}
	if (export_run(t->db, &o, &e))
		tui_error(t, "export: %s", e.msg);
	else
		tui_message(t, "exported to %s%s%s", path, scope,
			    o.keep_names ? ", real names kept" : "");
out:
	free(exts);
	free(copy);
}

static void cmd_theme(struct tui *t, const char *name)
{
	px_err e = { 0 };
	theme th;

	if (theme_load(&th, *name ? name : "default", &e)) {
		tui_error(t, "theme: %s", e.msg);
		return;
	}
	t->theme = th;
	display_apply_theme(&t->theme);
	tui_message(t, "theme %s", *name ? name : "default");
}

static void cmd_open(struct tui *t, const char *ext_id)
{
	int64_t id = 0;
	px_err e = { 0 };

	if (vignette_find(t->db, ext_id, &id, &e)) {
		tui_error(t, "open: %s", e.msg);
		return;
	}
	tui_open_vignette(t, id, 0, 1);
}

static void cmd_retrieve(struct tui *t, const char *path)
{
	int64_t id = 0;
	px_err e = { 0 };

	if (codebook_resolve(t->db, path, 0, &id, NULL, &e)) {
		tui_error(t, "retrieve: %s", e.msg);
		return;
	}
	tui_retrieve(t, id);
}

static void cmd_negotiate(struct tui *t, const char *args)
{
	char a[64] = "", b[64] = "", extra[8] = "";
	int64_t ida = 0, idb = 0, consensus = 0;
	px_err e = { 0 };

	if (sscanf(args, "%63s %63s %7s", a, b, extra) != 2) {
		tui_error(t, "negotiate: give two coder ids, e.g. :negotiate mk jt");
		return;
	}
	if (entity_find(t->db, ENT_CODER, a, &ida, &e) || entity_find(t->db, ENT_CODER, b, &idb, &e)) {
		tui_error(t, "negotiate: %s", e.msg);
		return;
	}
	negotiate_consensus_coder(t->db, 0, &consensus, NULL);
	if (ida == idb) {
		tui_error(t, "negotiate: %s twice: give two different coders", a);
		return;
	}
	if (ida == consensus || idb == consensus) {
		tui_error(t, "negotiate: the coder '%s' records the decisions: pick two others",
			  NEGOTIATE_CONSENSUS);
		return;
	}
	tui_negotiate(t, ida, idb);
}

/* The negotiation view on what syncs left for a decision. */
static void cmd_conflicts(struct tui *t, const char *args)
{
	(void)args;
	tui_sync_counts(t);
	if (!t->conflicts) {
		tui_message(t, "conflicts: none waits for a decision");
		return;
	}
	tui_negotiate(t, 0, 0);
}

static void cmd_quit(struct tui *t, const char *args)
{
	(void)args;
	tui_post(t, (struct tui_req){ .kind = REQ_QUIT });
}

static void cmd_search(struct tui *t, const char *args)
{
	free(t->filter.search);
	t->filter.search = *args ? xstrdup(args) : NULL;
	tui_filter_changed(t);
}

static void cmd_order(struct tui *t, const char *args)
{
	int order = *args ? browse_order_parse(args) : t->filter.order == BROWSE_ORDER_RANK ?
		BROWSE_ORDER_DATE : BROWSE_ORDER_RANK;

	if (order < 0) {
		tui_error(t, ":order %s: use rank (by relevance) or date", args);
		return;
	}
	tui_search_order(t, order);
}

static void cmd_help(struct tui *t, const char *args)
{
	(void)args;
	if (tui_top_frame(t) != FRAME_HELP)
		tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_HELP });
}

static void cmd_log(struct tui *t, const char *args)
{
	(void)args;
	if (tui_top_frame(t) != FRAME_LOG)
		tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_LOG });
}

static void cmd_memos(struct tui *t, const char *args)
{
	(void)args;
	if (tui_top_frame(t) != FRAME_MEMOS)
		tui_post(t, (struct tui_req){ .kind = REQ_PUSH, .frame = FRAME_MEMOS });
}

/* Focus the summaries pane, on tab N (or the tab whose name starts with
 * N) if given: reachable on a terminal without Shift-Tab (a real vt100)
 * as well as by Tab, and the only key-free way to the eleventh tab. */
static void cmd_summaries(struct tui *t, const char *args)
{
	struct pane *p = &t->panes[P_SUMMARIES];
	int tab = *args ? summaries_tab_named(args) : -1;

	if (*args && tab < 0) {
		tui_error(t, ":summaries '%s': give a tab from 1 to %d, a tab's name "
			  "(e.g. network, co-occurrence) or nothing", args, TAB_COUNT);
		return;
	}
	tui_focus(t, P_SUMMARIES);
	if (tab >= 0)
		summaries_show_tab(p, t, tab);
}

static void cmd_zoom(struct tui *t, const char *args)
{
	(void)args;
	tui_post(t, (struct tui_req){ .kind = tui_in_frame(t, FRAME_ZOOM) ? REQ_POP : REQ_PUSH,
				      .frame = FRAME_ZOOM });
}

static void undo_step(struct tui *t, int redo)
{
	const char *label;
	px_err e = { 0 };
	int rc = redo ? undo_redo(&t->undo, &label, &e) : undo_undo(&t->undo, &label, &e);

	if (rc)
		tui_error(t, "%s", e.msg);
	tui_changed(t);
}

static void cmd_undo(struct tui *t, const char *args)
{
	(void)args;
	undo_step(t, 0);
}

static void cmd_redo(struct tui *t, const char *args)
{
	(void)args;
	undo_step(t, 1);
}

/* The one list of `:` commands: dispatch, completion and help. */
static const struct {
	const char *name, *args, *help;
	void (*run)(struct tui *t, const char *args);
} commands[] = {
	{ "filter", "KIND VALUE", "by participant, community, code, coder, from, to, "
	  "search; :filter clear", cmd_filter },
	{ "search", "WORDS", "full-text search; n and N step through the hits in the reader",
	  cmd_search },
	{ "order", "[rank|date]", "search hits by relevance (rank) or by date; alone: toggle",
	  cmd_order },
	{ "autocode", "CODE", "code every hit of the search with CODE (asks first)", tui_autocode },
	{ "export", "FILE [--keep-names]", "export the filtered project (format by the name)",
	  cmd_export },
	{ "theme", "NAME", "switch the colours (Tab completes the themes)", cmd_theme },
	{ "retrieve", "CODE", "every segment coded with CODE or a sub-code", cmd_retrieve },
	{ "open", "VIGNETTE", "open the vignette with that id in the reader", cmd_open },
	{ "negotiate", "A B", "the disagreements of coders A and B", cmd_negotiate },
	{ "sync", "[DIR]", "share the project through the git work tree DIR (the last one "
	  "if left out): commit, merge the team's work, push", tui_sync },
	{ "conflicts", "", "what syncs left for a decision, in the negotiation view (a ours, "
	  "b theirs, + both)", cmd_conflicts },
	{ "undo", "", "undo the last change", cmd_undo },
	{ "redo", "", "redo what was undone", cmd_redo },
	{ "zoom", "", "zoom the pane to full screen and back", cmd_zoom },
	{ "help", "", "this help", cmd_help },
	{ "log", "", "the audit trail: codebook changes, decisions, text edits", cmd_log },
	{ "memos", "", "every memo under the filters and the search (also O)", cmd_memos },
	{ "summaries", "[N|NAME]", "focus the summaries pane (on tab 1-11 or by name); also Tab, Shift-Tab",
	  cmd_summaries },
	{ "quit", "", "quit praxis (also :q)", cmd_quit },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

void tui_command_help(strlist *out)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char *head = xasprintf(":%s%s%s", commands[i].name, *commands[i].args ? " " : "",
				       commands[i].args);
		char *line = xasprintf("  %-28s %s", head, commands[i].help);
		sl_push(out, line);
		free(line);
		free(head);
	}
}

void tui_command(struct tui *t, const char *line)
{
	char verb[32] = "";
	const char *args;
	int n = 0;

	sscanf(line, " %31s%n", verb, &n);
	args = line + n;
	while (*args == ' ')
		args++;
	if (strcmp(verb, "q") == 0) {
		cmd_quit(t, args);
		return;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(verb, commands[i].name) == 0) {
			commands[i].run(t, args);
			return;
		}
	tui_error(t, "unknown command '%s' (Tab completes; :help lists them)", verb);
}

/* Completes the last word against words; the common prefix of all
 * matches, or the only match followed by a space. */
static char *complete_word(const char *text, const char *word, const char *const *words)
{
	size_t wl = strlen(word), common = 0;
	const char *first = NULL;
	int count = 0;

	for (int i = 0; words[i]; i++) {
		if (strncmp(words[i], word, wl) != 0)
			continue;
		if (!first) {
			first = words[i];
			common = strlen(first);
		} else {
			size_t k = 0;
			while (k < common && first[k] == words[i][k])
				k++;
			common = k;
		}
		count++;
	}
	if (!first)
		return NULL;
	return xasprintf("%.*s%.*s%s", (int)(word - text), text, (int)common, first,
			 count == 1 ? " " : "");
}

static int collect_coder(const px_entity *ent, void *ud)
{
	if (strcmp(ent->ext_id, NEGOTIATE_CONSENSUS) != 0)
		sl_push(ud, ent->ext_id);
	return 0;
}

/* Coder ids for :negotiate (not the consensus coder). */
static char *complete_coder(struct tui *t, const char *text, const char *word)
{
	strlist ids = { 0 };
	px_err e = { 0 };
	char *out;

	if (entity_each(t->db, ENT_CODER, collect_coder, &ids, &e))
		tui_error(t, "%s", e.msg);
	sl_push(&ids, NULL);
	out = complete_word(text, word, (const char *const *)ids.v);
	sl_free(&ids);
	return out;
}

/* :export FILE.<Tab>: the extensions of the format table. */
static char *complete_ext(const char *text, const char *word)
{
	const char *dot = strrchr(word, '.'), **exts = xcalloc(2 * export_nformats + 1, sizeof(*exts));
	size_t n = 0;
	char *out = NULL;

	for (size_t i = 0; i < export_nformats; i++) {
		exts[n++] = export_formats[i].ext;
		if (export_formats[i].ext_alias)
			exts[n++] = export_formats[i].ext_alias;
	}
	if (dot)
		out = complete_word(text, dot, exts);
	free(exts);
	return out;
}

char *tui_command_complete(struct tui *t, const char *text, void *ud)
{
	const char *sp = strchr(text, ' ');
	const char *last = strrchr(text, ' ');

	(void)ud;
	if (!sp) {
		const char *verbs[NCOMMANDS + 1];
		for (size_t i = 0; i < NCOMMANDS; i++)
			verbs[i] = commands[i].name;
		verbs[NCOMMANDS] = NULL;
		return complete_word(text, text, verbs);
	}
	if (strncmp(text, "filter ", 7) == 0 && last == sp)
		return complete_word(text, last + 1, filter_kinds);
	if (strncmp(text, "negotiate ", 10) == 0)
		return complete_coder(t, text, last + 1);
	if (strncmp(text, "theme ", 6) == 0)
		return complete_word(text, last + 1, theme_builtin_names);
	if (strncmp(text, "export ", 7) == 0)
		return complete_ext(text, last + 1);
	return NULL;
}
