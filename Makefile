# praxis: a terminal workbench for coding field notes.
# Targets: all run test check asan bench fuzz install uninstall deps clean
# Variables: PREFIX DESTDIR PKG_CONFIG CC V=1 CI=true (adds -Werror)

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man/man1
DATADIR    ?= $(PREFIX)/share/praxis
PKG_CONFIG ?= pkg-config
CC         ?= cc
BUILD      ?= build
VERSION    := 0.1.0

PKGS       := ncursesw sqlite3 yaml-0.1 libzip libxml-2.0
TEST_PKGS  := cmocka

# Debian packages `make deps` makes sure of (dev libraries and the tools the
# tests drive: tmux for the real-terminal test, pandoc for the Markdown check).
DEB_PKGS   := build-essential pkg-config libncurses-dev libsqlite3-dev \
              libyaml-dev libzip-dev libxml2-dev libcmocka-dev sqlite3 \
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
CFLAGS   += -std=c11 $(OPT) $(WARN) $(PKG_CFLAGS) $(SAN)
LDFLAGS  += $(SAN)
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

.PHONY: all run test check asan bench fuzz install uninstall deps clean tests

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

tests: $(BIN) $(TEST_BIN)

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
	$(BUILD)/bench/bench --sizes "$(BENCH_SIZES)" --praxis ./praxis \
		--gen $(BUILD)/bench/gen --data bench/data --results bench/results.md \
		$(if $(BENCH_ONLY),--only "$(BENCH_ONLY)")

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
	rm -rf build build-asan praxis

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
