/* dbcompare.c: see dbcompare.h. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/util.h"
#include "dbcompare.h"

static int is_skipped(const char *name, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strcmp(name, *skip) == 0)
			return 1;
	return 0;
}

/* The compared tables of db, in name order. */
static void table_names(sqlite3 *db, strlist *out)
{
	strlist fts = { 0 };
	sqlite3_stmt *st;

	sqlite3_prepare_v2(db, "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master"
			   " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
			   " ORDER BY name", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (sqlite3_column_int(st, 1))
			sl_push(&fts, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int shadow = sqlite3_column_int(st, 1);
		for (size_t i = 0; i < fts.n && !shadow; i++) {
			size_t n = strlen(fts.v[i]);
			shadow = strncmp(name, fts.v[i], n) == 0 && name[n] == '_';
		}
		if (!shadow)
			sl_push(out, name);
	}
	sqlite3_finalize(st);
	sl_free(&fts);
}

static int has_column(sqlite3 *db, const char *table, const char *col)
{
	char *sql = xasprintf("SELECT 1 FROM pragma_table_info('%s') WHERE name = '%s'", table,
			      col);
	sqlite3_stmt *st;
	int found;

	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	free(sql);
	return found;
}

/* A row named by its uuid (or ext_id): "table:" followed by it. */
static char *row_label(sqlite3 *db, const char *ref, const char *id_expr)
{
	const char *key = has_column(db, ref, "uuid") ? "uuid" : "ext_id";

	return xasprintf("(SELECT '%s:' || r.%s FROM \"%s\" r WHERE r.id = %s)", ref, key, ref,
			 id_expr);
}

/* memo_target.target_id names a row of the table its kind says (memo.h:
 * 0 project .. 7 accountability), with no foreign key to follow. */
static char *memo_target_expr(sqlite3 *db)
{
	static const char *const kinds[] = { "vignette", "code", "participant", "community",
					     "coding", "repertoire", "accountability" };
	strbuf b;

	sb_init(&b);
	sb_add(&b, "CASE t.kind WHEN 0 THEN 'project'");
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		char *label = row_label(db, kinds[k], "t.target_id");
		sb_printf(&b, " WHEN %zu THEN %s", k + 1, label);
		free(label);
	}
	sb_add(&b, " END");
	return sb_steal(&b);
}

/* The expression giving one column's comparable value. */
static char *column_expr(sqlite3 *db, const char *table, const char *col)
{
	char *sql = xasprintf("SELECT \"table\" FROM pragma_foreign_key_list('%s')"
			      " WHERE \"from\" = '%s'", table, col);
	sqlite3_stmt *st;
	char *expr;

	if (strcmp(table, "memo_target") == 0 && strcmp(col, "target_id") == 0) {
		free(sql);
		return memo_target_expr(db);
	}
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *ref = (const char *)sqlite3_column_text(st, 0);
		char *id = xasprintf("t.\"%s\"", col);
		expr = row_label(db, ref, id);
		free(id);
	} else {
		expr = xasprintf("quote(t.\"%s\")", col);
	}
	sqlite3_finalize(st);
	free(sql);
	return expr;
}

/* The table's rows as sorted lines. */
static void table_rows(sqlite3 *db, const char *table, strlist *out)
{
	char *sql = xasprintf("SELECT name, pk FROM pragma_table_info('%s') ORDER BY cid", table);
	strbuf q;
	sqlite3_stmt *st;
	int first = 1;

	sb_init(&q);
	sb_add(&q, "SELECT ");
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(col, "id") == 0 && sqlite3_column_int(st, 1))
			continue;
		char *expr = column_expr(db, table, col);
		sb_printf(&q, "%s'%s=' || coalesce(%s, 'NULL')", first ? "" : " || ' | ' || ",
			  col, expr);
		free(expr);
		first = 0;
	}
	sqlite3_finalize(st);
	free(sql);
	sb_printf(&q, " AS line FROM \"%s\" t ORDER BY line", table);
	if (first) {
		sb_free(&q);
		return;
	}
	if (sqlite3_prepare_v2(db, sb_str(&q), -1, &st, NULL) != SQLITE_OK) {
		sl_push(out, sqlite3_errmsg(db));
		sb_free(&q);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		sl_push(out, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sb_free(&q);
}

static int compare_table(sqlite3 *a, sqlite3 *b, const char *table, char *msg, size_t msglen)
{
	strlist ra = { 0 }, rb = { 0 };
	int differ = 0;

	table_rows(a, table, &ra);
	table_rows(b, table, &rb);
	for (size_t i = 0; i < ra.n || i < rb.n; i++) {
		const char *x = i < ra.n ? ra.v[i] : "(no row)";
		const char *y = i < rb.n ? rb.v[i] : "(no row)";
		if (strcmp(x, y) != 0) {
			snprintf(msg, msglen, "table %s (%zu rows against %zu), row %zu:\n  first:  "
				 "%s\n  second: %s", table, ra.n, rb.n, i + 1, x, y);
			differ = 1;
			break;
		}
	}
	sl_free(&ra);
	sl_free(&rb);
	return differ;
}

int dbc_compare(px_db *a, px_db *b, const char *const *skip, char *msg, size_t msglen)
{
	strlist ta = { 0 }, tb = { 0 };
	int differ = 0;

	table_names(db_sqlite(a), &ta);
	table_names(db_sqlite(b), &tb);
	if (ta.n != tb.n) {
		snprintf(msg, msglen, "%zu tables against %zu", ta.n, tb.n);
		differ = 1;
	}
	for (size_t i = 0; i < ta.n && !differ; i++)
		if (!is_skipped(ta.v[i], skip))
			differ = compare_table(db_sqlite(a), db_sqlite(b), ta.v[i], msg, msglen);
	sl_free(&ta);
	sl_free(&tb);
	return differ;
}
