# praxis: a terminal workbench for coding field notes.
# Targets: all run test check asan valgrind lint bench fuzz install uninstall
#          deps clean
# Variables: PREFIX DESTDIR PKG_CONFIG CC V=1 CI=true (adds -Werror)
#            FUZZ_SECONDS (per harness, default 60) FUZZ_FLAGS (to libFuzzer)

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man/man1
DATADIR    ?= $(PREFIX)/share/praxis
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build
VERSION    := 0.1.0

PKGS       := ncursesw sqlite3 yaml-0.1 libzip libxml-2.0 icu-uc
TEST_PKGS  := cmocka

# Debian packages `make deps` makes sure of (dev libraries and the tools the
# tests drive: tmux for the real-terminal test, pandoc for the Markdown check).
DEB_PKGS   := build-essential pkg-config libncurses-dev libsqlite3-dev \
              libyaml-dev libzip-dev libxml2-dev libicu-dev libcmocka-dev sqlite3 \
              tmux pandoc python3

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARN   := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wformat=2 -Wno-format-nonliteral
ifeq ($(CI),true)
WARN   += -Werror
endif
ifeq ($(WERROR),1)
WARN   += -Werror
endif

OPT      ?= -O2 -g
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude -D_XOPEN_SOURCE_EXTENDED \
            -DPRAXIS_VERSION=\"$(VERSION)\" -DPRAXIS_DATADIR=\"$(DATADIR)\"
CFLAGS   += -std=c11 -pthread $(OPT) $(WARN) $(PKG_CFLAGS) $(SAN)
LDFLAGS  += -pthread $(SAN)
LDLIBS   += $(PKG_LIBS) -lm

