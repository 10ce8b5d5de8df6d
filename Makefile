# gevinst — the two commands a newcomer needs are `make demo` and `make test`.
GO       ?= go
BIN      := bin/gevinst
DEMO_DIR ?= gevinst-demo
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
# duckdb_arrow: rows parsed in Go (xlsx, JSON lines) reach DuckDB as Arrow
# record batches, measured faster than the Appender (docs/decisions.md).
TAGS     := duckdb_arrow

.PHONY: build test demo bench lint clean

## build: compile bin/gevinst (cgo: links the embedded DuckDB)
build:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/gevinst

## test: the whole test suite (no benchmarks, no long runs)
test:
	$(GO) test -tags $(TAGS) -count=1 ./...

## demo: build, generate the demo data, import it into $(DEMO_DIR)/gevinst.duckdb,
## write the dashboard and print its path
demo: build
	./$(BIN) demo --out $(DEMO_DIR)

## bench: not yet implemented (issue 4). It will stream canonical CSVs of
## 1 M / 10 M submissions and 3 M / 30 M time registrations to disk and time
## import (against DuckDB's own COPY of the same file), metrics + benefits
## (against one hand-written SQL statement), the report, and peak RSS.
bench:
	@echo "make bench: not implemented yet (issue 4). It will measure import rows/s"
	@echo "against DuckDB's raw COPY, metrics+benefits against one hand-written SQL"
	@echo "statement, report time and peak RSS at 1 M / 10 M / 30 M rows."
	@exit 1

## lint: formatting and vet
lint:
	@out=$$(gofmt -l cmd config pipelines queries reports); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

clean:
	rm -rf bin $(DEMO_DIR)
