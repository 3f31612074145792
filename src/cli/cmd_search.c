/* cmd_search.c: `praxis search WORDS`: the full-text search of the
 * interface (praxis/browse.h): how many vignettes match, then the first
 * page, by relevance or by date, each with its snippet. */
#include <stdlib.h>
#include <string.h>
#include "praxis/browse.h"
#include "praxis/project.h"
#include "praxis/tabular.h"
#include "commands.h"

/* Rows shown when --limit is not given: about a screenful. */
#define SEARCH_LIMIT 20

/* The snippet with its matched words between [ and ]. */
static char *plain_snippet(const char *s)
{
	char *out;

	if (!s)
		return NULL;
	out = xstrdup(s);
	for (char *p = out; *p; p++) {
		if (*p == BROWSE_HIT_ON)
			*p = '[';
		else if (*p == BROWSE_HIT_OFF)
			*p = ']';
	}
	return out;
}

static int search_write(px_db *db, const browse_filter *f, int limit, int fmt, FILE *out,
			px_err *e)
{
	static const char *const cols[] = { "rank", "vignette", "date", "title", "snippet" };
	browse_row *rows = NULL;
	size_t n = 0;
	int64_t count = 0;
	tabular t;
	int rc;

	if ((rc = browse_vignette_count(db, f, &count, e)) ||
	    (rc = browse_vignettes(db, f, NULL, 0, 1, limit, &rows, &n, e)))
		return rc;
	tab_init(&t);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		tab_col(&t, cols[i], i == 0 ? TAB_INT : TAB_TEXT);
	for (size_t i = 0; i < n; i++) {
		char *snip = plain_snippet(rows[i].snippet);
		tab_cell_int(&t, (long long)i + 1);
		tab_cell(&t, rows[i].ext_id);
		tab_cell(&t, rows[i].date);
		tab_cell(&t, rows[i].title);
		tab_cell(&t, snip);
		free(snip);
	}
	if (fmt == TAB_TABLE)
		fprintf(out, "%lld vignette%s match, by %s%s\n", (long long)count, PX_S(count),
			f->order == BROWSE_ORDER_DATE ? "date" : "relevance",
			(int64_t)n < count ? " (the first shown)" : "");
	if (n && tab_write(&t, out, (enum tab_format)fmt) != 0)
		rc = px_fail(e, PX_EIO, "writing the hits failed");
	if (!n && fmt != TAB_TABLE && tab_write(&t, out, (enum tab_format)fmt) != 0)
		rc = px_fail(e, PX_EIO, "writing the hits failed");
	tab_free(&t);
	browse_rows_free(rows, n);
	return rc;
}

static int run_search(struct cli *c)
{
	const char *format = "table", *order = "rank", *limit = NULL;
	const struct cli_opt opts[] = {
		{ "order", 1, &order, NULL },
		{ "limit", 1, &limit, NULL },
		{ "format", 1, &format, NULL },
		{ NULL, 0, NULL, NULL },
	};
	browse_filter f = { 0 };
	int64_t lim = SEARCH_LIMIT;
	char **pos;
	int npos, rc, fmt;
	px_db *db;
	px_err e = { 0 };
	strbuf words;

	if ((rc = cli_parse(c, &cmd_search, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (!npos)
		return cli_usage_error(c, &cmd_search, "give the words to search for");
	if ((fmt = tab_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_search, "--format '%s': use table, csv or json",
				       format);
	if ((f.order = browse_order_parse(order)) < 0)
		return cli_usage_error(c, &cmd_search, "--order '%s': use rank or date", order);
	if (limit && (cli_parse_count(limit, &lim) != 0 || lim < 1 || lim > 100000))
		return cli_usage_error(c, &cmd_search, "--limit '%s': use a whole number from "
				       "1 to 100000", limit);
	sb_init(&words);
	for (int i = 0; i < npos; i++) {
		if (i)
			sb_addc(&words, ' ');
		sb_add(&words, pos[i]);
	}
	f.search = sb_steal(&words);
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e))) {
		browse_filter_free(&f);
		return cli_report(c, &e);
	}
	rc = search_write(db, &f, (int)lim, fmt, c->out, &e);
	db_close(db);
	browse_filter_free(&f);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_search = {
	"search", run_search, "full-text search: the best-matching vignettes first",
	"usage: praxis search WORDS... [--order rank|date] [--limit N]\n"
	"                     [--format table|csv|json]\n"
	"\n"
	"Searches vignette titles, texts and vignette memos as the interface's / does\n"
	"(every word must match) and prints how many vignettes match, then the first\n"
	"N (default 20): rank, vignette id, date, title and a snippet of the title or\n"
	"text that matched, its matched words in [brackets] (empty for a vignette only\n"
	"a memo matched).\n"
	"\n"
	"  --order rank  by relevance (default): FTS5's bm25, a word in the title\n"
	"                weighing ten times one in the text; vignettes found only by a\n"
	"                memo come last\n"
	"  --order date  by date, then by row id, as the vignette list\n"
	"  --limit N     how many to list (1 to 100000)\n"
	"  --format F    table (default: the count line, then the aligned rows), csv\n"
	"                or json (the rows alone)\n",
};
