package meta

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// ioCommands are the input/output, query buffer and operating system commands.
func ioCommands() []Command {
	return []Command{
		{Names: []string{"i", "include"}, Args: "FILE", Help: "execute commands from file", Section: "Input/Output", Run: runInclude},
		{Names: []string{"ir", "include_relative"}, Args: "FILE", Help: "as \\i, but relative to location of current script", Section: "Input/Output", Run: runInclude},
		{Names: []string{"o", "out"}, Args: "[FILE]", Help: "send all query results to file or |pipe", Section: "Input/Output", Run: runOut},
		{Names: []string{"qecho"}, Args: "[-n] [STRING]", Help: "write string to \\o output stream (-n for no newline)", Section: "Input/Output", Run: runEcho},
		{Names: []string{"warn"}, Args: "[-n] [STRING]", Help: "write string to standard error (-n for no newline)", Section: "Input/Output", Run: runEcho},
		{Names: []string{"p", "print"}, Help: "show the contents of the query buffer", Section: "Query Buffer", Run: runPrintBuffer},
		{Names: []string{"r", "reset"}, Help: "reset (clear) the query buffer", Section: "Query Buffer", Run: runResetBuffer},
		{Names: []string{"w", "write"}, Args: "FILE", Help: "write query buffer to file", Section: "Query Buffer", Run: runWriteBuffer},
		{Names: []string{"prompt"}, Args: "[TEXT] NAME", Help: "prompt user to set internal variable", Section: "Variables", Run: runPrompt},
		{Names: []string{"s"}, Args: "[FILE]", Help: "display history or save it to file", Section: "Input/Output", Run: runHistory},
		{Names: []string{"errverbose"}, Help: "show most recent error message at maximum verbosity", Section: "General", Run: runErrVerbose},
		{Names: []string{"timing"}, Args: "[on|off]", Help: "toggle timing of commands", Section: "Formatting", Run: runTiming},
		{Names: []string{"!"}, Args: "[COMMAND]", Help: "execute command in shell or start interactive shell", Section: "Operating System", Run: runShell},
		{Names: []string{"cd"}, Args: "[DIR]", Help: "change the current working directory", Section: "Operating System", Run: runCd},
		{Names: []string{"setenv"}, Args: "NAME [VALUE]", Help: "set or unset environment variable", Section: "Operating System", Run: runSetenv},
		{Names: []string{"getenv"}, Args: "PSQLVAR ENVVAR", Help: "fetch value of environment variable", Section: "Operating System", Run: runGetenv},
	}
}

func runInclude(env *Env, name string, args Args) Result {
	path, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	return env.Loop.Include(path, name == "ir" || name == "include_relative")
}

func runOut(env *Env, _ string, args Args) Result {
	target, _ := args.Next(OptFilePipe)
	if err := env.Loop.SetOutput(target); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}

func runPrintBuffer(env *Env, _ string, _ Args) Result {
	cur, prev := env.Loop.QueryBuffer()
	switch {
	case cur != nil && cur.Len() > 0:
		fmt.Fprintln(env.Stdout, cur.String())
	case prev != "":
		fmt.Fprintln(env.Stdout, prev)
	default:
		fmt.Fprintln(env.Stdout, "Query buffer is empty.")
	}
	return OK
}

func runResetBuffer(env *Env, _ string, _ Args) Result {
	if cur, _ := env.Loop.QueryBuffer(); cur != nil {
		cur.Reset()
	}
	if !env.Quiet {
		fmt.Fprintln(env.Stdout, "Query buffer reset (cleared).")
	}
	return OK
}

func runWriteBuffer(env *Env, name string, args Args) Result {
	cur, prev := env.Loop.QueryBuffer()
	if cur == nil {
		env.Errorf("no query buffer")
		return Error
	}
	path, ok := requiredArg(env, name, args, OptFilePipe)
	if !ok {
		return Error
	}
	text := cur.String()
	if text == "" {
		text = prev
	}
	if strings.HasPrefix(path, "|") {
		if env.Flush != nil {
			env.Flush() // what is already printed comes first, as psql's fflush(NULL) does
		}
		cmd := ShellCommand(path[1:])
		cmd.Stdin = strings.NewReader(text + "\n")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		var exit *exec.ExitError
		if err := cmd.Run(); err != nil && !errors.As(err, &exit) {
			// psql checks only that pclose worked, not the command's exit status.
			env.Errorf("%s: %v", path[1:], err)
			return Error
		}
		return OK
	}
	if err := os.WriteFile(path, []byte(text+"\n"), 0o666); err != nil {
		env.Errorf("%s: %s", path, pathErrText(err))
		return Error
	}
	return OK
}

