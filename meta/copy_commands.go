package meta

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
)

// copyCommands are \copy and the large-object commands.
func copyCommands() []Command {
	const sec = "Large Objects"
	return []Command{
		{Names: []string{"copy"}, Args: "...", Section: "Input/Output", Run: runCopy,
			Help: "perform SQL COPY with data stream to the client host"},
		{Names: []string{"lo_export"}, Args: "LOBOID FILE", Section: sec, Run: runLoExport,
			Help: "write large object to file"},
		{Names: []string{"lo_import"}, Args: "FILE [COMMENT]", Section: sec, Run: runLoImport,
			Help: "read large object from file"},
		{Names: []string{"lo_list", "lo_list+"}, Args: "[+]", Section: sec, Help: "list large objects",
			Run: func(env *Env, name string, a Args) Result {
				return runList(env, name, a, passVerbose, buildLargeObjects)
			}},
		{Names: []string{"lo_unlink"}, Args: "LOBOID", Section: sec, Run: runLoUnlink,
			Help: "delete a large object"},
	}
}

// runCopy is \copy (psql's exec_command_copy and do_copy in copy.c): the rest of the line
// is parsed, the local end opened before anything is sent, and COPY ... FROM STDIN or
// TO STDOUT run with it.
func runCopy(env *Env, _ string, args Args) Result {
	line, _ := args.Next(OptWholeLine)
	if line == "" {
		env.Errorf("\\copy: arguments required")
		return Error
	}
	if env.Copier == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	stdStrings := true
	if env.Connector != nil {
		if c := env.Connector.Conn(); c != nil {
			stdStrings = c.ParameterStatus("standard_conforming_strings") != "off"
		}
	}
	o, err := parseCopy(line, stdStrings, expandHome)
	if err != nil {
		env.Errorf("%s", err.Error())
		return Error
	}
	if o.file != "" && !o.program {
		o.file = filepath.Clean(o.file)
	}
	req := CopyRequest{SQL: o.query()}
	var size int64 = -1
	var closeFn func() error
	var cmd *exec.Cmd
	switch {
	case o.program:
		env.Flush()
		cmd = ShellCommand(o.file) // as popen runs it
		cmd.Stderr = env.Stderr
		var perr error
		if o.from {
			cmd.Stdin = nil
			var r io.ReadCloser
			r, perr = cmd.StdoutPipe()
			req.In = r
		} else {
			cmd.Stdout = env.Stdout
			var w io.WriteCloser
			w, perr = cmd.StdinPipe()
			req.Out, closeFn = errnoWriter{w}, w.Close
		}
		if perr == nil {
			perr = cmd.Start()
		}
		if perr != nil {
			env.Errorf("could not execute command \"%s\": %s", o.file, fileErrText(perr))
			return Error
		}
	case o.file != "":
		var f *os.File
		if o.from {
			f, err = os.Open(o.file)
		} else {
			f, err = os.Create(o.file)
		}
		if err != nil {
			env.Errorf("%s: %s", o.file, fileErrText(err))
			return Error
		}
		st, err := f.Stat()
		if err != nil {
			env.Errorf("could not stat file \"%s\": %s", o.file, fileErrText(err))
			f.Close()
			return Error
		}
		if st.IsDir() {
			env.Errorf("%s: cannot copy from/to a directory", o.file)
			f.Close()
			return Error
		}
		if st.Mode().IsRegular() && o.from {
			size = st.Size()
		}
		if o.from {
			req.In = f
		} else {
			req.Out = errnoWriter{f}
		}
		closeFn = f.Close
	case o.from:
		req.In, _ = env.Copier.CommandSource(o.psqlInOut)
	case o.psqlInOut:
		req.Out = env.Stdout
	default:
		req.Out = env.Out
	}
	if o.from && !o.isBinary() {
		req.In = newEndMarkReader(req.In)
	}
	if o.from && o.file == "" {
		// The data lines the server did not take (it failed on a bad row) are still
		// read up to the end marker, so that they are not run as commands (psql's
		// handleCopyIn reads on), before the error is shown with the line number.
		in := req.In
		req.Done = func() { io.Copy(io.Discard, in) }
	}
	var bar *progressBar
	if tty, width := env.Copier.StderrTerminal(); tty && (o.file != "") {
		bar = newProgressBar(env.Stderr, width, size)
		if o.from {
			req.In = &countingReader{r: req.In, bar: bar}
		} else {
			req.Out = &countingWriter{w: req.Out, bar: bar}
		}
		req.Progress = bar.update
		req.Done, req.Erase = bar.finish, bar.finish
	}
	ok := env.Copier.Copy(req)
	if bar != nil {
		bar.finish()
	}
	if o.program {
		if closeFn != nil {
			closeFn()
		}
		if err := cmd.Wait(); err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				env.Errorf("%s: %s", o.file, waitResultText(ee.ProcessState.Sys()))
			} else {
				env.Errorf("could not close pipe to external command: %s", fileErrText(err))
			}
			ok = false
		}
	} else if closeFn != nil {
		if err := closeFn(); err != nil {
			env.Errorf("%s: %s", o.file, fileErrText(err))
			ok = false
		}
	}
	if !ok {
		return Error
	}
	return OK
}

// isBinary reports whether the COPY is in binary format, where psql does not look for the
// \. end marker.
func (o *copyOptions) isBinary() bool {
	return strings.HasPrefix(strings.ToLower(o.beforeToFrom), "binary") ||
		strings.Contains(strings.ToLower(o.afterToFrom), "binary")
}

// expandHome is psql's expand_tilde: a leading ~ or ~user becomes that home directory.
func expandHome(p string) string {
	if !strings.HasPrefix(p, "~") {
		return p
	}
	name, rest, _ := strings.Cut(p[1:], "/")
	home := ""
	if name == "" {
		if h, ok := os.LookupEnv("HOME"); ok && h != "" {
			home = h
		} else if u, err := user.Current(); err == nil {
			home = u.HomeDir
		}
	} else if u, err := user.Lookup(name); err == nil {
		home = u.HomeDir
	}
	if home == "" {
		return p
	}
	if strings.Contains(p, "/") {
		return home + "/" + rest
	}
	return home
}

// fileErrText is the strerror text of a file error ("No such file or directory").
func fileErrText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return upperFirst(errno.Error())
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return upperFirst(pe.Err.Error())
	}
	return err.Error()
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// errnoWriter reports write errors with their strerror text only ("Broken pipe"), as
// psql's "could not write COPY data: %m" shows them.
type errnoWriter struct{ w io.Writer }

func (e errnoWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		err = errors.New(fileErrText(err))
	}
	return n, err
}
