# Entry points: `make` builds, `make demo` boots a unikernel, `make test` runs the suite.
# Each installs missing Debian packages first (scripts/install-deps).
BUILD ?= build
CMAKE_FLAGS ?=

.PHONY: all deps build demo test clean asan bench

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD)

demo: build
	@echo "== booting build/tests/guests/test_hello.hvt on tenor-hvt =="
	$(BUILD)/bin/tenor-hvt --mem=16 $(BUILD)/tests/guests/test_hello.hvt Hello, tenor

test: build
	@cd $(BUILD) && ctest --output-on-failure --timeout 300

# Benchmarks (bench/README.md): figures beside their floors, measured in one run; never fails on them.
bench: build
	@bench/boot/run.sh $(BUILD)
	@bench/hypercall/run.sh $(BUILD)
	@bench/block/run.sh $(BUILD)
	@bench/net/run.sh $(BUILD) || [ $$? -eq 77 ]  # 77: skipped (needs root for its namespaces)
	@bench/ocaml/run.sh $(BUILD)

# The host side built with AddressSanitizer and UBSan, running the same suite.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CMAKE_FLAGS=-DTENOR_ASAN=ON test

clean:
	rm -rf $(BUILD) build-asan
