package readers

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// JSONLOptions set the limits of OpenJSONL. The zero value uses the
// defaults.
type JSONLOptions struct {
	// MaxLineBytes limits one line (default 16 MiB); a longer line is a
	// row error and reading goes on after it.
	MaxLineBytes int
	// HeaderObjects is how many objects make the header: the union of
	// their keys, in first-seen order (default 1000).
	HeaderObjects int
}

// Defaults of JSONLOptions.
const (
	DefaultMaxLineBytes  = 16 << 20
	DefaultHeaderObjects = 1000
	// maxIgnoredKeys bounds the list of keys reported by Ignored.
	maxIgnoredKeys = 100
)

// JSONL is a file of JSON lines (one object per line) read as a Table.
// Keys that first appear after the header objects are ignored and listed
// by Ignored. Call Close to release the file.
type JSONL struct {
	file    *os.File
	r       *bufio.Reader
	opt     JSONLOptions
	line    int64
	header  []string
	index   map[string]int
	pending []jsonlItem
	ignored []string
	seen    map[string]bool
}

// jsonlItem is one line read ahead while the header is collected.
type jsonlItem struct {
	line int64
	obj  []keyValue
	err  error
}

type keyValue struct{ key, value string }

// OpenJSONL opens the JSON lines file at path and reads ahead up to
// HeaderObjects objects to learn the columns.
func OpenJSONL(path string, opt JSONLOptions) (*JSONL, error) {
	if opt.MaxLineBytes <= 0 {
		opt.MaxLineBytes = DefaultMaxLineBytes
	}
	if opt.HeaderObjects <= 0 {
		opt.HeaderObjects = DefaultHeaderObjects
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	j := &JSONL{file: f, r: bufio.NewReaderSize(f, 64<<10), opt: opt, index: map[string]int{}, seen: map[string]bool{}}
	for objects := 0; objects < opt.HeaderObjects; {
		it, err := j.readItem()
		if err == io.EOF {
			break
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		j.pending = append(j.pending, it)
		if it.err != nil {
			continue
		}
		objects++
		for _, kv := range it.obj {
			if _, ok := j.index[kv.key]; !ok {
				j.index[kv.key] = len(j.header)
				j.header = append(j.header, kv.key)
			}
		}
	}
	return j, nil
}

// Columns returns the union of the header objects' keys in first-seen order.
func (j *JSONL) Columns() []string { return j.header }

// Ignored returns the keys (at most 100) that first appeared after the
// header objects; their values were not read.
func (j *JSONL) Ignored() []string { return j.ignored }

// Next returns the next object's values in column order and its line.
func (j *JSONL) Next() ([]string, int64, error) {
	var it jsonlItem
	if len(j.pending) > 0 {
		it, j.pending = j.pending[0], j.pending[1:]
	} else {
		var err error
		if it, err = j.readItem(); err != nil {
			return nil, 0, err
		}
	}
	if it.err != nil {
		return nil, it.line, it.err
	}
	cells := make([]string, len(j.header))
	for _, kv := range it.obj {
		i, ok := j.index[kv.key]
		if !ok {
			if !j.seen[kv.key] && len(j.ignored) < maxIgnoredKeys {
				j.ignored = append(j.ignored, kv.key)
			}
			j.seen[kv.key] = true
			continue
		}
		cells[i] = kv.value
	}
	return cells, it.line, nil
}

// Close releases the file.
func (j *JSONL) Close() error { return j.file.Close() }

// readItem reads the next non-blank line. A bad line gives an item with a
// *RowError; the returned error is io.EOF or a failure to read the file.
func (j *JSONL) readItem() (jsonlItem, error) {
	for {
		text, tooLong, err := j.readLine()
		if err != nil {
			return jsonlItem{}, err
		}
		if tooLong {
			return jsonlItem{line: j.line, err: &RowError{Line: j.line, Text: cut(string(text), maxRowText),
				Reason: fmt.Sprintf("line is longer than %d bytes", j.opt.MaxLineBytes)}}, nil
		}
		if j.line == 1 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		obj, reason := parseObject(text)
		if reason != "" {
			return jsonlItem{line: j.line, err: &RowError{Line: j.line, Text: cut(string(text), maxRowText), Reason: reason}}, nil
		}
		return jsonlItem{line: j.line, obj: obj}, nil
	}
}

// readLine returns the next line without its line ending. A line over
// MaxLineBytes is read to its end but only its start is returned, with
// tooLong set. At the end of the file it returns io.EOF.
func (j *JSONL) readLine() (text []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := j.r.ReadSlice('\n')
		if len(buf) <= j.opt.MaxLineBytes {
			buf = append(buf, chunk[:min(len(chunk), j.opt.MaxLineBytes+2-len(buf))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) == 0 {
			return nil, false, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, false, fmt.Errorf("%w: read after line %d: %w", ErrInput, j.line, err)
		}
		j.line++
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > j.opt.MaxLineBytes {
			return buf[:min(len(buf), maxRowText)], true, nil
		}
		return buf, false, nil
	}
}

// parseObject reads one JSON object of scalar values, keeping the keys in
// order: numbers exactly as written, true/false, null as "". It returns a
// reason a clerk can act on when the line is not such an object.
func parseObject(text []byte) ([]keyValue, string) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, "line is not valid JSON: " + jsonReason(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, "line is not a JSON object {...}"
	}
	var obj []keyValue
	keys := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, "line is not valid JSON: " + jsonReason(err)
		}
		key := tok.(string) // the decoder only returns strings as keys
		if keys[key] {
			return nil, fmt.Sprintf("key %q appears twice in the object", key)
		}
		keys[key] = true
		tok, err = dec.Token()
		if err != nil {
			return nil, "line is not valid JSON: " + jsonReason(err)
		}
		var v string
		switch t := tok.(type) {
		case json.Delim:
			return nil, fmt.Sprintf("value of %q is a nested %s; only text, numbers, true/false and null can be imported",
				key, map[json.Delim]string{'{': "object", '[': "array"}[t])
		case string:
			v = t
		case json.Number:
			v = t.String()
		case bool:
			v = fmt.Sprint(t)
		case nil:
			v = ""
		}
		obj = append(obj, keyValue{key, v})
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, "line is not valid JSON: " + jsonReason(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "line has more after the JSON object (one object per line is expected)"
	}
	return obj, ""
}

func jsonReason(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "the object is not closed"
	}
	return err.Error()
}
