package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// YardstickPy is the pandas + openpyxl script of issue 15 (yardstick.py):
// the simpler job a user might script instead of gevinst. The benchmark
// writes it to its scratch directory and times it as a child process.
//
//go:embed yardstick.py
var YardstickPy string

// Python returns the Python interpreter that runs the yardstick — Debian's
// /usr/bin/python3, else python3 on the PATH — or why it cannot: no
// interpreter, or pandas or openpyxl missing. The yardstick is not a
// dependency of gevinst: without it the benchmark skips that row.
func Python() (string, error) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if py, err = exec.LookPath("python3"); err != nil {
			return "", fmt.Errorf("no python3 (install Debian's python3-pandas and python3-openpyxl)")
		}
	}
	out, err := exec.Command(py, "-c", "import pandas, openpyxl").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s cannot import pandas and openpyxl (apt-get install python3-pandas python3-openpyxl): %s",
			py, strings.TrimSpace(lastLine(string(out))))
	}
	return py, nil
}

// WriteYardstick writes the yardstick script into dir and returns its path.
func WriteYardstick(dir string) (string, error) {
	p := filepath.Join(dir, "yardstick.py")
	return p, os.WriteFile(p, []byte(YardstickPy), 0o644)
}
