module github.com/gpsql/gpsql

go 1.26.0

require (
	github.com/chzyer/readline v1.5.1
	github.com/mattn/go-runewidth v0.0.31
	golang.org/x/term v0.47.0
	golang.org/x/text v0.43.0
)

require (
	github.com/clipperhouse/uax29/v2 v2.2.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)
