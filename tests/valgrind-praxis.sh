#!/bin/sh
# Runs the praxis binary ($PRAXIS_REAL_BIN) under valgrind: `make valgrind`
# points PRAXIS_BIN here for the headless interface tests, so the praxis
# processes they start are checked too. Exit 99 on an error or a definitely
# or indirectly lost block; the tests then fail with valgrind's report.
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	"${PRAXIS_REAL_BIN:?}" "$@"
