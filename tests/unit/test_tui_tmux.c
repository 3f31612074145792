/* test_tui_tmux.c: the real build in a real pty. tmux runs praxis, keys go
 * in with send-keys, the screen comes back with capture-pane, and the
 * coded span is checked with `praxis list codings`; <C-s> reaches the
 * form (flow control is off). tmux is a test
 * dependency (make deps): without it this test fails, it does not skip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"

static char sock[64];

static int sh(const char *fmt, ...) PX_PRINTF(1, 2);
static int sh(const char *fmt, ...)
{
	va_list ap;
	strbuf b;
	int rc;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	rc = system(sb_str(&b));
	sb_free(&b);
	return rc;
}

static char *capture(void)
{
	char *out = fx_path(".cap"), *text;

	sh("tmux -L %s capture-pane -p -t praxis > '%s' 2>/dev/null", sock, out);
	text = fx_read_file(out, NULL);
	unlink(out);
	free(out);
	return text;
}

/* Polls the pane until it shows want (the program runs asynchronously;
 * this waits for a state, it does not measure time). */
static int wait_for(const char *want)
{
	for (int i = 0; i < 400; i++) {
		char *s = capture();
		int ok = s && strstr(s, want);
		free(s);
		if (ok)
			return 1;
		usleep(25000);
	}
	return 0;
}

/* Imports the small corpus into a new database and starts praxis on it
 * in a tmux session of its own, with env (TERM and the like) set; the
 * database path (caller frees). */
static char *start_praxis_env(const char *env)
{
	char *db = fx_path(".db"), *yaml = fx_path(".yaml"), *args;
	const char *bin = getenv("PRAXIS_BIN");
	FILE *fp;

	if (sh("command -v tmux >/dev/null 2>&1") != 0)
		fail_msg("tmux is not installed: it is required for this test (make deps)");
	snprintf(sock, sizeof(sock), "praxis-test-%ld", (long)getpid());
	fp = fopen(yaml, "w");
	fputs(fx_small_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' --coder tester import '%s'", db, yaml);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	free(yaml);
	assert_int_equal(sh("tmux -L %s -f /dev/null new-session -d -s praxis -x 100 -y 30"
			    " \"env %s LC_ALL=C.UTF-8 '%s' --db '%s' --coder tester\"",
			    sock, env, bin && *bin ? bin : "./praxis", db), 0);
	if (!wait_for("Vignettes 1/2")) {
		sh("tmux -L %s kill-server 2>/dev/null", sock);
		fail_msg("praxis did not start in tmux");
	}
	return db;
}

static char *start_praxis(void)
{
	return start_praxis_env("TERM=screen-256color");
}

/* Quits praxis, ends the session and checks `praxis list codings` shows
 * want. */
static void quit_and_expect(char *db, const char *want)
{
	char *out = NULL, *args;

	sh("tmux -L %s send-keys -t praxis q", sock);
	for (int i = 0; i < 200 && sh("tmux -L %s has-session -t praxis 2>/dev/null", sock) == 0; i++)
		usleep(25000);
	sh("tmux -L %s kill-server 2>/dev/null", sock);

	args = xasprintf("--db '%s' list codings --format csv", db);
	assert_int_equal(fx_run(args, &out, NULL), 0);
	if (!strstr(out, want))
		fail_msg("the coding is not in the database:\n%s", out);
	free(out);
	free(args);
	free(db);
}

static void test_code_a_span_in_a_real_terminal(void **state)
{
	char *db;

	(void)state;
	db = start_praxis();
	/* open v1, select "Annie" (5 code points), code it SR */
	sh("tmux -L %s send-keys -t praxis Enter", sock);
	assert_true(wait_for("The pile  @0"));
	sh("tmux -L %s send-keys -t praxis v l l l l 3", sock);
	assert_true(wait_for("coded SR"));
	quit_and_expect(db, ",v1,SR,0,5,tester,");
}

/* <C-s> in the details form saves it: the terminal's flow control
 * (IXON, on in a fresh tmux pty) would otherwise swallow it and freeze
 * the screen. The new coding exists only once the form is saved. */
static void test_ctrl_s_saves_a_form_in_a_real_terminal(void **state)
{
	char *db;

	(void)state;
	db = start_praxis();
	sh("tmux -L %s send-keys -t praxis Enter", sock);
	assert_true(wait_for("The pile  @0"));
	sh("tmux -L %s send-keys -t praxis v e c", sock);
	assert_true(wait_for("code the selection"));
	sh("tmux -L %s send-keys -t praxis S R Enter", sock);
	assert_true(wait_for("Coding: SR"));
	sh("tmux -L %s send-keys -t praxis C-s", sock);
	if (!wait_for("coded SR")) {
		char *scr = capture();
		sh("tmux -L %s kill-server 2>/dev/null", sock);
		fail_msg("<C-s> did not save the form:\n%s", scr ? scr : "");
	}
	quit_and_expect(db, ",v1,SR,0,5,tester,");
}

/* A vt100's terminfo has no kcbt, but tmux (like xterm) sends ESC [ Z for
 * Shift-Tab: it still moves the focus back, to the summaries (zoomed to
 * show the whole tab bar), instead of reading as Escape, [ and Z. */
static void test_shift_tab_on_vt100(void **state)
{
	char *db;

	(void)state;
	db = start_praxis_env("TERM=vt100 NO_COLOR=1");
	sh("tmux -L %s send-keys -t praxis BTab", sock);
	sh("tmux -L %s send-keys -t praxis z", sock);
	if (!wait_for("1 Repertoire  2 Accountability  3 Engagement")) {
		char *scr = capture();
		sh("tmux -L %s kill-server 2>/dev/null", sock);
		fail_msg("Shift-Tab did not reach the summaries on a vt100:\n%s", scr ? scr : "");
	}
	quit_and_expect(db, ",v1,");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_a_span_in_a_real_terminal),
		cmocka_unit_test(test_ctrl_s_saves_a_form_in_a_real_terminal),
		cmocka_unit_test(test_shift_tab_on_vt100),
	};
	return cmocka_run_group_tests_name("tui tmux", tests, NULL, NULL);
}
