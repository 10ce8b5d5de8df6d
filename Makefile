# gevinst — the two commands a newcomer needs are `make demo` and `make test`.
GO       ?= go
BIN      := bin/gevinst
DEMO_DIR ?= gevinst-demo
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
# duckdb_arrow: rows parsed in Go (xlsx, JSON lines) reach DuckDB as Arrow
# record batches, measured faster than the Appender (docs/decisions.md).
TAGS     := duckdb_arrow

.PHONY: build install test demo bench stress fuzz lint clean screenshots

## build: compile bin/gevinst (cgo: links the embedded DuckDB)
build:
	$(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/gevinst

## install: go install gevinst (same tag and version as build) into GOBIN,
## else $(go env GOPATH)/bin; put that directory on PATH to type `gevinst`
install:
	$(GO) install -tags $(TAGS) -ldflags "$(LDFLAGS)" ./cmd/gevinst
	@dir=$$($(GO) env GOBIN); [ -n "$$dir" ] || dir=$$($(GO) env GOPATH)/bin; \
	  echo "installed $$dir/gevinst"; \
	  case ":$$PATH:" in *":$$dir:"*) ;; *) echo "$$dir is not on PATH: export PATH=\"$$dir:\$$PATH\"";; esac

## test: the whole test suite (no benchmarks, no long runs)
test:
	$(GO) test -tags $(TAGS) -count=1 ./...

## demo: build, generate the demo data, import it into $(DEMO_DIR)/gevinst.duckdb,
## write the dashboard and print its path
demo: build
	./$(BIN) demo --out $(DEMO_DIR)

## bench: stream canonical CSVs (BENCH_SIZES submissions, three time
## registrations each) to BENCH_DIR and time gevinst's import, metrics,
## benefits and report against DuckDB's own COPY and one hand-written SQL
## statement, with peak RSS; prints a table and updates docs/benchmarks.md.
## The imports and COPYs, the reads and the monthly import run BENCH_ROUNDS times (medians).
## Also issue 15's bars: the whole job against a pandas + openpyxl script
## (Debian's python3-pandas and python3-openpyxl; skipped without them),
## one more month into the full database against COPY, reads flat in size.
## A quick run: make bench BENCH_SIZES=100k BENCH_ROUNDS=1
BENCH_SIZES  ?= 1M,10M
BENCH_DIR    ?= $(or $(TMPDIR),/tmp)/gevinst-bench
BENCH_MEM    ?= 1.25GB
BENCH_ROUNDS ?= 3
bench: build
	$(GO) build -tags $(TAGS) -o bin/gevinst-bench ./cmd/gevinst-bench
	./bin/gevinst-bench --gevinst $(BIN) --sizes $(BENCH_SIZES) --dir $(BENCH_DIR) \
	  --memory-limit $(BENCH_MEM) --rounds $(BENCH_ROUNDS) --doc docs/benchmarks.md

## stress: the long crash-safety and concurrency runs (bigger files, both
## kinds, 16 kill points; kills 0–15 ms into the commit; a monthly import
## into kept figures killed at 33 points, 0–80 ms); the short versions run
## in make test
stress:
	GEVINST_STRESS=1 $(GO) test -tags $(TAGS) -count=1 -timeout 60m -run 'TestCrashSafety|TestCrashInCommit|TestCrashInMonthlyImport|TestConcurrentRuns' -v ./cmd/gevinst

## fuzz: run every fuzz target for FUZZTIME each (their seeds run in make test);
## a failure's input lands in the package's testdata/fuzz/ as a regression test
FUZZTIME ?= 20s
FUZZ_TARGETS := \
	./pipelines:FuzzCheckUTF8 ./pipelines:FuzzDetect \
	./pipelines/readers:FuzzJSONL ./pipelines/readers:FuzzXLSX \
	./queries:FuzzNumber ./queries:FuzzTimestamp ./queries:FuzzDate ./queries:FuzzClock \
	./queries:FuzzMonth ./queries:FuzzMapping ./queries:FuzzText ./queries/engine:FuzzLineScanner \
	./config:FuzzSourceValidate
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
	  $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

## lint: formatting and vet
lint:
	@out=$$(gofmt -l cmd config pipelines queries reports); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...

clean:
	rm -rf bin $(DEMO_DIR)

## screenshots: render the first printed page of every sheet of the demo
## workbook (English) to docs/img/NN-sheet.png through LibreOffice headless
## (installed with apt-get when missing)
screenshots: demo
	@command -v soffice >/dev/null && command -v pdftoppm >/dev/null || \
	  (apt-get update && apt-get install -y libreoffice-calc-nogui poppler-utils)
	cd $(DEMO_DIR) && ../$(BIN) --quiet report --out dashboard-en.xlsx --lang en >/dev/null
	rm -rf $(DEMO_DIR)/render && mkdir -p $(DEMO_DIR)/render docs/img
	soffice --headless --convert-to pdf --outdir $(DEMO_DIR)/render $(DEMO_DIR)/dashboard-en.xlsx >/dev/null
	@pdf=$(DEMO_DIR)/render/dashboard-en.pdf; n=$$(pdfinfo $$pdf | awk '/^Pages:/ {print $$2}'); \
	  prev=""; k=0; \
	  for p in $$(seq 1 $$n); do \
	    sheet=$$(pdftotext -f $$p -l $$p -layout $$pdf - | head -1 | awk -F '  +' '{print $$2}'); \
	    [ "$$sheet" = "$$prev" ] && continue; prev="$$sheet"; k=$$((k+1)); \
	    name=$$(printf '%02d-%s' $$k "$$(echo $$sheet | tr 'A-Z ' 'a-z-')"); \
	    pdftoppm -png -r 50 -f $$p -l $$p -singlefile $$pdf docs/img/$$name; \
	    echo docs/img/$$name.png; \
	  done
