/* test_reanchor.c: editing a vignette's text keeps its codings. The diff
 * (textdiff.h) on small texts, then every sample vignette edited three
 * ways through the editor's round trip (vigfile, which drops the final
 * newline): one word changed in the middle, a paragraph put before the
 * text, the last sentence deleted. Every coding that does not overlap the
 * change keeps its exact quote and stays unflagged; every one that does
 * is flagged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/coding.h"
#include "praxis/text.h"
#include "praxis/textdiff.h"
#include "praxis/util.h"
#include "praxis/vigfile.h"
#include "praxis/vignette.h"
#include "fixture.h"

/* Maps [a,b) from old to new; returns the fate and checks the result. */
static int map(const char *old_text, const char *new_text, int64_t a, int64_t b,
	       int64_t want_a, int64_t want_b)
{
	textdiff d;
	int fate;

	textdiff_compute(old_text, new_text, &d);
	fate = textdiff_map_span(&d, (int64_t)text_cp_len(new_text), &a, &b);
	textdiff_free(&d);
	assert_int_equal(a, want_a);
	assert_int_equal(b, want_b);
	return fate;
}

static void test_diff_spans(void **state)
{
	const char *old_text = "Ann put it on the pile. Bo sat back to back with Cy. The end.";

	(void)state;
	/* "back to back" -> "side by side": one change, not matching letters */
	const char *new_text = "Ann put it on the pile. Bo sat side by side with Cy. The end.";
	assert_int_equal(map(old_text, new_text, 0, 3, 0, 3), TEXTDIFF_KEPT);
	assert_int_equal(map(old_text, new_text, 53, 61, 53, 61), TEXTDIFF_KEPT);
	assert_int_equal(map(old_text, new_text, 27, 30, 27, 30), TEXTDIFF_KEPT); /* "sat" */
	assert_int_equal(map(old_text, new_text, 24, 43, 24, 43), TEXTDIFF_CUT);
	assert_int_equal(map(old_text, new_text, 31, 35, 31, 43), TEXTDIFF_CUT);
	/* two changes far apart: the text between keeps its place */
	new_text = "Anne put it on the pile. Bo sat back to back with Cy. The start.";
	assert_int_equal(map(old_text, new_text, 24, 26, 25, 27), TEXTDIFF_KEPT); /* "Bo" */
	assert_int_equal(map(old_text, new_text, 0, 3, 0, 3), TEXTDIFF_KEPT); /* "Ann" */
	assert_int_equal(map(old_text, new_text, 57, 61, 58, 64), TEXTDIFF_CUT); /* "end." */
	/* an insertion right at a span's edges leaves it alone */
	assert_int_equal(map("ab cd", "ab XX cd", 3, 5, 6, 8), TEXTDIFF_KEPT);
	assert_int_equal(map("ab cd", "abXX cd", 0, 2, 0, 2), TEXTDIFF_KEPT);
	/* inside it, the span grows and is flagged */
	assert_int_equal(map("ab cd", "aXb cd", 0, 2, 0, 3), TEXTDIFF_CUT);
	/* deleted outright: an empty span where it was, flagged */
	assert_int_equal(map("ab cd ef", "ab ef", 3, 5, 3, 3), TEXTDIFF_GONE);
	assert_int_equal(map("ab cd", "ab ", 3, 5, 3, 3), TEXTDIFF_GONE);
	/* code points, not bytes */
	assert_int_equal(map("\u674e\u660e waved", "\u674e\u660e\u674e waved", 3, 8, 4, 9),
			 TEXTDIFF_KEPT);
}

static void test_normalize(void **state)
{
	char *s;

	(void)state;
	s = textdiff_normalize("one\ntwo\n", "one\r\ntwo");
	assert_string_equal(s, "one\ntwo\n");
	free(s);
	s = textdiff_normalize("one\r\ntwo", "one\r\ntwo\r\n\n");
	assert_string_equal(s, "one\r\ntwo");
	free(s);
	s = textdiff_normalize("one", "one\ntwo\n");
	assert_string_equal(s, "one\ntwo");
	free(s);
}

struct span {
	int64_t id, start, end;
	char *quote;
};

struct spans {
	struct span *v;
	size_t n;
	const char *text;
};

static int collect(const px_coding *c, void *ud)
{
	struct spans *s = ud;

	if (c->start < 0)
		return 0;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n].id = c->id;
	s->v[s->n].start = c->start;
	s->v[s->n].end = c->end;
	s->v[s->n].quote = text_cp_substr(s->text, (size_t)c->start, (size_t)c->end);
	s->n++;
	return 0;
}

