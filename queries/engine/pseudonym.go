package engine

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
)

// Pseudonym returns the stored form of an employee id: the first 24 hex
// digits (96 bits) of HMAC-SHA-256(key, id) (SPEC §8). Without the key the
// id cannot be recovered or guessed from a list of ids.
func Pseudonym(key []byte, id string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))[:24]
}

// RegisterPseudonym registers gevinst_pseudonym(VARCHAR) on the engine's
// connection, keyed with key; the time import calls it on every employee
// id before anything is stored. The caller checks the key's length.
func (e *Engine) RegisterPseudonym(key []byte) error {
	k := append([]byte(nil), key...)
	f := pseudonymUDF{key: k, cache: &pseudonymCache{}}
	if err := duckdb.RegisterScalarUDF(e.conn, "gevinst_pseudonym", f); err != nil {
		return fmt.Errorf("%w: register pseudonym function: %w", ErrDatabase, err)
	}
	return nil
}

// pseudonymUDF computes gevinst_pseudonym. The fast import calls it on
// every row it loads (millions of rows, hundreds of employees), so the
// pseudonyms of the first maxCachedPseudonyms ids are kept.
type pseudonymUDF struct {
	key   []byte
	cache *pseudonymCache
}

// maxCachedPseudonyms bounds the cache (about 100 bytes an entry).
const maxCachedPseudonyms = 1 << 20

// pseudonymCache maps ids to pseudonyms; DuckDB calls the function from
// several threads at once.
type pseudonymCache struct {
	m sync.Map
	n atomic.Int64
}

func (c *pseudonymCache) get(key []byte, id string) string {
	if p, ok := c.m.Load(id); ok {
		return p.(string)
	}
	p := Pseudonym(key, id)
	if c.n.Load() < maxCachedPseudonyms {
		// id may be borrowed from DuckDB's vector: the cache keeps a copy.
		if _, loaded := c.m.LoadOrStore(strings.Clone(id), p); !loaded {
			c.n.Add(1)
		}
	}
	return p
}

func (f pseudonymUDF) Config() duckdb.ScalarFuncConfig {
	text, _ := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{text}, ResultTypeInfo: text}
}

// Executor works on whole vectors: the ids are read in place and only the
// pseudonyms are copied (a row executor boxes every value, about six
// times the CPU on a large import).
func (f pseudonymUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: func(_ context.Context, st *duckdb.ChunkIteratorState) error {
		out, err := duckdb.GetVectorWriter[string](st.GetResultVector())
		if err != nil {
			return err
		}
		// NULL in, NULL out (the default NULL handling)
		return eachText(st.GetInputChunk(), 0, func(row int, id string) error {
			return out.Set(row, f.cache.get(f.key, id))
		})
	}}
}
