/* cmd_import.c: `praxis import FILE...`: corpus YAML, REFI-QDA projects
 * (.qdpx) and codebooks (.qdc), and plain field notes (.md, .txt) into the
 * project, all in one transaction, chosen by each file's extension. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "praxis/codebook.h"
#include "praxis/corpus.h"
#include "praxis/corpus_tree.h"
#include "praxis/notes.h"
#include "praxis/refi.h"
#include "praxis/refi_units.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "commands.h"

enum import_kind { IMP_YAML, IMP_QDC, IMP_QDPX, IMP_NOTES, IMP_KIND_COUNT };

static int import_kind_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcasecmp(dot, ".yaml") || !strcasecmp(dot, ".yml"))
		return IMP_YAML;
	if (!strcasecmp(dot, ".qdpx"))
		return IMP_QDPX;
	if (!strcasecmp(dot, ".qdc"))
		return IMP_QDC;
	if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".markdown"))
		return IMP_NOTES;
	return -1;
}

struct import_totals {
	corpus_stats corpus;
	struct refi_import_stats refi;
	int64_t notes;
	int64_t qdc_codes;       /* new codes from .qdc codebooks */
	int qdc_files;
};

struct coder_ask {
	struct cli *c;
	px_db *db;
	int64_t *coder;
};

/* The session's coder, decided when a file first needs one. */
static int ask_coder(void *ud, int64_t *coder_id, px_err *e)
{
	struct coder_ask *a = ud;
	int rc = PX_OK;

	if (!*a->coder)
		rc = cli_coder(a->c, a->db, a->coder, e);
	*coder_id = *a->coder;
	return rc;
}

static int import_all(struct cli *c, px_db *db, strlist *files, int root,
		      const struct refi_import_opts *opts, struct import_totals *t, px_err *e)
{
	struct coder_ask ask = { c, db, NULL };
	struct refi_import_opts o = *opts;
	int64_t coder;
	int rc;

	if ((rc = cli_explicit_coder(c, db, &coder, e)))
		return rc;
	if (files[IMP_YAML].n &&
	    (rc = corpus_import(db, (const char *const *)files[IMP_YAML].v,
				(int)files[IMP_YAML].n, coder, &t->corpus, e)))
		return rc;
	/* codebooks first: a project's codings may use their codes */
	for (size_t i = 0; i < files[IMP_QDC].n; i++) {
		struct refi_import_stats st;
		rc = refi_import_qdc(db, files[IMP_QDC].v[i], root, &st, e);
		sl_free(&st.report);
		if (rc)
			return rc;
		t->qdc_codes += st.codes;
		t->qdc_files++;
		t->refi.skipped_elements += st.skipped_elements;
	}
	/* codings in a .qdpx without a user need someone: the session's
	 * coder, asked for only when one is read as REFI-QDA (praxis's own
	 * corpus names its coders) */
	ask.coder = &coder;
	o.coder = ask_coder;
	o.coder_ud = &ask;
	for (size_t i = 0; i < files[IMP_QDPX].n; i++) {
		struct refi_import_stats st;
		rc = refi_import_with(db, files[IMP_QDPX].v[i], coder, root, &o, &st, e);
		for (size_t k = 0; k < st.report.n; k++)
			sl_push(&t->refi.report, st.report.v[k]);
		sl_free(&st.report);
		if (rc)
			return rc;
		t->refi.skipped_selections += st.skipped_selections;
		t->refi.flagged += st.flagged;
		t->refi.users += st.users;
		t->refi.codes += st.codes;
		t->refi.cases += st.cases;
		t->refi.sources += st.sources;
		t->refi.codings += st.codings;
		t->refi.notes += st.notes;
		t->refi.skipped_sources += st.skipped_sources;
		t->refi.skipped_elements += st.skipped_elements;
		t->refi.normalized += st.normalized;
	}
	if (!coder && files[IMP_NOTES].n && (rc = cli_coder(c, db, &coder, e)))
		return rc;
	if (files[IMP_NOTES].n &&
	    (rc = notes_import(db, (const char *const *)files[IMP_NOTES].v,
			       (int)files[IMP_NOTES].n, coder, &t->notes, e)))
		return rc;
	return PX_OK;
}

