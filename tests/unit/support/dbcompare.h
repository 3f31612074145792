/* dbcompare.h: compares two praxis databases table by table.
 *
 * Every table in sqlite_master is compared, except SQLite's own and the
 * full-text indexes (virtual tables and their shadow tables, which are
 * rebuilt from the rows they index). A table added by a later migration is
 * compared without anyone listing it. Rows are compared as sets of text
 * lines, without the integer primary key `id`; a column that is a foreign
 * key is replaced by the identity of the row it points to (its uuid, else
 * its ext_id), so rows compare equal across files whose row ids differ. */
#ifndef PRAXIS_TEST_DBCOMPARE_H
#define PRAXIS_TEST_DBCOMPARE_H

#include <stddef.h>
#include "praxis/db.h"

/* 0 when every compared table holds the same rows; otherwise 1 and msg
 * names the table and a row found on one side only. skip: NULL-terminated
 * table names left out (each with a reason where it is called). */
int dbc_compare(px_db *a, px_db *b, const char *const *skip, char *msg, size_t msglen);

#endif
