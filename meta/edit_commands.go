package meta

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// editCommands are \e, \ef, \ev (psql's exec_command_edit and exec_command_ef_ev).
func editCommands() []Command {
	const sec = "Query Buffer"
	return []Command{
		{Names: []string{"e", "edit"}, Args: "[FILE] [LINE]", Help: "edit the query buffer (or file) with external editor", Section: sec, Run: runEdit},
		{Names: []string{"ef"}, Args: "[FUNCNAME [LINE]]", Help: "edit function definition with external editor", Section: sec, Run: runEditObject},
		{Names: []string{"ev"}, Args: "[VIEWNAME [LINE]]", Help: "edit view definition with external editor", Section: sec, Run: runEditObject},
	}
}

// Function and view templates \ef and \ev start from when given no name (command.c
// exec_command_ef_ev).
const (
	functionTemplate = "CREATE FUNCTION ( )\n RETURNS \n LANGUAGE \n -- common options:  IMMUTABLE  STABLE  STRICT  SECURITY DEFINER\nAS $function$\n\n$function$\n"
	viewTemplate     = "CREATE VIEW  AS\n SELECT \n  -- something...\n"
)

// runEdit is \e [FILE] [LINE]: edit the query buffer (the previous query when it is
// empty) or FILE, and hand the result back to the loop to scan as new input (NewEdit). A
// lone all-digit argument is a line number. When the file is left unchanged, FILE's edit
// and the recalled previous query leave an empty buffer (psql 14+'s discard_on_quit).
func runEdit(env *Env, _ string, args Args) Result {
	buf, prev := env.Loop.QueryBuffer()
	if buf == nil {
		env.Errorf("no query buffer")
		return Error
	}
	fname, hasFile := args.Next(OptNormal)
	ln, hasLine := "", false
	if hasFile {
		ln, hasLine = args.Next(OptNormal)
		if !hasLine && fname != "" && strings.Trim(fname, "0123456789") == "" {
			ln, hasLine, fname, hasFile = fname, true, "", false
		}
	}
	lineno := -1
	if hasLine {
		lineno = atoi(ln)
		if lineno < 1 {
			env.Errorf("invalid line number: %s", ln)
			return Error
		}
	}
	discard := true
	if hasFile {
		fname = expandHome(fname)
		if fname != "" {
			fname = filepath.Clean(fname)
		}
	} else {
		// copy_previous_query: recall the last query into an empty buffer.
		discard = buf.Len() == 0
		if discard {
			buf.WriteString(prev)
		}
	}
	if _, ok := doEdit(env, fname, buf, lineno, discard); !ok {
		return Error
	}
	return NewEdit
}

// runEditObject is \ef [FUNCNAME [LINE]] and \ev [VIEWNAME [LINE]]: the object's CREATE
// command (or a template without a name) replaces the query buffer and goes to the
// editor; an unchanged file prints "No changes" and leaves the buffer empty. On any
// failure the buffer is emptied, as psql does.
func runEditObject(env *Env, name string, args Args) Result {
	isFunc := name == "ef"
	buf, _ := env.Loop.QueryBuffer()
	if buf == nil {
		env.Errorf("no query buffer")
		return Error
	}
	obj, _ := args.Next(OptWholeLine)
	lineno, obj, ok := stripLineno(obj)
	res := OK
	switch {
	case !ok:
		env.Errorf("invalid line number: %s", obj)
		res = Error
	case strings.TrimSpace(obj) == "":
		buf.Reset()
		if isFunc {
			buf.WriteString(functionTemplate)
		} else {
			buf.WriteString(viewTemplate)
		}
	default:
		text, r := objectSource(env, strings.TrimSpace(obj), isFunc)
		if r != OK {
			res = Error
			break
		}
		buf.Reset()
		buf.WriteString(text)
		if isFunc && lineno > 0 {
			lineno += headerLines(text)
		}
	}
	if res == OK {
		edited, ok := doEdit(env, "", buf, lineno, true)
		switch {
		case !ok:
			res = Error
		case !edited:
			fmt.Fprintln(env.Stdout, "No changes")
		default:
			res = NewEdit
		}
	}
	if res == Error {
		buf.Reset()
	}
	return res
}

// headerLines counts the lines of a function definition before its body: the first line
// starting with "AS ", "BEGIN " or "RETURN " (pg_get_functiondef's layout), so that \ef's
// line 1 is the body's first line.
func headerLines(def string) int {
	n := 0
	for _, line := range strings.SplitAfter(def, "\n") {
		if line == "" || strings.HasPrefix(line, "AS ") || strings.HasPrefix(line, "BEGIN ") || strings.HasPrefix(line, "RETURN ") {
			break
		}
		n++
	}
	return n
}

