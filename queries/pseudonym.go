package queries

import (
	"context"
	"fmt"

	"github.com/gevinst/gevinst/queries/engine"
)

// Pseudonym returns the stored form of an employee id: the first 24 hex
// digits (96 bits) of HMAC-SHA-256(key, id) (SPEC §8). Without the key the
// id cannot be recovered or guessed from a list of ids.
func Pseudonym(key []byte, id string) string { return engine.Pseudonym(key, id) }

// SetPseudonymKey registers gevinst_pseudonym(VARCHAR) on the connection,
// keyed with key; the time import calls it on every employee id before
// anything is stored.
func (d *DB) SetPseudonymKey(_ context.Context, key []byte) error {
	if len(key) < 16 {
		return fmt.Errorf("%w: the pseudonym key must be at least 16 bytes", ErrConfig)
	}
	return d.eng.RegisterPseudonym(key)
}
