# iomapspec: two commands set everything up on a fresh machine: `make report` and `make test`.
SWIFT ?= swift
BIN = .build/debug/iomapspec

.PHONY: deps build test report screenshots run scenario clean

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

clean:
	rm -rf .build Docs/report Docs/screenshots