static void import_summary(struct cli *c, const struct import_totals *t)
{
	const struct refi_import_stats *r = &t->refi;

	long long nv = (long long)t->corpus.vignettes + r->sources + t->notes;
	long long np = (long long)t->corpus.participants + r->cases;
	long long nc = (long long)t->corpus.codings + r->codings;
	long long nm = (long long)t->corpus.memos + r->notes;

	if (!t->qdc_files || nv || np || nc || nm)   /* not for a codebook alone */
		fprintf(c->out, "imported %lld vignette%s, %lld participant%s, %lld coding%s, "
			"%lld memo%s into %s\n", nv, PX_S(nv), np, PX_S(np), nc, PX_S(nc), nm,
			PX_S(nm), c->db_path);
	if (t->qdc_files)
		fprintf(c->out, "added %lld new code%s from %d codebook%s into %s\n",
			(long long)t->qdc_codes, PX_S(t->qdc_codes), t->qdc_files,
			PX_S(t->qdc_files), c->db_path);
	for (size_t i = 0; i < r->report.n; i++)
		fprintf(c->err, "praxis: %s\n", r->report.v[i]);
	if (r->skipped_selections)
		fprintf(c->err, "praxis: warning: skipped %lld selection(s) or coding(s) that"
			" could not be imported (see above; --strict refuses them)\n",
			(long long)r->skipped_selections);
	if (r->flagged)
		fprintf(c->err, "praxis: warning: %lld coding(s) flagged for review: the evidence"
			" for how their positions count was split\n", (long long)r->flagged);
	if (r->normalized)
		fprintf(c->err, "praxis: warning: normalized CR LF line ends or a BOM in %lld"
			" source(s); selection positions adjusted\n", (long long)r->normalized);
	if (r->skipped_sources)
		fprintf(c->err, "praxis: warning: skipped %lld source(s) praxis cannot read (PDF,"
			" picture, audio, video, or text outside the archive)\n",
			(long long)r->skipped_sources);
	if (r->skipped_elements)
		fprintf(c->err, "praxis: warning: skipped %lld element(s) praxis does not keep\n",
			(long long)r->skipped_elements);
}

/* A directory written by export --format tree: read in one transaction;
 * with --replace the tree becomes the project's whole content. */
