# iomapspec: two commands set everything up on a fresh machine: `make report` and `make test`.
SWIFT ?= swift
BIN = .build/debug/iomapspec

.PHONY: deps build test report screenshots run scenario fuzz clean

## deps: install libcmark-dev and libssl-dev (and xfsprogs for the kernel cross-check) when missing.
deps:
	@if pkg-config --exists libcmark libcrypto 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make deps: installing libcmark-dev and libssl-dev with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libssl-dev pkg-config >/dev/null; \
	else echo "make deps: libcmark-dev or libssl-dev is missing; install them (apt-get install libcmark-dev libssl-dev) as root and run make again" >&2; exit 1; fi
	@if ! command -v mkfs.xfs >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make deps: installing xfsprogs for the kernel cross-check"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xfsprogs >/dev/null || echo "make deps: xfsprogs not installed; the kernel cross-check will skip"; \
	fi

build: deps
	$(SWIFT) build

## test: unit tests, every spec scenario as its own test case, fsx replays.
test: deps
	$(SWIFT) test

## report: build, run the whole spec, write the HTML report (even when scenarios fail) and print its path;
## exits non-zero when any scenario fails or the spec has errors.
report: build
	$(BIN) report --out Docs/report

## screenshots: after `make report`, headless-Chromium PNGs of every report page at its real height (1280 px;
## index, search and chapter 5 also at 400 px) and chapter 5 printed to A4 PDF and PNGs, into Docs/screenshots/.
screenshots:
	scripts/screenshots.sh Docs/report Docs/screenshots

## run: run the whole spec; failures with expected vs actual and file:line, last line `N passed, N failed`.
run: build
	$(BIN) run

## scenario: run one scenario as a Swift Testing case: make scenario ID=overview/buffered-write-read-back
scenario: deps
	IOMAPSPEC_SCENARIO=$(ID) $(SWIFT) test --filter 'SpecKitTests.scenario'

## fuzz: libFuzzer (swiftc -sanitize=fuzzer) on the chapter parser and the fsx log parser, FUZZ_SECONDS each,
## seeded with the chapters and the shared logs; then the in-suite fuzzers with FUZZ_CASES mutants each.
FUZZ_SECONDS ?= 60
FUZZ_CASES ?= 100000
FUZZ = .build/fuzz/debug
FUZZ_FLAGS = -sanitize=fuzzer -parse-as-library -I $(FUZZ)/Modules \
	-Xcc -fmodule-map-file=.build/checkouts/swift-system/Sources/CSystem/include/module.modulemap \
	-Xcc -fmodule-map-file=$(FUZZ)/CHostSystem.build/module.modulemap -Xcc -fmodule-map-file=Sources/CMark/module.modulemap
FUZZ_ENGINE = $(FUZZ)/IomapEngine.build/*.o $(FUZZ)/HostSystem.build/*.o $(FUZZ)/CHostSystem.build/*.o \
	$(FUZZ)/SystemPackage.build/*.o $(FUZZ)/CSystem.build/*.o
fuzz: deps
	$(SWIFT) build --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --target SpecKit
	$(SWIFT) build --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --target FsxReplay
	swiftc $(FUZZ_FLAGS) Fuzz/ChapterFuzzer.swift $(FUZZ)/SpecKit.build/*.o $(FUZZ_ENGINE) -lcmark -o $(FUZZ)/chapter-fuzzer
	swiftc $(FUZZ_FLAGS) Fuzz/FsxFuzzer.swift $(FUZZ)/FsxReplay.build/*.o $(FUZZ_ENGINE) -o $(FUZZ)/fsx-fuzzer
	mkdir -p .build/fuzz/corpus-chapters .build/fuzz/corpus-fsx
	cp Spec/*.md Docs/scenario-format.md .build/fuzz/corpus-chapters/
	cp ../shared/fsx/*.fsxops .build/fuzz/corpus-fsx/
	$(FUZZ)/chapter-fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -artifact_prefix=.build/fuzz/ .build/fuzz/corpus-chapters
	$(FUZZ)/fsx-fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 -artifact_prefix=.build/fuzz/ .build/fuzz/corpus-fsx
	IOMAPSPEC_FUZZ_CASES=$(FUZZ_CASES) $(SWIFT) test --filter 'chapterFuzzer|fsxFuzzer'

clean:
	rm -rf .build Docs/report Docs/screenshots
