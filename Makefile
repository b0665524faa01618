# The README's commands. On a fresh Debian/Ubuntu machine each does the whole set-up:
#   make demo   system packages, .venv, the package; run the default scenario; plot it
#   make test   the same set-up; build and run the C++ tests (ctest), then pytest
# Both are idempotent and incremental: a second run installs and rebuilds only what changed.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
JOBS ?= 2
DEMO_SCENARIO ?= scenarios/hip_hook_iliacus.yaml
# The scenario's `name:` (results go to results/<name>/, as `myorelease run` does by default).
DEMO_NAME := $(shell sed -n -E 's/^name:[[:space:]]*["'"'"']?([^"'"'"'#[:space:]]+).*/\1/p' $(DEMO_SCENARIO) 2>/dev/null | head -n 1)
DEMO_DIR := results/$(DEMO_NAME)

# Debian packages the build needs (cmake and ninja come from pip, so any distribution's cmake
# version will do). libopenblas0-pthread replaces the reference BLAS behind CHOLMOD's supernodes
# (about 20x faster factorization); libmumps-seq-dev is the symmetric-indefinite factorization.
APT_PACKAGES := g++ make pkg-config python3-venv python3-dev libeigen3-dev libhdf5-dev \
                libyaml-cpp-dev libsuitesparse-dev libmumps-seq-dev libgtest-dev libopenblas0-pthread
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

VENV_PY := $(VENV)/bin/python
PIP := $(VENV_PY) -m pip
CMAKE := $(VENV)/bin/cmake
CTEST := $(VENV)/bin/ctest
BUILD_DEPS := scikit-build-core pybind11 cmake ninja
RUNTIME_DEPS := numpy pandas pyyaml h5py matplotlib scipy tqdm "dask[distributed]" pyarrow pytest nbformat nbclient ipykernel \
                "atheris; platform_system == 'Linux'"
