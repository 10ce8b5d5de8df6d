package config

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KeyError is a problem with one key of a config file, at the line and
// column where the YAML parser found it: a key Config does not have, or
// two keys that viper would merge because they differ only in case.
type KeyError struct {
	// File, Line and Column locate the key.
	File         string
	Line, Column int
	// Section is the dotted path of the mapping that holds the key
	// ("sources.timeark", "change_costs.items[1]"); empty at the top level.
	Section string
	// Key is the key as written.
	Key string
	// Problem says what is wrong with it.
	Problem string
}

func (e *KeyError) Error() string {
	where := "at the top level"
	if e.Section != "" {
		where = "in " + e.Section
	}
	return fmt.Sprintf("%s:%d:%d: %q %s: %s", e.File, e.Line, e.Column, e.Key, where, e.Problem)
}

// Unwrap makes every KeyError an ErrInvalid.
func (e *KeyError) Unwrap() error { return ErrInvalid }

// CheckFile reads the config file at path and checks it with CheckYAML.
// Only YAML (and JSON, which YAML reads) can be checked key by key, so
// any other format is refused rather than loaded unchecked.
func CheckFile(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
	default:
		return fmt.Errorf("%w: %s: a config file is YAML (.yaml or .yml)", ErrInvalid, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return CheckYAML(path, data)
}

// CheckYAML checks that every key in the YAML document data is one that
// Config decodes, at any depth (sources, the run job, the benefits model),
// and that no mapping has two keys that differ only in case or
// surrounding spaces: viper lower-cases keys and value maps are matched
// case-insensitively, so one of them would be dropped at random. Every
// problem is reported, each as a *KeyError naming the file, line, column
// and, for an unknown key, the nearest known one. file names the
// document in the messages. Values are not checked here (Validate does).
func CheckYAML(file string, data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrInvalid, file, err)
	}
	c := checker{file: file, seen: map[seenKey]bool{}}
	if len(doc.Content) > 0 {
		c.walk(doc.Content[0], reflect.TypeFor[Config](), "")
	}
	return errors.Join(c.errs...)
}

type seenKey struct {
	n *yaml.Node
	t reflect.Type
}

type checker struct {
	file string
	errs []error
	// seen stops an alias from being checked more than once (and a
	// "billion laughs" document from being walked exponentially).
	seen map[seenKey]bool
}

func (c *checker) bad(k *yaml.Node, section, format string, args ...any) {
	c.errs = append(c.errs, &KeyError{File: c.file, Line: k.Line, Column: k.Column,
		Section: section, Key: k.Value, Problem: fmt.Sprintf(format, args...)})
}

// pair is one key and value of a mapping; merged marks a pair that a
// merge key (<<: *anchor) brought in, which the mapping's own keys override.
type pair struct {
	k, v   *yaml.Node
	merged bool
}

// pairs returns the key/value pairs of a mapping node, with the pairs of
// merged mappings after its own.
func pairs(n *yaml.Node) []pair {
	var own, merged []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			for v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			srcs := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				srcs = v.Content
			}
			for _, s := range srcs {
				for s.Kind == yaml.AliasNode {
					s = s.Alias
				}
				if s.Kind == yaml.MappingNode {
					for _, p := range pairs(s) {
						p.merged = true
						merged = append(merged, p)
					}
				}
			}
			continue
		}
		own = append(own, pair{k, v, false})
	}
	return append(own, merged...)
}

// walk checks node n against type t; section is n's dotted path.
func (c *checker) walk(n *yaml.Node, t reflect.Type, section string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if c.seen[seenKey{n, t}] {
		return
	}
	c.seen[seenKey{n, t}] = true
	join := func(key string) string {
		if section == "" {
			return key
		}
		return section + "." + key
	}
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := fieldsOf(t)
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.name
		}
		first := map[string]*yaml.Node{}
		for _, p := range pairs(n) {
			k, v := p.k, p.v
			name := strings.ToLower(k.Value)
			i := slices.IndexFunc(fields, func(f field) bool { return f.name == name })
			if i < 0 {
				c.bad(k, section, "%s", unknownKey(k.Value, names))
				continue
			}
			if prev, ok := first[name]; ok {
				if !p.merged && (prev.Line != k.Line || prev.Column != k.Column) {
					c.bad(k, section, "the same key as %q at line %d (keys ignore case); keep one", prev.Value, prev.Line)
				}
				continue
			}
			first[name] = k
			c.walk(v, fields[i].typ, join(fields[i].name))
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		first := map[string]*yaml.Node{}
		for _, p := range pairs(n) {
			k, v := p.k, p.v
			norm := strings.ToLower(strings.TrimSpace(k.Value))
			if prev, ok := first[norm]; ok {
				if !p.merged && (prev.Line != k.Line || prev.Column != k.Column) {
					c.bad(k, section, "the same key as %q at line %d apart from case or spaces; keys here are matched ignoring both, so only one of them could apply: keep one", prev.Value, prev.Line)
				}
				continue
			}
			first[norm] = k
			c.walk(v, t.Elem(), join(k.Value))
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			c.walk(item, t.Elem(), fmt.Sprintf("%s[%d]", section, i))
		}
	}
	// Anything else is a scalar, null or a type mismatch, which decoding
	// and Validate report.
}

// field is one key of a struct as mapstructure decodes it.
type field struct {
	name string
	typ  reflect.Type
}

// fieldsOf lists the keys of a struct type by their mapstructure names
// (lower case, as viper compares them); squashed structs add their keys.
func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("mapstructure"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "squash") && f.Type.Kind() == reflect.Struct {
			out = append(out, fieldsOf(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, field{strings.ToLower(name), f.Type})
	}
	return out
}

// unknownKey words the problem of a key that a struct lacks (known are
// the keys it has): the nearest known key, or else where in the config
// the key belongs and the list of known keys.
func unknownKey(key string, known []string) string {
	if s := Suggest(key, known); s != "" {
		return fmt.Sprintf("unknown key; did you mean %s?", s)
	}
	msg := "unknown key"
	if elsewhere := placesOf(strings.ToLower(key)); len(elsewhere) > 0 {
		msg += fmt.Sprintf("; %s is a key of %s", strings.ToLower(key), strings.Join(elsewhere, ", "))
	}
	return msg + "; the keys here are " + strings.Join(known, ", ")
}

// placesOf lists the sections of Config that have key, e.g. "sources.NAME"
// for minutes_unit.
func placesOf(key string) []string {
	var out []string
	var walk func(t reflect.Type, section string, depth int)
	walk = func(t reflect.Type, section string, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if depth > 6 {
			return
		}
		switch t.Kind() {
		case reflect.Struct:
			for _, f := range fieldsOf(t) {
				sub := f.name
				if section != "" {
					sub = section + "." + f.name
				}
				if f.name == key {
					out = append(out, cmp.Or(section, "the top level"))
				}
				walk(f.typ, sub, depth+1)
			}
		case reflect.Map:
			walk(t.Elem(), section+".NAME", depth+1)
		case reflect.Slice:
			walk(t.Elem(), section+"[]", depth+1)
		}
	}
	walk(reflect.TypeFor[Config](), "", 0)
	return out
}

// Suggest returns the candidate nearest to word by edit distance
// (Levenshtein, ignoring case), when it is near enough to be a likely
// typo: at most 2 edits and fewer than half of word's letters. Otherwise
// it returns "".
func Suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(w, strings.ToLower(c))
		if d < bestD && 2*d < len([]rune(w)) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
