# lindbg: a WinDbg-style debugger for Linux x86-64 processes.
#   make          build build/lindbg
#   make run      install missing dependencies, build, debug the demo
#   make check    install missing dependencies, build the sanitized test
#                 build and the fixtures, run every test
SHELL := /bin/bash
CC ?= gcc
PKGS := libdw libelf libedit
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lZydis -lZycore -liberty -lcjson -lpthread

WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers
BASE_CFLAGS := -std=gnu17 -D_GNU_SOURCE $(WARN) -Isrc $(PKG_CFLAGS)

BUILD ?= build
ifeq ($(SANITIZE),1)
  MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -Werror
  MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(SANITIZE),fuzz)
  # clang: the library instrumented for libFuzzer, ASan and UBSan
  MODE_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
  MODE_LDFLAGS := -fsanitize=fuzzer,address,undefined
else
  MODE_CFLAGS := -O2 -g
  MODE_LDFLAGS :=
endif
CFLAGS_ALL := $(BASE_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)

LIB_SRCS := $(wildcard src/util/*.c src/arch/x86_64/*.c src/target/*.c src/bp/*.c src/sym/*.c src/engine/*.c src/expr/*.c src/cmd/*.c src/ui/*.c src/dap/*.c)
LIB_OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
MAIN_OBJ := $(BUILD)/obj/main.o

.PHONY: all deps run check unit scenarios fixtures clean demo bench fuzz fuzz-bins fuzz-smoke \
        sqlite-o2 gdb-diff
all: $(BUILD)/lindbg

deps:
	@./scripts/install-deps.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/liblindbg.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lindbg: $(MAIN_OBJ) $(BUILD)/liblindbg.a
	$(CC) $(MODE_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# ---- demo -----------------------------------------------------------------
$(BUILD)/demo: examples/demo.c
	@mkdir -p $(BUILD)
	$(CC) -g -O0 -fno-omit-frame-pointer -o $@ $<

demo: $(BUILD)/demo

run: deps
	@$(MAKE) --no-print-directory all demo
	cd examples && ../$(BUILD)/lindbg ../$(BUILD)/demo demo-input.txt

# ---- tests ----------------------------------------------------------------
FIXTURE_SRCS := $(wildcard tests/fixtures/*.c)
FIXTURES := $(patsubst tests/fixtures/%.c,build/fixtures/%,$(FIXTURE_SRCS))
build/fixtures/%: tests/fixtures/%.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -fno-omit-frame-pointer -pthread -o $@ $<

build/fixtures/demo: examples/demo.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -fno-omit-frame-pointer -o $@ $<

build/fixtures/libfx_plugin.so: tests/fixtures/plugin/fx_plugin.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -fPIC -shared -o $@ $<

build/fixtures/fx_cpp: tests/fixtures/cpp/fx_cpp.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fno-omit-frame-pointer -o $@ $<

build/fixtures/fx_throw: tests/fixtures/cpp/fx_throw.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fno-omit-frame-pointer -o $@ $<

# two libraries that define __cxa_throw (their own libstdc++), one linked,
# one dlopen'd: sxe eh watches each module's definition
build/fixtures/libfx_throwa.so: tests/fixtures/cpp/fx_throw_lib.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fPIC -shared -static-libstdc++ -Wl,-Bsymbolic -DFX_NAME=fx_throw_a -o $@ $<

build/fixtures/libfx_throwb.so: tests/fixtures/cpp/fx_throw_lib.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fPIC -shared -static-libstdc++ -Wl,-Bsymbolic -DFX_NAME=fx_throw_b -o $@ $<

build/fixtures/fx_throw_dso: tests/fixtures/cpp/fx_throw_dso.cpp build/fixtures/libfx_throwa.so \
                             build/fixtures/libfx_throwb.so
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fno-omit-frame-pointer -o $@ $< -Lbuild/fixtures -lfx_throwa -ldl -Wl,-rpath,'$$ORIGIN'

build/fixtures/fx_dt_cpp: tests/fixtures/cpp/fx_dt_cpp.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fno-omit-frame-pointer -o $@ $<

# fx_dt with DWARF 4: bitfields as DW_AT_bit_offset, not DW_AT_data_bit_offset
build/fixtures/fx_dt_dwarf4: tests/fixtures/fx_dt.c
	@mkdir -p build/fixtures
	$(CC) -g -gdwarf-4 -O0 -fno-omit-frame-pointer -o $@ $<

build/fixtures/fx_cexpr_cpp: tests/fixtures/cpp/fx_cexpr_cpp.cpp
	@mkdir -p build/fixtures
	$(CXX) -g -O0 -fno-omit-frame-pointer -o $@ $<

build/fixtures/fx_glibc: tests/fixtures/fx_glibc.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -fno-omit-frame-pointer -fno-builtin -o $@ $< -lm

# fx_glibc linked with IBT's PLT (.plt.sec, endbr64) and -z now
build/fixtures/fx_glibc_ibt: tests/fixtures/fx_glibc.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -fno-omit-frame-pointer -fno-builtin -fcf-protection=full -Wl,-z,now \
	    -Wl,-z,ibtplt -o $@ $< -lm

build/fixtures/fx_libs: tests/fixtures/fx_libs.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -o $@ $< -Wl,--no-as-needed -lstdc++ -lm

build/fixtures/fx_lines_o2: tests/fixtures/fx_lines_o2.c
	@mkdir -p build/fixtures
	$(CC) -g -O2 -o $@ $<

build/fixtures/fx_opt: tests/fixtures/fx_opt.c
	@mkdir -p build/fixtures
	$(CC) -g -O2 -o $@ $<

# inlined functions: in the program, and in a library it needs (loaded
# after the initial break, for deferred breakpoints)
build/fixtures/libfx_inline.so: tests/fixtures/inline/fx_inline_lib.c
	@mkdir -p build/fixtures
	$(CC) -g -O2 -fPIC -shared -o $@ $<

build/fixtures/fx_inline: tests/fixtures/fx_inline.c build/fixtures/libfx_inline.so
	@mkdir -p build/fixtures
	$(CC) -g -O2 -o $@ $< -Lbuild/fixtures -lfx_inline -Wl,-rpath,'$$ORIGIN'

# fx_basic linked statically: no dynamic loader reports an r_debug
build/fixtures/fx_static: tests/fixtures/fx_basic.c
	@mkdir -p build/fixtures
	$(CC) -g -O0 -static -o $@ $<

# fx_stack without any symbol table (names only from .dynsym)
build/fixtures/fx_stripped: build/fixtures/fx_stack
	strip --strip-all -o $@ $<

# fx_types with its DWARF in a separate file found through .gnu_debuglink
build/fixtures/fx_split: build/fixtures/fx_types
	objcopy --only-keep-debug $< $@.debug
	strip --strip-debug --strip-unneeded -o $@ $<
	cd build/fixtures && objcopy --add-gnu-debuglink=fx_split.debug fx_split

# SQLite's amalgamation at -O2 with the benchmarks' driver: the program of
# the differential test against GDB (tests/diff/gdb_diff.py) and of
# bench/run-o2.sh. Its source is fetched once (scripts/fetch-sqlite.sh);
# without the npm registry it is left out and those tests skip.
build/diff/sqlite3.o: build/diff/src/sqlite3.c
	$(CC) -g -O2 -c -o $@ $<

build/diff/sqlite_o2: bench/src/sqlite_drv.c build/diff/sqlite3.o
	$(CC) -g -O2 -Ibuild/diff/src -o $@ $^ -lpthread -ldl -lm

sqlite-o2:
	@./scripts/fetch-sqlite.sh
	@if [ -f build/diff/src/sqlite3.c ]; then $(MAKE) --no-print-directory build/diff/sqlite_o2; fi

# the differential test against GDB in full: 40 functions (~75 stops), then
# every function of the families that the program reaches (~350 stops)
gdb-diff: all sqlite-o2
	@test -x build/diff/sqlite_o2 || { echo "gdb-diff: no SQLite (see above)"; exit 1; }
	./tests/diff/gdb_diff.py --lindbg $(BUILD)/lindbg --functions 40; a=$$?; \
	./tests/diff/gdb_diff.py --lindbg $(BUILD)/lindbg --functions 0 && exit $$a

EXTRA_FIXTURES := build/fixtures/demo build/fixtures/libfx_plugin.so build/fixtures/fx_cpp \
                  build/fixtures/libfx_inline.so build/fixtures/fx_dt_cpp build/fixtures/fx_dt_dwarf4 \
                  build/fixtures/fx_cexpr_cpp \
                  build/fixtures/fx_stripped build/fixtures/fx_split build/fixtures/fx_glibc_ibt \
                  build/fixtures/fx_static \
                  build/fixtures/fx_throw build/fixtures/fx_throw_dso
fixtures: $(FIXTURES) $(EXTRA_FIXTURES) sqlite-o2

UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
# helpers shared by unit tests (the fake target): linked into each binary
UNIT_SUPPORT_SRCS := $(wildcard tests/unit/support/*.c)
UNIT_SUPPORT_OBJS := $(patsubst tests/unit/support/%.c,$(BUILD)/unit/support/%.o,$(UNIT_SUPPORT_SRCS))
$(BUILD)/unit/support/%.o: tests/unit/support/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka) -MMD -MP -c $< -o $@

$(BUILD)/unit/%: tests/unit/%.c $(UNIT_SUPPORT_OBJS) $(BUILD)/liblindbg.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka) -o $@ $< $(UNIT_SUPPORT_OBJS) $(BUILD)/liblindbg.a $(MODE_LDFLAGS) $(PKG_LIBS) $(shell pkg-config --libs cmocka)

unit-bins: $(UNIT_BINS)

check: deps
	@./scripts/install-dap-client.sh
	@$(MAKE) --no-print-directory BUILD=build/check SANITIZE=1 build/check/lindbg unit-bins
	@$(MAKE) --no-print-directory fixtures
	@$(MAKE) --no-print-directory fuzz-smoke
	@./tests/run-all.sh build/check

# ---- fuzzing (libFuzzer, clang) --------------------------------------------
# make fuzz: each target for FUZZ_TIME seconds (600 by default); make check
# runs each for FUZZ_SMOKE seconds. Seeds: tests/fuzz/corpus/<target>/ (the
# runs work on a copy in build/fuzz/corpus/); crashes land in build/fuzz/.
FUZZ_TARGETS := lexer expr cexpr wildcard bpspec elf core gdbremote_packet
FUZZ_BINS := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))
FUZZ_TIME ?= 600
FUZZ_SMOKE ?= 4
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/liblindbg.a
	$(CC) $(CFLAGS_ALL) -o $@ $< build/fuzz/liblindbg.a $(MODE_LDFLAGS) $(PKG_LIBS)

fuzz-bins:
	@$(MAKE) --no-print-directory BUILD=build/fuzz SANITIZE=fuzz CC=clang-14 $(FUZZ_BINS)

fuzz: deps fuzz-bins
	@./tests/fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-bins
	@./tests/fuzz/run.sh $(FUZZ_SMOKE) $(FUZZ_TARGETS)

# benchmarks: side by side with GDB and LLDB (not part of check)
bench: deps
	@./bench/install-deps.sh
	@$(MAKE) --no-print-directory all
	@./bench/run-hits.sh
	@./bench/run-intarget.sh
	@./bench/run-dap.sh
	@./bench/run-watch.sh
	@./bench/run-scale.sh
	@./bench/run-kwatch.sh
	@$(MAKE) --no-print-directory sqlite-o2
	@./bench/run-o2.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
