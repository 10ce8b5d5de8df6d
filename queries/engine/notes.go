package engine

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
)

// loadNotes is what the fast import's load notes about every record it
// reads, through gevinst_note (fast_time.sql, fast_submissions.sql): how
// many records there are, every key's 64-bit hash (to find the keys that
// repeat) and, when asked, the distinct minutes and date texts (to
// confirm the decimal separator and the plain casts the load used). The
// load reads the file once, instead of a read to probe it first and a
// second to load it.
type loadNotes struct {
	numbers, dates bool // whether to note the minutes and date texts
	// clean says which text columns (timeTexts) the load reads as
	// written; unclean which of them had a value that is not clean.
	clean   [len(timeTexts)]bool
	unclean [len(timeTexts)]atomic.Bool
	// maxValues bounds each set of noted texts (tuning.maxNotedValues).
	maxValues int

	mu   sync.Mutex
	rows int64
	// keys holds the key hashes by their top byte, so finding repeats
	// sorts 256 small slices (in parallel) instead of one large one.
	keys                 [256][]uint64
	number, date         map[string]struct{}
	numberFull, dateFull bool
	scratch              sync.Pool // *noteChunk
}

// noteChunk is one call's notes, merged under the lock in one step.
type noteChunk struct {
	keys         []uint64
	number, date map[string]struct{} // borrowed texts, valid during the call
}

func newLoadNotes(numbers, dates bool, clean [len(timeTexts)]bool, maxValues int) *loadNotes {
	return &loadNotes{numbers: numbers, dates: dates, clean: clean, maxValues: maxValues,
		number: map[string]struct{}{}, date: map[string]struct{}{}}
}

// timeTexts are a time file's text columns the fast import may read as
// written, in the order of clean_time.sql and of gevinst_note's arguments
// after the date, and whether each is lower-cased.
var timeTexts = [...]struct {
	name    string
	lowered bool
}{{"org", false}, {"registration_id", false}, {"employee", false}, {"role", true},
	{"case_id", false}, {"service", true}, {"channel", true}, {"activity", true}}

// cleanText is gevinst_is_clean (session.sql) for a value that is not
// NULL: no space at either end, ASCII only, and with lowered no capital
// letter.
func cleanText(s string, lowered bool) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := range len(s) {
		if c := s[i]; c >= 0x80 || lowered && 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// add merges one chunk's notes; the texts are copied.
func (n *loadNotes) add(c *noteChunk, rows int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.rows += int64(rows)
	for _, h := range c.keys {
		n.keys[h>>56] = append(n.keys[h>>56], h)
	}
	merge := func(into map[string]struct{}, from map[string]struct{}, full *bool) {
		for s := range from {
			if _, ok := into[s]; ok || *full {
				continue
			}
			if len(into) >= n.maxValues {
				*full = true
				continue
			}
			into[strings.Clone(s)] = struct{}{}
		}
	}
	merge(n.number, c.number, &n.numberFull)
	merge(n.date, c.date, &n.dateFull)
}

// repeated returns the key hashes noted more than once, in order: each
// bucket through a hash set (a tenth of the time of sorting the buckets:
// 0.1 against 1 s for 30 M keys here), the buckets in parallel.
func (n *loadNotes) repeated() []uint64 {
	var wg sync.WaitGroup
	next := atomic.Int64{}
	found := make([][]uint64, len(n.keys))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var table []uint64
			for b := int(next.Add(1) - 1); b < len(n.keys); b = int(next.Add(1) - 1) {
				found[b], table = repeats(n.keys[b], table)
			}
		})
	}
	wg.Wait()
	return slices.Concat(found...)
}

