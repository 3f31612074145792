/* test_offsets.c: spans count Unicode code points, end to end: a text with
 * a combining mark (e + U+0301), CJK and emoji (one with a skin-tone
 * modifier, two code points) is imported with quotes and start/end, listed
 * through the CLI, exported, and coded with `praxis code`. The expected
 * offsets were computed outside praxis (Python str indices). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "praxis/ytree.h"
#include "fixture.h"

/* 56 code points, 75 bytes */
#define ZOE "Zoe\u0301"
#define LIMING "\u674e\u660e"
#define HOSPITAL "\U0001F3E5"
#define WAVE "\U0001F44B\U0001F3FD"
#define TEXT ZOE " met " LIMING " at the " HOSPITAL " desk; " LIMING " waved " WAVE \
	" and " ZOE " laughed."

static const char corpus[] =
	"praxis: 1\n"
	"participants:\n"
	"  - id: zoe\n"
	"    pseudonym: " ZOE "\n"
	"vignettes:\n"
	"  - id: u1\n"
	"    title: Offsets\n"
	"    date: 2026-05-01\n"
	"    participants: [zoe]\n"
	"    text: \"" TEXT "\"\n"
	"    codings:\n"
	"      - code: SR/tools\n"
	"        quote: " LIMING " at the " HOSPITAL "\n"
	"      - code: ME\n"
	"        quote: \"" ZOE "\"\n"
	"        occurrence: 2\n"
	"        participants: [zoe]\n"
	"      - code: JE\n"
	"        start: 30\n"
	"        end: 42\n"
	"      - code: SR\n"
	"        quote: " LIMING "\n"
	"        occurrence: 2\n";

struct suite {
	char *db;
};

static char *run_ok(const char *db, const char *args)
{
	char *cmd = xasprintf("--db '%s' %s", db, args), *out = NULL, *err = NULL;
	int rc = fx_run(cmd, &out, &err);

	if (rc != 0)
		fail_msg("praxis %s: status %d: %s", args, rc, err ? err : "");
	free(err);
	free(cmd);
	return out;
}

static int setup(void **state)
{
	struct suite *s = xcalloc(1, sizeof(*s));
	char *yaml = fx_path(".yaml"), *args, *out;
	FILE *fp = fopen(yaml, "w");

	assert_non_null(fp);
	fputs(corpus, fp);
	fclose(fp);
	s->db = fx_path(".db");
	args = xasprintf("--coder tester import '%s'", yaml);
	out = run_ok(s->db, args);
	assert_non_null(strstr(out, "imported 1 vignette, 1 participant, 4 codings"));
	free(out);
	free(args);
	free(yaml);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct suite *s = *state;

	free(s->db);
	free(s);
	return 0;
}

/* The JSON row of coding id as printed by list (one object per line). */
static char *json_row(const char *json, int id)
{
	char key[32];
	const char *p, *end;

	snprintf(key, sizeof(key), "{\"id\": %d,", id);
	p = strstr(json, key);
	if (!p)
		return NULL;
	end = strchr(p, '}');
	return end ? xstrndup(p, (size_t)(end - p + 1)) : NULL;
}

static void assert_span(const char *json, int id, int start, int end)
{
	char *row = json_row(json, id), want[64];

	if (!row)
		fail_msg("no coding %d in %s", id, json);
	snprintf(want, sizeof(want), "\"start\": %d, \"end\": %d,", start, end);
	if (!strstr(row, want))
		fail_msg("coding %d: want %s in %s", id, want, row);
	free(row);
}

static void test_import_offsets(void **state)
{
	struct suite *s = *state;
	char *json = run_ok(s->db, "list codings --format json");
	char *vig = run_ok(s->db, "list vignettes --format csv");

	assert_span(json, 1, 9, 20);    /* LIMING " at the " HOSPITAL */
	assert_span(json, 2, 43, 47);   /* the second ZOE: 4 code points */
	assert_span(json, 3, 30, 42);   /* "waved " WAVE " and" */
	assert_span(json, 4, 27, 29);   /* the second LIMING */
	/* length counts code points, not bytes (75) or characters (54) */
	assert_non_null(strstr(vig, ",56,4,1,1,2\r\n"));
	free(vig);
	free(json);
}

/* Reads the exported corpus back with ytree and returns the codings list
 * of its first vignette (caller frees the returned root). */
