/* cmd_export.c: `praxis export --format F [-o FILE] [filters]`: the
 * corpus YAML backup, annotated notes (md, html), tables (csv) and the
 * REFI-QDA exchange files (qdpx, qdc), through export_run. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "praxis/corpus_tree.h"
#include "praxis/export.h"
#include "praxis/project.h"
#include "commands.h"

/* A progress bar on stderr, drawn only when stderr is a terminal and the
 * export has already taken more than a second. */
struct progress {
	FILE *err;
	struct timespec start;
	int shown;
};

static double elapsed(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static void progress_draw(void *ud, int64_t done, int64_t total)
{
	struct progress *p = ud;
	int width = 30, fill;

	if (total <= 0 || (!p->shown && elapsed(&p->start) < 1.0))
		return;
	fill = (int)(done * width / total);
	fprintf(p->err, "\rexporting [%.*s%*s] %lld/%lld", fill,
		"##############################", width - fill, "", (long long)done,
		(long long)total);
	if (done == total)
		fputc('\n', p->err);
	fflush(p->err);
	p->shown = 1;
}

/* --format tree: the whole project as a directory (corpus_tree.h). */
static int export_tree(struct cli *c, const struct export_options *o, const char *table)
{
	tree_changes ch;
	px_db *db;
	px_err e = { 0 };
	int rc;

	if (!o->output || !strcmp(o->output, "-"))
		return cli_usage_error(c, &cmd_export, "--format tree writes a directory: "
				       "give it with -o DIR");
	if (o->participant || o->community || o->code || o->from || o->to || o->coder ||
	    table || o->keep_names)
		return cli_usage_error(c, &cmd_export, "--format tree writes the whole project: "
				       "no filters, --table or --keep-names");
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = tree_export(db, o->output, &ch, &e);
	db_close(db);
	if (rc)
		return cli_report(c, &e);
	fprintf(c->out, "%s: %zu file%s written\n", o->output, ch.paths.n,
		ch.paths.n == 1 ? "" : "s");
	tree_changes_free(&ch);
	return 0;
}

static int run_export(struct cli *c)
{
	const char *format = NULL, *table = NULL;
	struct export_options o = { 0 };
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ "output", 1, &o.output, NULL },
		{ "participant", 1, &o.participant, NULL },
		{ "community", 1, &o.community, NULL },
		{ "code", 1, &o.code, NULL },
		{ "from", 1, &o.from, NULL },
		{ "to", 1, &o.to, NULL },
		{ "table", 1, &table, NULL },
		{ "keep-names", 0, NULL, &o.keep_names },
		{ NULL, 0, NULL, NULL },
	};
	struct progress prog = { c->err, { 0, 0 }, 0 };
	char **pos;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	/* -o is the one short option: translate it before the long parser */
	for (int i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], "-o") == 0)
			c->argv[i] = "--output";
	if ((rc = cli_parse(c, &cmd_export, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_export, "unexpected argument '%s'", pos[0]);
	/* --coder is a global option (taken before us); as typed it filters */
	o.coder = c->coder_given ? c->coder : NULL;
	if (format && strcmp(format, "tree") == 0)
		return export_tree(c, &o, table);
	if ((o.format = export_format_parse(format ? format : "yaml")) < 0) {
		char *names = export_format_list(0, " or ");
		rc = cli_usage_error(c, &cmd_export, "--format '%s': use %s", format, names);
		free(names);
		return rc;
	}
	if (table && (o.format != EXP_CSV || (o.table = export_table_parse(table)) < 0))
		return cli_usage_error(c, &cmd_export, "--table '%s': use codings, participants,"
				       " vignettes, codes or memos with --format csv", table);
	if (isatty(fileno(c->err))) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		o.progress = progress_draw;
		o.progress_ud = &prog;
	}
	if ((rc = cli_open_db(c, PROJECT_READONLY, &db, &e)))
		return cli_report(c, &e);
	rc = export_run(db, &o, &e);
	db_close(db);
	if (rc == PX_EUSAGE)
		return cli_usage_error(c, &cmd_export, "%s", e.msg);
	return rc ? cli_report(c, &e) : 0;
}