DEPS_STAMP := $(VENV)/.deps-stamp
INSTALL_STAMP := $(VENV)/.install-stamp
TEST_INSTALL_STAMP := $(VENV)/.install-tests-stamp
SOURCES := CMakeLists.txt pyproject.toml \
           $(shell find sim models python/bindings python/myorelease -type f \
                   \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.py' -o -name '*.pyi' -o -name '*.yaml' -o -name '*.in' \) 2>/dev/null)
# The package's CMake tree (pyproject.toml: build-dir); `make test` builds the C++ tests in it too.
CPP_BUILD := build/py
CPP_TEST_SOURCES := $(shell find tests/cpp tests/benchmarks -type f -name '*.cpp' 2>/dev/null)

.PHONY: help setup system-packages peer-packages demo test cpp-test py-test bench sanitize fuzz clean

help:
	@echo "make demo   set up everything, run $(DEMO_SCENARIO) and plot it into $(DEMO_DIR)/"
	@echo "make test   set up everything, run the C++ tests (ctest) and the Python tests (pytest)"
	@echo "make setup  only the set-up: system packages, $(VENV), the package"
	@echo "make bench  the solver benchmarks, then peer problems A and B beside CalculiX and FEniCSx (same session)"
	@echo "make sanitize  the C++ tests under AddressSanitizer + UBSan (build/sanitize)"
	@echo "make fuzz   the atheris fuzz targets of tests/fuzz for FUZZ_SECONDS each (default $(FUZZ_SECONDS))"
	@echo "make clean  remove build/ and $(VENV)"

setup: $(INSTALL_STAMP)

# (a) system packages: install only those dpkg does not report as installed.
# $(call apt_install_missing,PACKAGES,WHAT): the recipe line that does so for any list.
define apt_install_missing
missing=""; \
for p in $(1); do \
  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "==> installing $(2):$$missing"; \
  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update; \
  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
else \
  echo "    all present"; \
fi
endef

system-packages:
	@echo "==> checking system packages: $(APT_PACKAGES)"
	@$(call apt_install_missing,$(APT_PACKAGES),missing system packages)

# (b) the virtual environment, its build and runtime dependencies, then the package.
$(VENV_PY): | system-packages
	@echo "==> creating the virtual environment $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)

$(DEPS_STAMP): pyproject.toml | $(VENV_PY)
	@echo "==> installing build and runtime dependencies into $(VENV)"
	$(PIP) install --upgrade pip
	$(PIP) install $(BUILD_DEPS) $(RUNTIME_DEPS)
	@touch $@

$(INSTALL_STAMP): $(DEPS_STAMP) $(SOURCES) | system-packages
	@echo "==> building and installing myorelease into $(VENV) (incremental build in build/py)"
	$(PIP) install --no-build-isolation ".[test]"
	@touch $@

# The same install with the C++ tests and benchmarks built in the same tree: the core is compiled
# once for the package and the tests (`make demo` alone compiles no tests). The package installed
# is the same, so the demo's stamp is renewed too.
$(TEST_INSTALL_STAMP): $(DEPS_STAMP) $(SOURCES) $(CPP_TEST_SOURCES) | system-packages
	@echo "==> building and installing myorelease with the C++ tests into $(VENV) (incremental build in $(CPP_BUILD))"
	$(PIP) install --no-build-isolation -Ccmake.define.MYO_BUILD_TESTS=ON ".[test]"
	@touch $@ $(INSTALL_STAMP)

# (c) the demo: run the default scenario and draw it.
demo: $(DEMO_DIR)/history.png
	@echo "==> demo done: $(DEMO_DIR)/ holds summary.json, result.h5 and *.png (open any result.xdmf, e.g. in release/, in ParaView)"

$(DEMO_DIR)/result.h5: $(DEMO_SCENARIO) $(INSTALL_STAMP)
	$(if $(DEMO_NAME),,$(error cannot read `name:` from $(DEMO_SCENARIO)))
	@echo "==> running $(DEMO_SCENARIO) into $(DEMO_DIR)/"
	$(VENV)/bin/myorelease run $(DEMO_SCENARIO) --out $(DEMO_DIR)

$(DEMO_DIR)/history.png: $(DEMO_DIR)/result.h5
	@echo "==> plotting $(DEMO_DIR)/result.h5"
	$(VENV)/bin/myorelease plot $(DEMO_DIR)

# (d) the tests: the C++ suite (built with the package, in its tree), then pytest on the package.
test: $(TEST_INSTALL_STAMP)
	@rc=0; \
	$(MAKE) --no-print-directory cpp-test || rc=$$?; \
	$(MAKE) --no-print-directory py-test || rc=$$?; \
	if [ $$rc -ne 0 ]; then echo "==> tests FAILED (see above)"; else echo "==> all tests passed"; fi; \
	exit $$rc

cpp-test: $(TEST_INSTALL_STAMP)
	@echo "==> running the C++ tests (ctest in $(CPP_BUILD))"
	$(CTEST) --test-dir $(CPP_BUILD) --output-on-failure -j$(JOBS)

py-test: $(TEST_INSTALL_STAMP)
	@echo "==> running the Python tests (pytest tests/python)"
	$(VENV_PY) -m pytest tests/python

# (e) speed, never asserted (README, Benchmarks). The peers of shared/reference/peers are Debian's
# CalculiX and FEniCSx (dolfinx 0.5, under /usr/bin/python3); BENCH_SIZES picks N for problems A
# and B; PEERS is where their scripts are.
PEER_PACKAGES := calculix-ccx python3-dolfinx
PEERS ?= ../shared/reference/peers
BENCH_SIZES ?= 16 24
BENCH_HOLD_SIZES ?= 20 40

peer-packages:
	@echo "==> checking the peer solvers: $(PEER_PACKAGES)"
	@$(call apt_install_missing,$(PEER_PACKAGES),the peer solvers)

bench: $(TEST_INSTALL_STAMP) | peer-packages
	@echo "==> problem A (bench_block), problem B (bench_indent), 2 threads"
	OMP_NUM_THREADS=2 $(CPP_BUILD)/bench_block $(BENCH_SIZES)
	OMP_NUM_THREADS=2 $(CPP_BUILD)/bench_indent $(BENCH_SIZES)
	@echo "==> the 60 s viscoelastic hold (bench_hold), 1 thread"
	OMP_NUM_THREADS=1 $(CPP_BUILD)/bench_hold $(BENCH_HOLD_SIZES)
	@echo "==> the demo's hook release on the hip region (bench_hip), 1 and 2 threads"
	$(VENV_PY) tests/benchmarks/bench_hip.py --threads 1 2
	@echo "==> problems A and B beside the peers, one after another in this session"
	PATH=$(abspath $(VENV))/bin:$$PATH $(VENV_PY) tests/benchmarks/compare_peers.py --sizes $(BENCH_SIZES) --peers $(PEERS)

# (f) the checks that keep it so.
# make sanitize: the C++ suite built with -DMYO_SANITIZE=ON (AddressSanitizer + UBSan, -O1 -g,
# assertions on) in its own tree build/sanitize, then run by ctest. A report prints its stack
# (file:line, from -g and the runtime's own symbolizer) and fails the test: ASan halts at its first
# error; UB is built with -fno-sanitize-recover=undefined and halt_on_error=1. LeakSanitizer is on
# (detect_leaks=1, so a leak fails the test at exit): with GCC 12 the OpenMP runtime (libgomp)
# reports nothing over the whole suite (its pool threads and their memory are still reachable at
# exit), so no suppression is needed; should another toolchain report libgomp's pool, add
# LSAN_OPTIONS=suppressions=FILE with a line "leak:libgomp" rather than turning leaks off.
# SANITIZE_TESTS selects the tests: "quick" (default) leaves out SANITIZE_SLOW, the 14 tests that
# take over 100 s each under the sanitizers (refinement sequences, peer problems, whole-bridge
# runs: 3,600 of the suite's 4,500 test-seconds; the same code as the tests that stay); "all" runs
# every test (38 min of ctest with JOBS=2 on two busy cores; the quick set 13 min, plus 35 min for
# a first build); anything else is a ctest -R regex.
# SANITIZE_TIMEOUT bounds each test (s).
SAN_BUILD := build/sanitize
SAN_BUILD_TYPE ?= RelWithDebInfo
SAN_CXX_FLAGS ?= -O1 -g
SANITIZE_TESTS ?= quick
SANITIZE_TIMEOUT ?= 1800
SANITIZE_SLOW := ^(Convergence\.Hex8Displacement|Convergence\.Hex8Q1P0|DeviceContact\.FlatPunchMatchesSneddonAndItsEdgePressureGrowsWithRefinement|Hertz\.ThreeDimensionalRigidSphereOnQuarterBlock|HipFlexorBridge\.AVolumeSmallerThanTheModelledMusclesNamesTheKey|HipFlexorBridge\.EveryLinkAgreesWithTheLinkCalledAlone|HookRelease\.ACoarseHoldReleasesWithinTheModelsBounds|PeerBlock\.OneAndTwoThreadsGiveBitIdenticalResults|PeerBlock\.PlainHex8ReproducesCalculixAndFenicsQ1|PeerBlock\.Q1P0ConvergesWithFenicsQ1P0Sequence|PeerIndent\.PenaltyMovesTheForceAsOneOverK|TargetRegion\.WholeLayerOverTheBaseTakesTheWholeForce|ToneFE\.PressedKnotReleasesAndRecovers|ToneFE\.WithReleaseOffPressureChangesNoTone)$$
SAN_SELECT = $(if $(filter quick,$(SANITIZE_TESTS)),-E '$(SANITIZE_SLOW)',$(if $(filter all,$(SANITIZE_TESTS)),,-R '$(SANITIZE_TESTS)'))
SAN_ASAN_OPTIONS := detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:strict_string_checks=1
SAN_UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1:report_error_type=1

$(SAN_BUILD)/CMakeCache.txt: | $(DEPS_STAMP) system-packages
	@echo "==> configuring the sanitized C++ tests in $(SAN_BUILD) ($(SAN_BUILD_TYPE), $(SAN_CXX_FLAGS))"
	$(CMAKE) -S . -B $(SAN_BUILD) -G Ninja -DCMAKE_MAKE_PROGRAM=$(abspath $(VENV))/bin/ninja \
	  -DCMAKE_BUILD_TYPE=$(SAN_BUILD_TYPE) -DCMAKE_CXX_FLAGS_$(shell echo $(SAN_BUILD_TYPE) | tr a-z A-Z)="$(SAN_CXX_FLAGS)" \
	  -DMYO_SANITIZE=ON -DMYO_BUILD_PYTHON=OFF -DMYO_BUILD_TESTS=ON

sanitize: $(SAN_BUILD)/CMakeCache.txt
	@echo "==> building the sanitized C++ tests (-j$(JOBS))"
	ASAN_OPTIONS=$(SAN_ASAN_OPTIONS) UBSAN_OPTIONS=$(SAN_UBSAN_OPTIONS) $(CMAKE) --build $(SAN_BUILD) -j$(JOBS)
	@echo "==> running the C++ tests under ASan + UBSan (SANITIZE_TESTS=$(SANITIZE_TESTS))"
	ASAN_OPTIONS=$(SAN_ASAN_OPTIONS) UBSAN_OPTIONS=$(SAN_UBSAN_OPTIONS) \
	  $(CTEST) --test-dir $(SAN_BUILD) --output-on-failure -j$(JOBS) --timeout $(SANITIZE_TIMEOUT) $(SAN_SELECT)

# make fuzz: each atheris target of tests/fuzz for FUZZ_SECONDS, from its corpus in
# tests/fuzz/corpus/<target>/ (read only) plus what it finds in build/fuzz/<target>/; a finding is
# written to build/fuzz/<target>/crash-* and fails the target. pytest runs the same targets for
# about 20 s each (tests/python/test_fuzz.py).
FUZZ_SECONDS ?= 600
FUZZ_RSS_MB ?= 3072
FUZZ_TARGETS := scenario gmsh

fuzz: $(INSTALL_STAMP)
	@rc=0; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/$$t; \
	  echo "==> fuzzing $$t for $(FUZZ_SECONDS) s (new inputs in build/fuzz/$$t/)"; \
	  $(VENV_PY) tests/fuzz/fuzz_$$t.py -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=$(FUZZ_RSS_MB) \
	    -timeout=60 -artifact_prefix=build/fuzz/$$t/ build/fuzz/$$t tests/fuzz/corpus/$$t || rc=$$?; \
	done; \
	if [ $$rc -ne 0 ]; then echo "==> fuzzing found something: build/fuzz/*/crash-* (replay: python tests/fuzz/fuzz_<target>.py FILE)"; fi; \
	exit $$rc

clean:
	rm -rf build $(VENV)