static ynode *export_vignettes(const char *text)
{
	yreader r;
	px_err e = { 0 };
	ynode *key, *v = NULL;
	int more;

	yreader_open_buffer(&r, "export", text, strlen(text));
	assert_int_equal(yreader_begin_map(&r, &e), PX_OK);
	while ((more = yreader_next_key(&r, &key, &e)) > 0) {
		ynode *val;
		assert_int_equal(yreader_node(&r, &val, &e), PX_OK);
		if (strcmp(key->value, "vignettes") == 0)
			v = val;
		else
			ynode_free(val);
		ynode_free(key);
	}
	assert_int_equal(more, 0);
	yreader_close(&r);
	assert_non_null(v);
	return v;
}

static const ynode *coding_with_code(const ynode *codings, const char *code)
{
	for (size_t i = 0; i < codings->n; i++) {
		const ynode *c = ynode_get(codings->kids[i], "code");
		if (c && strcmp(c->value, code) == 0)
			return codings->kids[i];
	}
	fail_msg("no coding with code %s in the export", code);
	return NULL;
}

static void assert_quote(const ynode *codings, const char *code, const char *quote,
			 const char *occurrence)
{
	const ynode *c = coding_with_code(codings, code);
	const ynode *q = ynode_get(c, "quote"), *o = ynode_get(c, "occurrence");

	assert_non_null(q);
	assert_string_equal(q->value, quote);
	if (occurrence) {
		assert_non_null(o);
		assert_string_equal(o->value, occurrence);
	} else {
		assert_null(o);
	}
}

static void test_export_quotes(void **state)
{
	struct suite *s = *state;
	char *text = run_ok(s->db, "export");
	ynode *vs = export_vignettes(text);
	const ynode *v = vs->kids[0], *codings = ynode_get(v, "codings");

	assert_string_equal(ynode_get(v, "text")->value, TEXT);
	assert_non_null(codings);
	assert_int_equal(codings->n, 4);
	assert_quote(codings, "SR/tools", LIMING " at the " HOSPITAL, NULL);
	assert_quote(codings, "ME", ZOE, "2");
	assert_quote(codings, "JE", "waved " WAVE " and", NULL);
	assert_quote(codings, "SR", LIMING, "2");
	ynode_free(vs);
	free(text);
}

static void test_cli_code_quote(void **state)
{
	struct suite *s = *state;
	char *out, *json, *err = NULL, *cmd;

	/* the emoji with its modifier: two code points */
	out = run_ok(s->db, "code --vignette u1 --code SR/gestures --create --quote '" WAVE "'");
	assert_string_equal(out, "5\n");
	free(out);
	/* the first decomposed Zoe at 0 */
	out = run_ok(s->db, "code --vignette u1 --code ME --quote '" ZOE "' --occurrence 1");
	assert_string_equal(out, "6\n");
	free(out);
	/* offsets straight through the hospital emoji: one code point */
	out = run_ok(s->db, "code --vignette u1 --code SR --start 19 --end 20");
	assert_string_equal(out, "7\n");
	free(out);
	json = run_ok(s->db, "list codings --format json");
	assert_span(json, 5, 36, 38);
	assert_span(json, 6, 0, 4);
	assert_span(json, 7, 19, 20);
	free(json);

	/* the decomposed quote repeats: ambiguous without --occurrence */
	cmd = xasprintf("--db '%s' code --vignette u1 --code ME --quote '" ZOE "'", s->db);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_string_equal(err, "praxis: quote \"" ZOE "\" occurs 2 times in vignette 'u1'; "
			    "say which with --occurrence\n");
	free(err);
	free(cmd);
	/* precomposed U+00E9 is another code point: no match (no normalization) */
	cmd = xasprintf("--db '%s' code --vignette u1 --code ME --quote 'Zo\u00e9'", s->db);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_string_equal(err, "praxis: quote \"Zo\u00e9\" not found in vignette 'u1'\n");
	free(err);
	free(cmd);
	/* an end past the 56 code points is refused although the text has 75 bytes */
	cmd = xasprintf("--db '%s' code --vignette u1 --code ME --start 50 --end 57", s->db);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "57"));
	free(err);
	free(cmd);
	/* the last code point is fine */
	out = run_ok(s->db, "code --vignette u1 --code ME --start 55 --end 56");
	assert_string_equal(out, "8\n");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_offsets),
		cmocka_unit_test(test_export_quotes),
		cmocka_unit_test(test_cli_code_quote),
	};
	return cmocka_run_group_tests_name("offsets", tests, setup, teardown);
}
