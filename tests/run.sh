#!/bin/sh
# Runs every test binary under build/tests/ (or $BUILD/tests/) with a fixed
# environment and prints one closing line: "N passed, N failed".
# A binary that dies without cmocka's summary counts as one failure.
set -u
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2

scratch=$(mktemp -d "${TMPDIR:-/tmp}/praxis-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config"
mkdir -p "$HOME"
export LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color LINES=40 COLUMNS=120
unset NO_COLOR PRAXIS_DB PRAXIS_CODER
export PRAXIS_BIN="${PRAXIS_BIN:-$top/praxis}" PRAXIS_TOP="$top" PRAXIS_SCRATCH="$scratch"

passed=0
failed=0
failures=""
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out="$scratch/$name.out"
	if [ -n "${TEST_FILTER:-}" ] && ! echo "$name" | grep -q -- "$TEST_FILTER"; then
		continue
	fi
	# TEST_WRAPPER: a command to run each binary under (make valgrind)
	${TEST_WRAPPER:-} "$t" >"$out" 2>&1
	status=$?
	cat "$out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\..*/\1/p' "$out" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s).*/\1/p' "$out" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "!! $name exited with status $status without reporting a failure"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failures="$failures $name"
done
[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
