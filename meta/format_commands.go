package meta

import "github.com/gpsql/gpsql/render"

// formatCommands are \pset, its shortcuts and \crosstabview (psql's "Formatting" section
// of \?).
func formatCommands() []Command {
	const sec = "Formatting"
	return []Command{
		{Names: []string{"a"}, Help: "toggle between unaligned and aligned output mode", Section: sec, Run: runToggleFormat},
		{Names: []string{"C"}, Args: "[STRING]", Help: "set table title, or unset if none", Section: sec, Run: runOneArgPset},
		{Names: []string{"crosstabview"}, Args: "[COLUMNS]", Help: "execute query and display result in crosstab", Section: "Query Buffer", Run: runCrosstabview},
		{Names: []string{"f"}, Args: "[STRING]", Help: "show or set field separator for unaligned query output", Section: sec, Run: runOneArgPset},
		{Names: []string{"H", "html"}, Help: "toggle HTML output mode", Section: sec, Run: runToggleFormat},
		{Names: []string{"pset"}, Args: "[NAME [VALUE]]", Help: "set table output option", Section: sec, Run: runPset},
		{Names: []string{"t"}, Args: "[on|off]", Help: "show only rows", Section: sec, Run: runOneArgPset},
		{Names: []string{"T"}, Args: "[STRING]", Help: "set HTML <table> tag attributes, or unset if none", Section: sec, Run: runOneArgPset},
		{Names: []string{"x"}, Args: "[on|off|auto]", Help: "toggle expanded output", Section: sec, Run: runOneArgPset},
	}
}

// shortcutOption is the \pset option behind a one-letter command (exec_command_f, _t, _T,
// _x and _C in command.c).
func shortcutOption(cmd string) string {
	switch cmd {
	case "C":
		return "title"
	case "f":
		return "fieldsep"
	case "t":
		return "tuples_only"
	case "T":
		return "tableattr"
	case "x":
		return "expanded"
	}
	return cmd
}

// runOneArgPset is \C, \f, \t, \T and \x: \pset of one option with the optional argument.
func runOneArgPset(env *Env, cmd string, args Args) Result {
	value, has := args.Next(OptNormal)
	return extraArgs(env, cmd, args, setAndShow(env, shortcutOption(cmd), value, has))
}

// runToggleFormat is \a (unaligned unless already so, then aligned) and \H (html unless
// already so, then aligned), as exec_command_a and exec_command_html do.
func runToggleFormat(env *Env, cmd string, args Args) Result {
	target, name := render.FormatUnaligned, "unaligned"
	if cmd == "H" || cmd == "html" {
		target, name = render.FormatHTML, "html"
	}
	if env.Print.Format == target {
		name = "aligned"
	}
	return extraArgs(env, cmd, args, setAndShow(env, "format", name, true))
}