static void spans_free(struct spans *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].quote);
	free(s->v);
}

/* The edit: bytes [cut_a, cut_b) of the text replaced by put. */
struct edit {
	size_t cut_a, cut_b;
	const char *put;
};

/* One vignette, one edit through the editor's file: checks every coding. */
static void edit_and_check(px_db *db, int64_t vid, const struct edit *ed, const char *what)
{
	px_vignette v = { 0 }, w = { 0 };
	struct spans before = { 0 };
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };
	char *file, *text;
	int64_t ca, cb;
	int flagged = 0, want_flagged = 0;
	strbuf b;

	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	before.text = v.text;
	q.vignette_id = vid;
	assert_int_equal(coding_each(db, &q, collect, &before, &e), PX_OK);
	/* the round trip an editor makes */
	file = vigfile_format(db, &v);
	w.id = v.id;
	w.observer_id = v.observer_id;
	assert_int_equal(vigfile_parse(db, "edit", file, &w, &e), PX_OK);
	free(file);
	assert_true(strlen(w.text) <= strlen(v.text));
	sb_init(&b);
	sb_addn(&b, w.text, ed->cut_a);
	sb_add(&b, ed->put);
	sb_add(&b, w.text + ed->cut_b);
	text = sb_steal(&b);
	free(w.text);
	w.text = text;
	ca = (int64_t)text_byte_to_cp(v.text, ed->cut_a);
	cb = (int64_t)text_byte_to_cp(v.text, ed->cut_b);
	assert_int_equal(vignette_update(db, &w, &flagged, &e), PX_OK);
	for (size_t i = 0; i < before.n; i++) {
		const struct span *s = &before.v[i];
		int overlaps = ca == cb ? (s->start < ca && s->end > ca)
			: (s->start < cb && s->end > ca);
		px_vignette now = { 0 };
		px_coding c;
		char *quote;
		assert_int_equal(coding_get(db, s->id, &c, &e), PX_OK);
		assert_int_equal(vignette_get(db, vid, &now, &e), PX_OK);
		quote = text_cp_substr(now.text, (size_t)c.start, (size_t)c.end);
		if (!overlaps && (c.needs_review || strcmp(quote, s->quote) != 0))
			fail_msg("%s, %s: coding %lld \"%s\" became \"%s\" (review %d)", v.ext_id,
				 what, (long long)s->id, s->quote, quote, c.needs_review);
		if (overlaps && !c.needs_review)
			fail_msg("%s, %s: coding %lld \"%s\" overlaps the change but is not "
				 "flagged", v.ext_id, what, (long long)s->id, s->quote);
		want_flagged += overlaps;
		free(quote);
		coding_free(&c);
		vignette_free(&now);
	}
	assert_int_equal(flagged, want_flagged);
	spans_free(&before);
	vignette_free(&v);
	vignette_free(&w);
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The word nearest after the middle of text, in bytes. */
static int middle_word(const char *text, struct edit *ed)
{
	size_t len = strlen(text), i = len / 2;

	while (i < len && !(is_letter(text[i]) && (i == 0 || !is_letter(text[i - 1]))))
		i++;
	if (i >= len)
		return 0;
	ed->cut_a = i;
	while (i < len && is_letter(text[i]))
		i++;
	ed->cut_b = i;
	ed->put = "\u2603\u2603\u2603";   /* shares no code point with the text */
	return 1;
}

/* The last sentence (after the last ". " before the end), in bytes. */
static int last_sentence(const char *text, struct edit *ed)
{
	size_t end = strlen(text);

	while (end > 0 && strchr(" \n\t", text[end - 1]))
		end--;
	for (size_t i = end > 2 ? end - 2 : 0; i > 0; i--)
		if (strchr(".!?", text[i - 1]) && (text[i] == ' ' || text[i] == '\n')) {
			ed->cut_a = i;
			ed->cut_b = end;
			ed->put = "";
			return 1;
		}
	return 0;
}

static int64_t vignette_with_codings(px_db *db, int64_t after)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT min(vignette_id) FROM coding"
				   " WHERE vignette_id > ? AND start IS NOT NULL", NULL);
	int64_t id = 0;

	assert_non_null(st);
	sqlite3_bind_int64(st, 1, after);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return id;
}

static px_db *sample_db(const char *name)
{
	char *path = xasprintf("%s/samples/%s", fx_top(), name), *yaml, msg[1024];
	px_db *db = fx_db();

	yaml = fx_read_file(path, NULL);
	assert_non_null(yaml);
	if (fx_import(db, yaml, msg, sizeof(msg)))
		fail_msg("%s: %s", path, msg);
	free(yaml);
	free(path);
	return db;
}

