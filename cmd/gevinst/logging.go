package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// jsonLog reports whether everything on stderr is JSON lines
// (--log-format json): the config once it is loaded, before that (a usage
// or config error) the flag as given on the command line or in
// GEVINST_LOG_FORMAT. A log_format set only in a config file that fails
// to load cannot be known: that error is text.
func (a *app) jsonLog(args []string) bool {
	if a.log != nil {
		return a.cfg.LogFormat == "json"
	}
	if a.globals.logFormat != "" {
		return a.globals.logFormat == "json"
	}
	for i, arg := range args {
		if arg == "--" {
			break
		}
		if v, ok := strings.CutPrefix(arg, "--log-format="); ok {
			return v == "json"
		}
		if arg == "--log-format" && i+1 < len(args) {
			return args[i+1] == "json"
		}
	}
	return os.Getenv("GEVINST_LOG_FORMAT") == "json"
}

// printError writes the error a command ended with to stderr, once:
// "gevinst: MESSAGE", or under --log-format json one JSON object with the
// message and the exit code.
func (a *app) printError(args []string, err error) {
	msg := strings.TrimPrefix(err.Error(), "usage: ")
	if a.jsonLog(args) {
		slog.New(slog.NewJSONHandler(a.stderr, nil)).Error(msg, "exit", exitCode(err))
		return
	}
	fmt.Fprintf(a.stderr, "gevinst: %s\n", msg)
}
