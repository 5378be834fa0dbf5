package main

import (
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/repl"
)

// usage is the --help text: psql's options with their defaults taken from the environment.
func usage(env proto.Env) string { return repl.Usage(env, progName) }