enum sample_edit { SAMPLE_WORD, SAMPLE_PARAGRAPH, SAMPLE_LAST_SENTENCE };

static void edit_samples(enum sample_edit kind)
{
	static const char *const files[] = { "claims.yaml", "nightshift.yaml" };
	static const char *const what[] = { "a word changed", "a paragraph inserted",
					    "the last sentence deleted" };
	int edited = 0;

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		px_db *db = sample_db(files[f]);
		for (int64_t vid = vignette_with_codings(db, 0); vid;
		     vid = vignette_with_codings(db, vid)) {
			px_vignette v = { 0 };
			struct edit ed = { 0, 0, "A paragraph put before the text.\n\n" };
			px_err e = { 0 };
			int ok = 1;
			assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
			if (kind == SAMPLE_WORD)
				ok = middle_word(v.text, &ed);
			else if (kind == SAMPLE_LAST_SENTENCE)
				ok = last_sentence(v.text, &ed);
			if (ok) {
				edit_and_check(db, vid, &ed, what[kind]);
				edited++;
			}
			vignette_free(&v);
		}
		db_close(db);
	}
	assert_true(edited >= 30);
}

static void test_samples_word_changed(void **state)
{
	(void)state;
	edit_samples(SAMPLE_WORD);
}

static void test_samples_paragraph_inserted(void **state)
{
	(void)state;
	edit_samples(SAMPLE_PARAGRAPH);
}

static void test_samples_last_sentence_deleted(void **state)
{
	(void)state;
	edit_samples(SAMPLE_LAST_SENTENCE);
}

/* The report's case: v13's "back to back" -> "side by side" once
 * stretched all 12 codings to the end of the text. */
static void test_sample_v13_side_by_side(void **state)
{
	px_db *db = sample_db("claims.yaml");
	int64_t vid = fx_vignette(db, "v13");
	px_vignette v = { 0 };
	struct edit ed = { 0, 0, "side by side" };
	px_err e = { 0 };
	const char *at;

	(void)state;
	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	at = strstr(v.text, "back to back");
	assert_non_null(at);
	ed.cut_a = (size_t)(at - v.text);
	ed.cut_b = ed.cut_a + strlen("back to back");
	edit_and_check(db, vid, &ed, "back to back -> side by side");
	vignette_free(&v);
	/* the stored text kept its final newline */
	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	assert_int_equal(v.text[strlen(v.text) - 1], '\n');
	assert_non_null(strstr(v.text, "sit side by side at"));
	vignette_free(&v);
	db_close(db);
}

/* An editor that writes CR LF and drops the final newline changed
 * nothing: the text is stored as it was and no coding moves. */
static void test_crlf_round_trip_is_no_edit(void **state)
{
	px_db *db = fx_db_with("praxis: 1\n"
			       "vignettes:\n"
			       "  - id: r1\n"
			       "    title: Lines\n"
			       "    date: 2026-05-01\n"
			       "    text: |\n"
			       "      One line.\n"
			       "      Two three.\n"
			       "    codings:\n"
			       "      - code: ME\n"
			       "        quote: three\n");
	int64_t vid = fx_vignette(db, "r1");
	px_vignette v = { 0 };
	px_coding c = { 0 };
	px_err e = { 0 };
	int flagged = -1;

	(void)state;
	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	assert_string_equal(v.text, "One line.\nTwo three.\n");
	free(v.text);
	v.text = xstrdup("One line.\r\nTwo three.");
	assert_int_equal(vignette_update(db, &v, &flagged, &e), PX_OK);
	assert_int_equal(flagged, 0);
	vignette_free(&v);
	assert_int_equal(vignette_get(db, vid, &v, &e), PX_OK);
	assert_string_equal(v.text, "One line.\nTwo three.\n");
	vignette_free(&v);
	assert_int_equal(coding_get(db, 1, &c, &e), PX_OK);
	assert_int_equal(c.start, 14);
	assert_int_equal(c.end, 19);
	assert_int_equal(c.needs_review, 0);
	coding_free(&c);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_spans),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_samples_word_changed),
		cmocka_unit_test(test_samples_paragraph_inserted),
		cmocka_unit_test(test_samples_last_sentence_deleted),
		cmocka_unit_test(test_sample_v13_side_by_side),
		cmocka_unit_test(test_crlf_round_trip_is_no_edit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