static int import_tree(struct cli *c, const char *dir, int replace, int quiet)
{
	struct import_totals t;
	int64_t coder;
	px_db *db;
	px_err e = { 0 };
	int rc;

	memset(&t, 0, sizeof(t));
	if ((rc = cli_open_db(c, PROJECT_CREATE, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = cli_explicit_coder(c, db, &coder, &e)))
		rc = tree_import(db, dir, coder, replace, &t.corpus, &e);
	db_close(db);
	if (rc)
		return cli_report(c, &e);
	if (!quiet)
		import_summary(c, &t);
	return 0;
}

static int run_import(struct cli *c)
{
	char **pos;
	int npos, rc, quiet = 0, root = CODE_ME, replace = 0;
	const char *root_name = NULL, *positions = NULL;
	struct refi_import_opts ro = { REFI_UNIT_AUTO, 0, NULL, NULL };
	const struct cli_opt opts[] = {
		{ "quiet", 0, NULL, &quiet },
		{ "root", 1, &root_name, NULL },
		{ "positions", 1, &positions, NULL },
		{ "strict", 0, NULL, &ro.strict },
		{ "replace", 0, NULL, &replace },
		{ NULL, 0, NULL, NULL },
	};
	strlist files[IMP_KIND_COUNT] = { { 0 } };
	struct import_totals t;
	px_db *db;
	px_err e = { 0 };

	memset(&t, 0, sizeof(t));
	if ((rc = cli_parse(c, &cmd_import, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos < 1)
		return cli_usage_error(c, &cmd_import, "name at least one corpus file");
	for (int i = 0; i < npos; i++)
		if (tree_is_dir(pos[i])) {
			if (npos > 1)
				return cli_usage_error(c, &cmd_import, "%s is a tree: import it alone",
						       pos[i]);
			return import_tree(c, pos[i], replace, quiet);
		}
	if (replace)
		return cli_usage_error(c, &cmd_import, "--replace reads a tree (a directory "
				       "written by export --format tree)");
	if (root_name) {
		for (root = CODE_ME; root <= CODE_SR; root++)
			if (!strcasecmp(root_name, codebook_root_short(root)))
				break;
		if (root > CODE_SR)
			return cli_usage_error(c, &cmd_import, "--root '%s': use ME, JE or SR",
					       root_name);
	}
	if (positions && (ro.positions = refi_unit_parse(positions)) < 0)
		return cli_usage_error(c, &cmd_import, "--positions '%s': use codepoints, utf16"
				       " or crlf1", positions);
	for (int i = 0; i < npos; i++) {
		int k = import_kind_of(pos[i]);
		if (k < 0) {
			rc = cli_usage_error(c, &cmd_import, "%s: import reads .yaml/.yml, .qdpx,"
					     " .qdc, .md or .txt files", pos[i]);
			goto out;
		}
		sl_push(&files[k], pos[i]);
	}
	if ((rc = cli_open_db(c, PROJECT_CREATE, &db, &e))) {
		rc = cli_report(c, &e);
		goto out;
	}
	if (!(rc = db_begin(db, &e))) {
		if ((rc = import_all(c, db, files, root, &ro, &t, &e)))
			db_rollback(db);
		else
			rc = db_commit(db, &e);
	}
	db_close(db);
	if (rc) {
		rc = cli_report(c, &e);
		goto out;
	}
	if (!quiet)
		import_summary(c, &t);
out:
	sl_free(&t.refi.report);
	for (int k = 0; k < IMP_KIND_COUNT; k++)
		sl_free(&files[k]);
	return rc;
}

const struct cli_command cmd_import = {
	"import", run_import, "import corpus YAML, .qdpx projects, .qdc codebooks, field notes"
	" (one transaction)",
	"usage: praxis [--db FILE] import [--quiet] [--root ME|JE|SR] [--strict]\n"
	"                                 [--positions codepoints|utf16|crlf1] FILE...\n"
	"       praxis [--db FILE] import [--quiet] [--replace] DIR\n"
	"\n"
	"Reads files into the project, creating the database if absent, by extension:\n"
	"  .yaml .yml   corpus files in the praxis format (see praxis(1), CORPUS FORMAT)\n"
	"  .qdpx        a REFI-QDA project from praxis, ATLAS.ti, NVivo, MAXQDA,\n"
	"               QualCoder...: users become coders, codes join the codebook\n"
	"               (top-level codes that are not ME, JE or SR go under --root,\n"
	"               default ME), text sources become vignettes with their codings,\n"
	"               cases participants (variables as attributes), sets of\n"
	"               sources communities. Memos come from every place tools put\n"
	"               them: the <Description> of the project, codes, sources,\n"
	"               coded selections (the coding's memo) and cases, notes\n"
	"               referred to anywhere (text inline or in a file of the\n"
	"               archive), a selection with a memo and no coding (a memo on\n"
	"               the vignette); praxis's own copies are not doubled. A\n"
	"               .qdpx from praxis brings back ids, register entries, mode,\n"
	"               speaker, stance and held_by (its praxis.xml), and the whole\n"
	"               project when written with --keep-names, while its\n"
	"               project.qde is unchanged. CR LF and a BOM are normalized\n"
	"               with positions adjusted. Tools count positions differently\n"
	"               (NVivo: UTF-16 units, an emoji counts two; ATLAS.ti: CR LF as\n"
	"               one): each source's reading is chosen from the evidence (spans\n"
	"               inside the text, selection names that are the selected text,\n"
	"               spans on word boundaries, then the project's origin) and\n"
	"               reported; codings the evidence disagrees on are flagged for\n"
	"               review. --positions codepoints|utf16|crlf1 overrides.\n"
	"               A selection outside the text or coded with an unknown code\n"
	"               is skipped with a warning naming the source, the selection\n"
	"               GUID and the reason (--strict refuses the import instead).\n"
	"               Other source kinds (PDF, pictures,\n"
	"               audio, video) and elements praxis does not keep are skipped,\n"
	"               with a warning count.\n"
	"  .qdc         a REFI-QDA codebook alone (Taguette, QualCoder, NVivo...):\n"
	"               codes with hierarchy, descriptions and colours join the\n"
	"               codebook (top-level codes under --root); an empty <Sets/>,\n"
	"               a BOM and older namespace spellings are accepted.\n"
	"  .md .txt     plain field notes, one vignette per file, id from the file\n"
	"               name; optional YAML front matter between --- lines with\n"
	"               title, date, community and participants (existing ids).\n"
	"               Without a title a leading '# heading' is used; without a date\n"
	"               the file's modification day.\n"
	"  DIR          a tree written by 'praxis export --format tree' (DIR/project.yaml\n"
	"               and DIR/vignettes/ID.yaml), imported alone. With --replace the\n"
	"               tree becomes the whole project: vignettes, codings, memos,\n"
	"               participants, registers, codes, coders, the log and the sync\n"
	"               conflicts are replaced by the tree's, in the same transaction,\n"
	"               and only the file's own settings stay ('praxis sync' reads the\n"
	"               merged tree this way).\n"
	"\n"
	"All files are imported in one transaction: on the first error, reported as\n"
	"FILE:LINE:COLUMN: message (or the archive entry at fault), nothing is written\n"
	"(a database the import created stays, empty: another process may be using it\n"
	"by then) and the exit status is 2. A .qdpx with ../ or absolute entry names,\n"
	"a corrupt or truncated zip, oversized entries or malformed XML is refused\n"
	"(and, with --strict, a selection outside the text or of an unknown code).\n"
	"Coders, communities and the codebook are merged; a participant or register\n"
	"entry that already exists must be identical (YAML); a vignette id that\n"
	"already exists is an error. Codings without a coder get the importing coder.\n",
};
