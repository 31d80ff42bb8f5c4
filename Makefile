# iomapspec: two commands set everything up on a fresh machine: `make report` and `make test`.
SWIFT ?= swift
BIN = .build/debug/iomapspec

.PHONY: deps build test report run clean

## deps: install libcmark-dev (and xfsprogs for the kernel cross-check) when missing.
deps:
	@if pkg-config --exists libcmark 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make deps: installing libcmark-dev with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	else echo "make deps: libcmark-dev is missing; install it (apt-get install libcmark-dev) as root and run make again" >&2; exit 1; fi
	@if ! command -v mkfs.xfs >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make deps: installing xfsprogs for the kernel cross-check"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xfsprogs >/dev/null || echo "make deps: xfsprogs not installed; the kernel cross-check will skip"; \
	fi

build: deps
	$(SWIFT) build

## test: unit tests, every spec scenario as its own test case, fsx replays.
test: deps
	$(SWIFT) test

## report: build, run the whole spec, write the HTML report and print its path.
report: build
	$(BIN) run
	$(BIN) report --out Docs/report

run: build
	$(BIN) run

clean:
	rm -rf .build Docs/report
