/* test_corpus_roundtrip.c: import(sample) -> export -> import into a fresh
 * database -> export gives the same bytes, for each sample and for both
 * together; and the samples' content arrives as written (counts, and a few
 * codings checked against offsets computed outside praxis). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/corpus.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/participant.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"

static int64_t tester(px_db *db)
{
	px_entity ent = { 0 };
	px_err e = { 0 };
	int64_t id;

	if (entity_find(db, ENT_CODER, "tester", &id, NULL) == PX_OK)
		return id;
	ent.ext_id = xstrdup("tester");
	ent.reified = -1;
	assert_int_equal(entity_add(db, ENT_CODER, &ent, &e), PX_OK);
	id = ent.id;
	entity_free(&ent);
	return id;
}

static char *sample_path(const char *name)
{
	return xasprintf("%s/samples/%s", fx_top(), name);
}

/* A fresh database holding the named samples. */
static px_db *load_samples(const char *const *names, int n, corpus_stats *st)
{
	px_db *db = fx_db();
	char *paths[4];
	px_err e = { 0 };
	int rc;

	assert_true(n <= 4);
	for (int i = 0; i < n; i++)
		paths[i] = sample_path(names[i]);
	rc = corpus_import(db, (const char *const *)paths, n, tester(db), st, &e);
	if (rc)
		fail_msg("import: %s", e.msg);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	return db;
}

static char *export_text(px_db *db, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	px_err e = { 0 };

	assert_non_null(fp);
	if (corpus_export(db, fp, &e))
		fail_msg("export: %s", e.msg);
	fclose(fp);
	*len = n;
	return buf;
}

