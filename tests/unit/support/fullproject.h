/* fullproject.h: one project with every kind of object (both sample
 * corpora, a REFI-QDA project with code, source, case and project notes, a
 * code deleted and one moved, an edited text, a coding needing review).
 * Include after cmocka.h. */
#ifndef PRAXIS_TEST_FULLPROJECT_H
#define PRAXIS_TEST_FULLPROJECT_H

#include "praxis/db.h"

/* A new database holding it; fails the test on any error. */
px_db *fullproject_db(void);

#endif