func runErrVerbose(env *Env, _ string, _ Args) Result {
	msg, ok := env.Loop.LastError()
	if !ok {
		fmt.Fprintln(env.Stdout, "There is no previous error.")
		return OK
	}
	env.Errorf("%s", strings.TrimSuffix(msg, "\n"))
	return OK
}

// runTiming is \timing [on|off]: with no argument it toggles; it always reports the state.
func runTiming(env *Env, _ string, args Args) Result {
	res := OK
	if v, ok := args.Next(OptNormal); ok {
		if b, ok := ParseBool(v); ok {
			*env.Timing = b
		} else {
			env.Errorf("unrecognized value \"%s\" for \"\\timing\": Boolean expected", v)
			res = Error
		}
	} else {
		*env.Timing = !*env.Timing
	}
	if !env.Quiet {
		if *env.Timing {
			fmt.Fprintln(env.Stdout, "Timing is on.")
		} else {
			fmt.Fprintln(env.Stdout, "Timing is off.")
		}
	}
	return res
}

// runShell is \!: the rest of the line run by /bin/sh, or an interactive $SHELL.
func runShell(env *Env, _ string, args Args) Result {
	line, _ := args.Next(OptWholeLine)
	var cmd *exec.Cmd
	if strings.TrimSpace(line) == "" {
		sh := os.Getenv("SHELL")
		if sh == "" {
			sh = "/bin/sh"
		}
		cmd = exec.Command(sh)
	} else {
		cmd = ShellCommand(line)
	}
	env.Flush()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			env.Errorf("\\!: failed")
			return Error
		}
	}
	return OK
}

func runCd(env *Env, _ string, args Args) Result {
	dir, ok := args.Next(OptNormal)
	if !ok {
		home, err := os.UserHomeDir()
		if err != nil {
			env.Errorf("\\cd: could not get home directory: %v", err)
			return Error
		}
		dir = home
	}
	if err := os.Chdir(dir); err != nil {
		env.Errorf("\\cd: could not change directory to \"%s\": %s", dir, pathErrText(err))
		return Error
	}
	return OK
}

func runSetenv(env *Env, name string, args Args) Result {
	key, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	if strings.Contains(key, "=") {
		env.Errorf("\\%s: environment variable name must not contain \"=\"", name)
		return Error
	}
	if val, ok := args.Next(OptNormal); ok {
		os.Setenv(key, val)
	} else {
		os.Unsetenv(key)
	}
	return OK
}

func runGetenv(env *Env, name string, args Args) Result {
	psqlVar, ok1 := args.Next(OptNormal)
	envVar, ok2 := args.Next(OptNormal)
	if !ok1 || !ok2 {
		env.Errorf("\\%s: missing required argument", name)
		return Error
	}
	if v, ok := os.LookupEnv(envVar); ok {
		if err := env.Vars.Set(psqlVar, v); err != nil {
			env.Errorf("%s", err)
			return Error
		}
	}
	return OK
}

// pathErrText is strerror's text for a file error ("No such file or directory").
func pathErrText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		s := pe.Err.Error()
		if s != "" && s[0] >= 'a' && s[0] <= 'z' {
			s = string(s[0]-'a'+'A') + s[1:]
		}
		return s
	}
	return err.Error()
}

// runPrompt is \prompt [TEXT] NAME.
func runPrompt(env *Env, name string, args Args) Result {
	first, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	text, varName := "", first
	if second, ok := args.Next(OptNormal); ok {
		text, varName = first, second
	}
	env.Flush()
	line, err := env.Loop.Prompt(text)
	if err != nil {
		env.Errorf("\\%s: could not read value for variable", name)
		return Error
	}
	if err := env.Vars.Set(varName, line); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}

// runHistory is \s [FILE]: the session's history to standard output, followed by an empty
// line, or to FILE with psql's message. Without a history (not at a terminal) it fails
// silently, as psql's printHistory does.
func runHistory(env *Env, _ string, args Args) Result {
	fname, hasFile := args.Next(OptNormal)
	var entries []string
	ok := env.History != nil
	if ok {
		entries = env.History()
	}
	if ok {
		var b strings.Builder
		for _, e := range entries {
			b.WriteString(e)
			b.WriteByte('\n')
		}
		if hasFile {
			if err := os.WriteFile(expandHome(fname), []byte(b.String()), 0o600); err != nil {
				env.Errorf("could not save history to file \"%s\": %s", fname, pathErrText(err))
				ok = false
			} else if !env.Quiet {
				fmt.Fprintf(env.Stdout, "Wrote history to file \"%s\".\n", fname)
			}
		} else {
			io.WriteString(env.Stdout, b.String())
		}
	}
	if !hasFile {
		fmt.Fprintln(env.Stdout)
	}
	if !ok {
		return Error
	}
	return OK
}
