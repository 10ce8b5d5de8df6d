package pipelines

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"github.com/gevinst/gevinst/config"
)

// PseudonymKey returns the key for employee pseudonyms (SPEC §8): the
// configured key (GEVINST_PSEUDONYM_KEY) if set, else the key file, which
// is created with 32 random bytes and mode 0600 when it does not exist.
// The key lives outside the database, so the database alone cannot
// re-identify anyone.
func PseudonymKey(cfg *config.Config, log *slog.Logger) ([]byte, error) {
	if cfg.PseudonymKey != "" {
		if len(cfg.PseudonymKey) < 16 {
			return nil, fmt.Errorf("%w: pseudonym_key (GEVINST_PSEUDONYM_KEY) must be at least 16 characters", ErrKey)
		}
		return []byte(cfg.PseudonymKey), nil
	}
	key, found, err := readKeyFile(cfg.PseudonymKeyFile)
	if err != nil || found {
		return key, err
	}
	if key, err = randomKey(); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(cfg.PseudonymKeyFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%w: create %s: %w", ErrKey, cfg.PseudonymKeyFile, err)
	}
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: write %s: %w", ErrKey, cfg.PseudonymKeyFile, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("%w: write %s: %w", ErrKey, cfg.PseudonymKeyFile, err)
	}
	log.Warn("created a new pseudonym key; keep it safe and outside the database: without it, later imports give the same employees other pseudonyms",
		"file", cfg.PseudonymKeyFile)
	return key, nil
}

// CheckKey returns the key validate pseudonymises with: the configured key
// or key file when there is one, else a random key for this run only.
// validate stores no pseudonym, and it creates no key file (SPEC §6).
func CheckKey(cfg *config.Config) ([]byte, error) {
	if cfg.PseudonymKey != "" {
		return PseudonymKey(cfg, nil)
	}
	key, found, err := readKeyFile(cfg.PseudonymKeyFile)
	if err != nil || found {
		return key, err
	}
	return randomKey()
}

// readKeyFile reads the hex key in path; found is false when there is no
// such file.
func readKeyFile(path string) (key []byte, found bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%w: read %s: %w", ErrKey, path, err)
	}
	key, err = hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 16 {
		return nil, true, fmt.Errorf("%w: %s does not hold a hex key of at least 16 bytes", ErrKey, path)
	}
	return key, true, nil
}

// randomKey returns 32 random bytes.
func randomKey() ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKey, err)
	}
	return key, nil
}