// stripLineno splits a trailing line number off \ef/\ev's argument as psql's
// strip_lineno_from_objdesc does: digits at the end, after a space or a closing
// parenthesis, behind a non-empty name. lineno is -1 when there is none; ok is false for a
// line number below 1 (obj is then the digits, for the error message).
func stripLineno(obj string) (lineno int, rest string, ok bool) {
	t := strings.TrimRight(obj, " \t\n\r\f\v")
	i := len(t)
	for i > 0 && t[i-1] >= '0' && t[i-1] <= '9' {
		i--
	}
	if i == len(t) || i <= 1 || !(t[i-1] == ')' || strings.ContainsRune(" \t\n\r\f\v", rune(t[i-1]))) {
		return -1, obj, true
	}
	digits := obj[i:]
	n := atoi(digits)
	if n < 1 {
		return 0, digits, false
	}
	return n, obj[:i], true
}

// doEdit is psql's do_edit: with no fname, the buffer (newline-terminated) goes to a
// temporary file $TMPDIR/psql.edit.PID.sql dated two seconds back; the editor runs on the
// file; if its size or modification second changed, its contents replace the buffer,
// else the buffer is emptied when discard is set (also after a failure). It reports
// whether the buffer was replaced and whether all went well.
func doEdit(env *Env, fname string, buf *strings.Builder, lineno int, discard bool) (edited, ok bool) {
	tmp := fname == ""
	failed := false
	if tmp {
		dir := os.Getenv("TMPDIR")
		if dir == "" {
			dir = "/tmp"
		}
		fname = fmt.Sprintf("%s/psql.edit.%d.sql", dir, os.Getpid())
		f, err := os.OpenFile(fname, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			env.Errorf("could not open temporary file \"%s\": %s", fname, pathErrText(err))
			return false, false
		}
		if buf.Len() > 0 && !strings.HasSuffix(buf.String(), "\n") {
			buf.WriteString("\n")
		}
		_, werr := f.WriteString(buf.String())
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			env.Errorf("%s: %s", fname, pathErrText(werr))
			failed = true
		}
		past := time.Now().Add(-2 * time.Second)
		_ = os.Chtimes(fname, past, past)
	}
	var before os.FileInfo
	if !failed {
		var err error
		if before, err = os.Stat(fname); err != nil {
			env.Errorf("%s: %s", fname, pathErrText(err))
			failed = true
		}
	}
	if !failed {
		failed = !editFile(env, fname, lineno)
	}
	var after os.FileInfo
	if !failed {
		var err error
		if after, err = os.Stat(fname); err != nil {
			env.Errorf("%s: %s", fname, pathErrText(err))
			failed = true
		}
	}
	if !failed && (before.Size() != after.Size() || before.ModTime().Unix() != after.ModTime().Unix()) {
		data, err := os.ReadFile(fname)
		if err != nil {
			env.Errorf("%s: %s", fname, pathErrText(err))
			failed = true
		} else {
			buf.Reset()
			buf.Write(data)
			edited = true
		}
	} else if discard {
		buf.Reset()
	}
	if tmp {
		if err := os.Remove(fname); err != nil {
			env.Errorf("could not remove file \"%s\": %s", fname, pathErrText(err))
			failed = true
		}
	}
	return edited, !failed
}

// editFile runs the editor on fname through /bin/sh as psql's editFile does:
// PSQL_EDITOR, else EDITOR, else VISUAL, else vi, with PSQL_EDITOR_LINENUMBER_ARG and the
// line number before the file name when lineno > 0 (psql 15 on Unix has no default for
// it). It reports whether the editor exited with status 0.
func editFile(env *Env, fname string, lineno int) bool {
	editor := "vi"
	for _, k := range []string{"PSQL_EDITOR", "EDITOR", "VISUAL"} {
		if v, ok := os.LookupEnv(k); ok {
			editor = v
			break
		}
	}
	line := fmt.Sprintf("exec %s '%s'", editor, fname)
	if lineno > 0 {
		arg, ok := os.LookupEnv("PSQL_EDITOR_LINENUMBER_ARG")
		if !ok {
			env.Errorf("environment variable PSQL_EDITOR_LINENUMBER_ARG must be set to specify a line number")
			return false
		}
		line = fmt.Sprintf("exec %s %s%d '%s'", editor, arg, lineno, fname)
	}
	if env.Flush != nil {
		env.Flush()
	}
	cmd := ShellCommand(line)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		env.Errorf("could not start editor \"%s\"", editor)
	}
	return err == nil
}