static void assert_round_trip(const char *const *names, int n)
{
	px_db *a = load_samples(names, n, NULL), *b = fx_db();
	size_t alen, blen;
	char *atext = export_text(a, &alen), *btext;
	px_err e = { 0 };
	corpus_stats st;

	assert_true(alen > 1000);
	if (corpus_import_buffer(b, "export.yaml", atext, alen, tester(b), &st, &e))
		fail_msg("re-import: %s", e.msg);
	btext = export_text(b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(atext, btext, alen);
	/* same content, not only the same text */
	assert_int_equal(vignette_count(a), vignette_count(b));
	assert_int_equal(coding_count(a), coding_count(b));
	assert_int_equal(participant_count(a), participant_count(b));
	assert_int_equal(codebook_count(a), codebook_count(b));
	free(atext);
	free(btext);
	db_close(a);
	db_close(b);
}

static void test_round_trip_claims(void **state)
{
	static const char *const s[] = { "claims.yaml" };
	(void)state;
	assert_round_trip(s, 1);
}

static void test_round_trip_nightshift(void **state)
{
	static const char *const s[] = { "nightshift.yaml" };
	(void)state;
	assert_round_trip(s, 1);
}

static void test_round_trip_both(void **state)
{
	static const char *const s[] = { "claims.yaml", "nightshift.yaml" };
	(void)state;
	assert_round_trip(s, 2);
}

/* Export is deterministic: two exports of one database are identical. */
static void test_export_twice_same(void **state)
{
	static const char *const s[] = { "nightshift.yaml" };
	px_db *db = load_samples(s, 1, NULL);
	size_t n1, n2;
	char *t1 = export_text(db, &n1), *t2 = export_text(db, &n2);

	(void)state;
	assert_int_equal(n1, n2);
	assert_memory_equal(t1, t2, n1);
	free(t1);
	free(t2);
	db_close(db);
}

static int count_memo(const px_memo *m, void *ud)
{
	(void)m;
	(*(int *)ud)++;
	return 0;
}

static int memo_total(px_db *db)
{
	int n = 0;
	px_err e = { 0 };

	assert_int_equal(memo_each(db, -1, 0, count_memo, &n, &e), PX_OK);
	return n;
}

/* Expected numbers counted from the YAML with an independent parser. */
static void test_claims_content(void **state)
{
	static const char *const s[] = { "claims.yaml" };
	corpus_stats st;
	px_db *db = load_samples(s, 1, &st);
	px_coding c;
	px_vignette v;
	px_err e = { 0 };
	char *q;

	(void)state;
	assert_int_equal(st.vignettes, 26);
	assert_int_equal(st.participants, 10);
	assert_int_equal(st.codings, 212);
	assert_int_equal(st.memos, 3);
	assert_int_equal(vignette_count(db), 26);
	assert_int_equal(participant_count(db), 10);
	assert_int_equal(coding_count(db), 212);
	assert_int_equal(memo_total(db), 3);

	/* v01's first coding: quote "He read yesterday's numbers team by team"
	 * at code point 182 */
	assert_int_equal(coding_get(db, 1, &c, &e), PX_OK);
	assert_int_equal(c.vignette_id, fx_vignette(db, "v01"));
	assert_int_equal(c.start, 182);
	assert_int_equal(c.end, 222);
	assert_int_equal(c.code_id, fx_code(db, "SR/routines"));
	assert_int_equal(c.coder_id, fx_coder(db, "mk"));
	assert_int_equal(c.mode, MODE_PARTICIPATION);
	assert_string_equal(c.interpretation, "a public ranking");
	assert_int_equal(c.participants.n, 1);
	assert_int_equal(c.participants.v[0], fx_participant(db, "ferenc"));
	coding_free(&c);

	/* the third: start 303 end 332, over "Zoé" (a non-ASCII letter) */
	assert_int_equal(coding_get(db, 3, &c, &e), PX_OK);
	assert_int_equal(c.start, 303);
	assert_int_equal(c.end, 332);
	assert_int_equal(c.stance, STANCE_UPHELD);
	/* held: Denise, Zoé, Marcus; holding: Ferenc; both modes */
	assert_int_equal(c.participants.n, 3);
	assert_int_equal(c.mode, MODE_BOTH);
	assert_int_equal(c.held_by.n, 1);
	assert_int_equal(c.held_by.v[0], fx_participant(db, "ferenc"));
	assert_int_equal(vignette_get(db, c.vignette_id, &v, &e), PX_OK);
	assert_int_equal(v.length, 808);
	q = text_cp_substr(v.text, (size_t)c.start, (size_t)c.end);
	assert_string_equal(q, "Denise 104, Zo\xc3\xa9 97, Marcus 71");
	free(q);
	vignette_free(&v);
	coding_free(&c);

	/* the fourth: a quote with a memo */
	assert_int_equal(coding_get(db, 4, &c, &e), PX_OK);
	assert_int_equal(c.start, 530);
	assert_int_equal(c.end, 570);
	assert_int_equal(c.code_id, fx_code(db, "ME/mutual relationships/teasing"));
	assert_non_null(c.memo);
	assert_true(strncmp(c.memo, "Only an old-timer", 17) == 0);
	coding_free(&c);
	db_close(db);
}

static void test_nightshift_content(void **state)
{
	static const char *const s[] = { "nightshift.yaml" };
	corpus_stats st;
	px_db *db = load_samples(s, 1, &st);
	px_coding c;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(st.vignettes, 16);
	assert_int_equal(st.participants, 8);
	assert_int_equal(st.codings, 139);
	assert_int_equal(st.memos, 3);
	assert_int_equal(st.repertoire, 11);
	assert_int_equal(st.accountability, 8);
	assert_int_equal(coding_count(db), 139);
	assert_int_equal(memo_total(db), 3);
	assert_int_equal(coding_get(db, 1, &c, &e), PX_OK);
	assert_int_equal(c.vignette_id, fx_vignette(db, "n01"));
	assert_int_equal(c.start, 27);
	assert_int_equal(c.end, 27 + 37);
	assert_int_equal(c.code_id, fx_code(db, "SR/tools"));
	assert_int_equal(c.coder_id, fx_coder(db, "jt"));
	assert_int_equal(c.mode, MODE_REIFICATION);
	coding_free(&c);
	db_close(db);
}

static void test_both_content(void **state)
{
	static const char *const s[] = { "claims.yaml", "nightshift.yaml" };
	corpus_stats st;
	px_db *db = load_samples(s, 2, &st);

	(void)state;
	assert_int_equal(st.vignettes, 42);
	assert_int_equal(st.participants, 18);
	assert_int_equal(st.codings, 351);
	assert_int_equal(st.memos, 6);
	assert_int_equal(vignette_count(db), 42);
	assert_int_equal(coding_count(db), 351);
	db_close(db);
}

/* Characters past U+FFFF stay raw in the export (libyaml alone would
 * escape them and push the text out of its literal block), and every
 * awkward shape of text still reads back to the same bytes. */
static void test_astral_text_stays_literal(void **state)
{
	static const char *const texts[] = {
		"Night \xf0\x9f\x8c\x99 shift.\nSecond line.\n",
		"  leading spaces \xf0\x9f\x93\x8e\n\n\tthen a tab, \"quotes\" and \\ back\n\n",
		"no newline at the end \xf0\x9f\x98\x80",
		"# not a comment \xf0\x9f\x98\x80\nkey: value\n- not a list\n   \n",
	};
	px_db *db = fx_db(), *db2 = fx_db();
	strbuf yaml;
	char msg[1024];

	(void)state;
	sb_init(&yaml);
	sb_add(&yaml, "praxis: 1\ncoders:\n  - id: tester\nvignettes:\n");
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sb_printf(&yaml, "  - id: a%zu\n    title: \"Moon \xf0\x9f\x8c\x99 %zu\"\n"
			  "    date: 2026-01-0%zu\n    text: \"", i, i, i + 1);
		for (const char *p = texts[i]; *p; p++) {
			if (*p == '\n')
				sb_add(&yaml, "\\n");
			else if (*p == '\t')
				sb_add(&yaml, "\\t");
			else if (*p == '"' || *p == '\\')
				sb_printf(&yaml, "\\%c", *p);
			else
				sb_addc(&yaml, *p);
		}
		sb_add(&yaml, "\"\n    memos:\n      - text: \"memo \xf0\x9f\x93\x8e\\nline two\"\n");
	}
	assert_int_equal(fx_import(db, sb_str(&yaml), msg, sizeof(msg)), PX_OK);
	size_t len;
	char *a = export_text(db, &len);
	assert_null(strstr(a, "\\U0001"));
	assert_non_null(strstr(a, "  text: |2\n    Night \xf0\x9f\x8c\x99 shift.\n    Second line.\n"));
	assert_non_null(strstr(a, "  text: |2-\n    no newline at the end \xf0\x9f\x98\x80\n"));
	assert_non_null(strstr(a, "title: \"Moon \xf0\x9f\x8c\x99 0\""));
	assert_int_equal(fx_import(db2, a, msg, sizeof(msg)), PX_OK);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char id[8];
		px_vignette v;
		px_err e = { 0 };
		snprintf(id, sizeof(id), "a%zu", i);
		assert_int_equal(vignette_get(db2, fx_vignette(db2, id), &v, &e), PX_OK);
		assert_string_equal(v.text, texts[i]);
		vignette_free(&v);
	}
	char *b = export_text(db2, &len);
	assert_string_equal(a, b);
	free(a);
	free(b);
	sb_free(&yaml);
	db_close(db);
	db_close(db2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_claims),
		cmocka_unit_test(test_astral_text_stays_literal),
		cmocka_unit_test(test_round_trip_nightshift),
		cmocka_unit_test(test_round_trip_both),
		cmocka_unit_test(test_export_twice_same),
		cmocka_unit_test(test_claims_content),
		cmocka_unit_test(test_nightshift_content),
		cmocka_unit_test(test_both_content),
	};
	return cmocka_run_group_tests_name("corpus_roundtrip", tests, NULL, NULL);
}