LIB_SRC  := $(sort $(wildcard src/core/*.c src/io/*.c src/cli/*.c src/tui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/main.o
LIB      := $(BUILD)/libpraxis.a
# The binary; `make asan` builds its own so it never replaces ./praxis.
BIN      ?= praxis

TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT := $(wildcard tests/unit/support/*.c)
TEST_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS    = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

SAMPLE_DB := $(BUILD)/sample.db
SAMPLES   := $(sort $(wildcard samples/*.yaml))

.PHONY: all run test check asan valgrind lint bench fuzz fuzz-build fuzz-run install \
	uninstall deps clean tests

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(TEST_SUPPORT) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit/support $(CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(TEST_SUPPORT) $(LIB) $(TEST_LIBS) $(LDLIBS)

tests: $(BIN) $(TEST_BIN) $(BUILD)/bench/gen $(BUILD)/bench/bench

$(SAMPLE_DB): praxis $(SAMPLES)
	$(Q)rm -f $@ $@-wal $@-shm
	$(Q)./praxis --db $@ import $(SAMPLES)

run: praxis $(SAMPLE_DB)
	./praxis --db $(SAMPLE_DB)

test: tests
	@BUILD=$(BUILD) PRAXIS_BIN=$(abspath $(BIN)) tests/run.sh

check: test

asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/praxis OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

BENCH_SIZES ?= 1k 10k 100k
# BENCH_ONLY=summaries runs only the measures whose name contains it.
BENCH_ONLY  ?=
# Where the generated corpora and their databases are cached (made once).
# SCALE=1 adds the scale row, 1M vignettes / 10M codings: about 2 GB of
# YAML and 4 GB of database, generated and imported on the first run
# (tens of minutes), so keep BENCH_DATA outside the tree, e.g.
#     make bench SCALE=1 BENCH_DATA=/work/benchcache
BENCH_DATA  ?= bench/data
SCALE       ?=
BENCH_RUN_SIZES = $(BENCH_SIZES)$(if $(filter 1,$(SCALE)), 1m)
BENCH_SRC   := $(filter-out bench/gen.c,$(sort $(wildcard bench/*.c)))

$(BUILD)/bench/gen: bench/gen.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) -o $@ $< -lm

# The measures call the core in-process (summaries), so the driver links
# the library.
$(BUILD)/bench/bench: $(BENCH_SRC) bench/bench.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(BENCH_SRC) $(LIB) $(LDLIBS)

bench: praxis $(BUILD)/bench/gen $(BUILD)/bench/bench
	$(BUILD)/bench/bench --sizes "$(BENCH_RUN_SIZES)" --praxis ./praxis \
		--gen $(BUILD)/bench/gen --data $(BENCH_DATA) --results bench/results.md \
		$(if $(BENCH_ONLY),--only "$(BENCH_ONLY)")

# The whole suite with every test binary under valgrind, then the headless
# interface tests again with every praxis process they start under valgrind
# (tests/valgrind-praxis.sh; other children run under `make asan`).
# Definitely and indirectly lost blocks fail the run; "still reachable"
# (libraries' own caches) does not.
VALGRIND ?= valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--track-origins=yes
VALGRIND_TUI := test_tui_\(gaps\|hostile\|live\|negotiate\|screens\|summaries\)
valgrind: tests
	@BUILD=$(BUILD) TEST_WRAPPER="$(VALGRIND)" tests/run.sh
	@echo "  headless interface tests, praxis under valgrind"
	@BUILD=$(BUILD) TEST_FILTER='$(VALGRIND_TUI)' PRAXIS_REAL_BIN=$(abspath $(BIN)) \
		PRAXIS_BIN=$(abspath tests/valgrind-praxis.sh) tests/run.sh

# Static analysis of src/ with the checked-in configurations (.clang-tidy,
# cppcheck flags and the suppressions in .cppcheck-suppressions, each with
# its reason). Both must be silent.
CPPCHECK ?= cppcheck
CLANG_TIDY ?= clang-tidy
lint:
	$(Q)$(CPPCHECK) --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
		--inline-suppr --suppressions-list=.cppcheck-suppressions \
		-Iinclude -Isrc/core -D_XOPEN_SOURCE_EXTENDED -DPRAXIS_VERSION=\"$(VERSION)\" \
		-DPRAXIS_DATADIR=\"$(DATADIR)\" src
	$(Q)out=$$($(CLANG_TIDY) --quiet --warnings-as-errors='*' $(LIB_SRC) src/main.c -- \
		$(CPPFLAGS) -std=c11 $(PKG_CFLAGS) 2>&1); status=$$?; \
		printf '%s\n' "$$out" | grep -v '^[0-9]* warnings\{0,1\} generated\.$$'; \
		exit $$status
	@echo "lint: clean"

# libFuzzer harnesses: fuzz/fuzz_NAME.c (see fuzz/fuzz.h). Each runs
# FUZZ_SECONDS on the corpus fuzz/corpus-NAME/ (seeded from fuzz/seeds/NAME/
# and FUZZ_SEEDS_NAME); crashes land in build-fuzz/artifacts/. A crash
# found is copied to tests/fuzz-regressions/NAME/ and so becomes a test.
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_BUILD   := build-fuzz
FUZZ_SRC     := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_NAMES   := $(FUZZ_SRC:fuzz/fuzz_%.c=%)
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_SEEDS_yaml := $(SAMPLES)
FUZZ_SEEDS_theme := $(wildcard themes/*.yaml)

fuzz:
	$(Q)$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="$(FUZZ_SAN)" fuzz-run

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $<"
	$(Q)$(CC) $(CPPFLAGS) -Ifuzz $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB) $(LDLIBS)

fuzz-run: fuzz-build
	$(Q)mkdir -p $(BUILD)/artifacts
	$(Q)$(foreach n,$(FUZZ_NAMES),seeds_$(n)="$(FUZZ_SEEDS_$(n))";) \
	for n in $(FUZZ_NAMES); do \
	  mkdir -p fuzz/corpus-$$n; eval "extra=\$$seeds_$$n"; \
	  for s in fuzz/seeds/$$n/* tests/fuzz-regressions/$$n/* $$extra; do \
	    [ -f "$$s" ] && cp -n "$$s" fuzz/corpus-$$n/ 2>/dev/null; done; \
	  echo "  FUZZ    $$n for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $(FUZZ_FLAGS) \
	    -artifact_prefix=$(BUILD)/artifacts/$$n- fuzz/corpus-$$n || exit 1; \
	done

install: praxis
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/themes
	install -m 755 praxis $(DESTDIR)$(BINDIR)/praxis
	install -m 644 man/praxis.1 $(DESTDIR)$(MANDIR)/praxis.1
	install -m 644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/praxis $(DESTDIR)$(MANDIR)/praxis.1
	rm -rf $(DESTDIR)$(DATADIR)

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; else \
	  echo "deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf build build-asan build-fuzz praxis

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
