package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// progressBar draws the first pass over a large file (hashing, encoding
// check) on stderr, only when stderr is a terminal and not --quiet or
// --log-format json; the per-file summary line follows when the import is
// done.
type progressBar struct {
	w     io.Writer
	last  time.Time
	shown bool
}

// minProgressBytes is the file size from which a bar is worth drawing.
const minProgressBytes = 64 << 20

func (a *app) progressBar() *progressBar {
	f, ok := a.stderr.(*os.File)
	if !ok || a.cfg.Quiet || a.cfg.LogFormat == "json" {
		return &progressBar{}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return &progressBar{}
	}
	return &progressBar{w: f}
}

func (p *progressBar) update(path string, done, total int64) {
	if p.w == nil || total < minProgressBytes || (time.Since(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last = time.Now()
	if done >= total {
		p.finish() // the summary line follows once the file is loaded
		return
	}
	const width = 30
	n := int(width * done / total)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d %% of %d MiB read; then checks and load",
		filepath.Base(path), strings.Repeat("=", n), strings.Repeat(" ", width-n), 100*done/total, total>>20)
	p.shown = true
}

func (p *progressBar) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