// repeats returns the values of k seen more than once, sorted, using
// table (reused between calls) as an open-addressing set.
func repeats(k, table []uint64) (found, _ []uint64) {
	shift := bits.Len(uint(2 * len(k))) // at most half full
	size := 1 << shift
	if cap(table) < size {
		table = make([]uint64, size)
	}
	table = table[:size]
	clear(table)
	zeros := 0 // 0 marks an empty slot: a zero hash is counted apart
	for _, h := range k {
		if h == 0 {
			if zeros++; zeros == 2 {
				found = append(found, 0)
			}
			continue
		}
		// the top bits are the bucket's: the slot comes from all of them
		for i := (h * 0x9e3779b97f4a7c15) >> (64 - shift); ; i = (i + 1) & uint64(size-1) {
			if table[i] == 0 {
				table[i] = h
				break
			}
			if table[i] == h {
				found = append(found, h) // once per further sighting
				break
			}
		}
	}
	slices.Sort(found)
	return slices.Compact(found), table
}

// texts returns a set's texts and whether it is complete.
func texts(set map[string]struct{}, full bool) ([]string, bool) {
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	slices.Sort(out)
	return out, !full
}

// noteUDF is gevinst_note(key_hash UBIGINT, number VARCHAR, date VARCHAR,
// and the timeTexts as VARCHAR): while a load is noted (Engine.notes set) it
// notes each row of its chunk, and checks the text columns the load reads
// as written, and it returns NULL for every row. It is volatile, so it is neither folded
// nor shared; the views call it once per record (fast_*.sql), which the
// row count checks.
type noteUDF struct{ notes *atomic.Pointer[loadNotes] }

func (f noteUDF) Config() duckdb.ScalarFuncConfig {
	hash, _ := duckdb.NewTypeInfo(duckdb.TYPE_UBIGINT)
	text, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	in := []duckdb.TypeInfo{hash, text, text}
	for range timeTexts {
		in = append(in, text)
	}
	return duckdb.ScalarFuncConfig{
		InputTypeInfos: in, ResultTypeInfo: text,
		Volatile: true, SpecialNullHandling: true,
	}
}

func (f noteUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: func(_ context.Context, st *duckdb.ChunkIteratorState) error {
		chunk := st.GetInputChunk()
		rows := chunk.GetSize()
		out, err := duckdb.GetVectorWriter[string](st.GetResultVector())
		if err != nil {
			return err
		}
		for row := range rows {
			if err := out.SetNull(row); err != nil {
				return err
			}
		}
		n := f.notes.Load()
		if n == nil {
			return nil
		}
		c, _ := n.scratch.Get().(*noteChunk)
		if c == nil {
			c = &noteChunk{number: map[string]struct{}{}, date: map[string]struct{}{}}
		}
		c.keys = c.keys[:0] // its maps were emptied before it was put back
		for row := range rows {
			v, err := chunk.GetValue(0, row)
			if err != nil {
				return err
			}
			if h, ok := v.(uint64); ok {
				c.keys = append(c.keys, h)
			}
		}
		note := func(set map[string]struct{}) func(int, string) error {
			return func(_ int, s string) error { set[s] = struct{}{}; return nil }
		}
		if n.numbers {
			if err := eachText(chunk, 1, note(c.number)); err != nil {
				return err
			}
		}
		if n.dates {
			if err := eachText(chunk, 2, note(c.date)); err != nil {
				return err
			}
		}
		for i, col := range timeTexts {
			if !n.clean[i] || n.unclean[i].Load() {
				continue
			}
			if err := eachText(chunk, 3+i, func(_ int, s string) error {
				if !cleanText(s, col.lowered) {
					n.unclean[i].Store(true)
				}
				return nil
			}); err != nil {
				return err
			}
		}
		n.add(c, rows)
		clear(c.number) // drop the borrowed texts before the chunk is reused
		clear(c.date)
		n.scratch.Put(c)
		return nil
	}}
}

// eachText calls fn with the row and text of every row of a scalar
// function's input column col that is not NULL, and stops at fn's first
// error. The text is borrowed from DuckDB's vector: valid during the call.
func eachText(chunk *duckdb.DataChunk, col int, fn func(row int, s string) error) error {
	vec, err := chunk.GetVector(col)
	if err != nil {
		return err
	}
	view, err := duckdb.GetVectorView[string](vec)
	if err != nil {
		return err
	}
	for row := range view.Len() {
		s, valid, err := view.GetValueBorrowed(row)
		if err != nil {
			return err
		}
		if valid {
			if err := fn(row, s); err != nil {
				return err
			}
		}
	}
	return nil
}