const struct cli_command cmd_export = {
	"export", run_export, "write the project out (yaml, md, html, csv, qdpx, qdc, codebook, graphml)",
	"usage: praxis [--db FILE] export [--format F] [-o FILE] [--keep-names]\n"
	"                                 [--participant ID] [--community ID] [--coder ID]\n"
	"                                 [--code PATH] [--from DATE] [--to DATE]\n"
	"                                 [--table codings|participants|vignettes|codes|memos]\n"
	"\n"
	"Writes the project in one of these formats:\n"
	"  yaml   the corpus format, the whole project in a fixed order: importing it\n"
	"         gives back the same project (a backup you can diff; aliases kept,\n"
	"         filters do not apply). The default.\n"
	"  md     annotated notes for pandoc: a metadata block, each vignette with its\n"
	"         coded spans as bracketed spans [text]{.code data-code=... data-coder=...}\n"
	"         and memos as footnotes, project memos up front, the codebook with\n"
	"         counts and code memos, memos on participants, communities, register\n"
	"         entries and codings in their own sections, the registers, the\n"
	"         engagement ties and the accountability network (the columns of\n"
	"         'praxis summary --kind engagement' and 'network', by pseudonym),\n"
	"         then trajectories, histories of the repertoire, boundary objects,\n"
	"         brokers and co-occurrence (the columns of --kind trajectory,\n"
	"         history, boundary, brokers, cooccurrence).\n"
	"  html   one self-contained page (inline CSS and SVG charts, no scripts):\n"
	"         highlighted spans with code labels, memos (placed as in md),\n"
	"         coverage, registers, engagement ties, and md's network and\n"
	"         analysis tables, each after a figure: the network as a diagram\n"
	"         (people on a circle, arrows holder -> held); per participant a\n"
	"         trajectory chart (per month a bar per dimension ME, JE, SR, role\n"
	"         changes marked); per repertoire entry a timeline of its uses, a\n"
	"         line per reading, coloured by community; the co-occurrence\n"
	"         matrix as a heat map of the codes that co-occur.\n"
	"  csv    one row per coding (vignette_id, date, community, participants, code,\n"
	"         dimension, start, end, quote, coder, mode, memo, repertoire,\n"
	"         interpretation, accountability, stance, held_by, speaker,\n"
	"         needs_review, roles: the participants' roles on the vignette's date);\n"
	"         --table picks\n"
	"         participants, vignettes, codes or memos instead. RFC 4180, UTF-8; cells\n"
	"         starting with = + - @ tab or CR are prefixed with ' against formulas.\n"
	"  qdpx   a REFI-QDA project for ATLAS.ti, NVivo, MAXQDA, QualCoder: coders as\n"
	"         users, the codebook, one text source per vignette with its codings,\n"
	"         participants as cases (attributes as variables), memos as notes\n"
	"         and in the <Description> other tools read (project, code after its\n"
	"         description, source, coded selection, case), communities as sets;\n"
	"         praxis.xml (urn:praxis:refi:1, ignored by other tools) keeps register\n"
	"         entries and each coding's mode, entry links, interpretation,\n"
	"         speaker, stance and held_by, and with --keep-names and no filter\n"
	"         the whole corpus, so praxis reads its own file back losslessly.\n"
	"         Needs -o.\n"
	"  qdc    the codebook alone as a REFI-QDA codebook.\n"
	"  codebook  the codebook document a team circulates (Markdown): every code in\n"
	"         tree order with its description, colour, counts (codings, vignettes,\n"
	"         participants, coders), its memos and up to three example quotes\n"
	"         (shortest first, pseudonymized), then the registers. :export names\n"
	"         it by the extension .codebook.md.\n"
	"  codebook-html  the same document as one self-contained HTML page\n"
	"         (.codebook.html).\n"
	"  graphml  the people as a network for Gephi, igraph or networkx:\n"
	"         participants as nodes (pseudonym, roles with their dates,\n"
	"         communities), engagement ties (kind engagement: the ME codes they were\n"
	"         coded under as quality, codings as weight, vignettes) and\n"
	"         accountability edges holder -> held (kind accountability: entry,\n"
	"         stance, count). Filters apply.\n"
	"  tree   the project as a directory for git (needs -o DIR): DIR/project.yaml\n"
	"         (coders, communities, codebook, registers, participants, the log,\n"
	"         memos on several targets) and DIR/vignettes/ID.yaml, one per\n"
	"         vignette with its codings (by start, end, code, coder, uuid), memos\n"
	"         and sync conflicts. Only files whose bytes change are rewritten; the\n"
	"         file of a deleted vignette is removed. 'praxis import DIR' reads it\n"
	"         back; 'praxis sync' keeps it in a git repository.\n"
	"\n"
	"Every participant alias (a private real name) in the exported text is\n"
	"replaced by the participant's pseudonym, as a whole word and ignoring case;\n"
	"--keep-names turns this off. Filters (md, html, csv, qdpx, codebook) are\n"
	"those of 'praxis summary': codings naming the participant (participants or\n"
	"held_by) or on a vignette they are present at, on the community's\n"
	"vignettes, dated between --from and --to (YYYY-MM-DD, inclusive), by the\n"
	"coder, with the code or one below it. A vignette passing the community,\n"
	"dates and participant present is kept; under --coder, --code or a\n"
	"participant not present, only with codings that pass. The registers, ties,\n"
	"network, analyses, code counts (with sub-codes) and charts are the\n"
	"summaries under the filter.\n"
	"For --table memos, --coder is the memo's author, and the other filters\n"
	"keep a memo when one of its targets passes all that are set: a vignette or\n"
	"coding as above (a vignette holding a coding under --code), a register\n"
	"entry a passing coding carries, a code only under --code (its subtree), a\n"
	"participant only under --participant, a community only under --community;\n"
	"a project memo never.\n"
	"\n"
	"The file is written atomically: a temp file beside it, then a rename; on an\n"
	"error or Ctrl-C nothing is left behind. -o may not name the project, a link\n"
	"to it or its -wal, -shm or -journal file. yaml, qdpx and --keep-names\n"
	"exports hold private names: a new file is 0600 (a replaced one keeps its\n"
	"mode). Without -o, writes to standard output; to a terminal, controls and\n"
	"bidi overrides are shown inert (^[, \\x9b, <U+202E>). Long exports draw a\n"
	"progress bar on standard error when it is a terminal.\n"
	"\n"
	"  --format F       yaml (default), md, html, csv, qdpx, qdc, codebook,\n"
	"                   codebook-html, graphml, tree\n"
	"  -o, --output F   the file to write ('-' for standard output)\n"
	"  --keep-names     do not replace aliases by pseudonyms\n"
	"  --participant ID codings naming the participant or on a vignette they are\n"
	"                   present at\n"
	"  --community ID   vignettes of the community\n"
	"  --from D, --to D vignettes dated in the range (YYYY-MM-DD, inclusive)\n"
	"  --coder ID       codings by the coder (as typed on the command line;\n"
	"                   $PRAXIS_CODER does not filter)\n"
	"  --code PATH      codings with the code or one below it\n"
	"  --table T        with csv: codings (default), participants, vignettes, codes,\n"
	"                   memos (id,uuid,author,created,updated,title,targets,text)\n",
};
