package meta

import (
	"fmt"
	"io"
	"strings"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// helpCommands are \?, \h (\help) and \copyright (psql's help.c: slashUsage, helpSQL,
// print_copyright).
func helpCommands() []Command {
	return []Command{
		{Names: []string{"?"}, Args: "[commands|options|variables]", Help: "show help on backslash commands, command-line options or special variables", Section: "Help", Run: runSlashHelp},
		{Names: []string{"h", "help"}, Args: "[NAME]", Help: "help on syntax of SQL commands, * for all commands", Section: "Help", Run: runSQLHelp},
		{Names: []string{"copyright"}, Help: "show what gpsql is and its distribution terms", Section: "General", Run: runCopyright},
	}
}

// helpEntry is one command of the \? commands text: the registry name that makes gpsql
// list it, and its lines as psql prints them; an entry with a section starts a section.
// A text holding %s gets the command's current state (see HelpStatus).
type helpEntry struct {
	section string
	name    string
	text    string
}

// isCondName reports the commands the loop itself runs (\if and friends): always
// available, though not in the registry.
func isCondName(name string) bool {
	return name == "if" || name == "elif" || name == "else" || name == "endif"
}

// HelpStatus is the session state that \? commands shows in its "(currently ...)" notes
// (psql's slashUsage reads pset). The zero value is psql's state before any connection
// and with default settings, as --help=commands prints it.
type HelpStatus struct {
	DB         string // current database; "" when not connected
	HTML       bool   // \pset format html
	TuplesOnly bool   // \t
	Expanded   render.Expanded
	Timing     bool // \timing
}

// CommandsHelp returns the text of \? commands (and --help=commands): psql 15's layout and
// sections (help.c slashUsage), listing only the commands gpsql's registry holds. It is
// safe for concurrent use; the caller owns the string.
func CommandsHelp(st HelpStatus) string {
	var b strings.Builder
	onOff := func(v bool) string {
		if v {
			return "on"
		}
		return "off"
	}
	var section string // pending section title, printed with its first listed command
	first := true
	for _, e := range commandsHelpTable() {
		if e.section != "" {
			section = e.section
			continue
		}
		if _, ok := Lookup(e.name); !ok && !isCondName(e.name) {
			continue
		}
		if section != "" {
			if !first {
				b.WriteString("\n")
			}
			b.WriteString(section + "\n")
			section, first = "", false
		}
		text := e.text
		if strings.Contains(text, "%s") {
			var v string
			switch e.name {
			case "H":
				v = onOff(st.HTML)
			case "t":
				v = onOff(st.TuplesOnly)
			case "x":
				v = map[render.Expanded]string{render.ExpandedOff: "off", render.ExpandedOn: "on", render.ExpandedAuto: "auto"}[st.Expanded]
			case "timing":
				v = onOff(st.Timing)
			case "c":
				v = "no connection"
				if st.DB != "" {
					v = `"` + st.DB + `"`
				}
			}
			text = strings.Replace(text, "%s", v, 1)
		}
		b.WriteString(text + "\n")
	}
	return b.String()
}

// VariablesHelp returns the text of \? variables (and --help=variables), psql 15's
// (help.c helpVariables). It is safe for concurrent use.
func VariablesHelp() string { return variablesHelp }

// runSlashHelp is \? [commands|options|variables]; any other topic shows the commands, as
// exec_command_slash_command_help does.
func runSlashHelp(env *Env, name string, args Args) Result {
	topic, _ := args.Next(OptNormal)
	var text string
	switch topic {
	case "options":
		text = Usage(proto.OSEnv(), "gpsql")
	case "variables":
		text = VariablesHelp()
	default:
		st := HelpStatus{Timing: env.Timing != nil && *env.Timing}
		if env.Print != nil {
			st.HTML = env.Print.Format == render.FormatHTML
			st.TuplesOnly = env.Print.TuplesOnly
			st.Expanded = env.Print.Expanded
		}
		if env.Vars != nil && env.Query != nil && env.Query.ServerVersion() != 0 {
			st.DB, _ = env.Vars.Get("DBNAME")
		}
		text = CommandsHelp(st)
	}
	io.WriteString(env.Stdout, text)
	return extraArgs(env, name, args, OK)
}

// runCopyright is \copyright.
func runCopyright(env *Env, _ string, _ Args) Result {
	io.WriteString(env.Stdout, copyrightText)
	return OK
}

// runSQLHelp is \h [NAME] (psql's helpSQL): the whole rest of the line is the topic, with
// trailing spaces and semicolons dropped.
func runSQLHelp(env *Env, _ string, args Args) Result {
	topic, _ := args.Next(OptWholeLine)
	topic = strings.TrimRight(topic, " \t\n\r;")
	width := 80
	if env.Print != nil && env.Print.TermWidth > 0 {
		width = env.Print.TermWidth
	}
	io.WriteString(env.Stdout, SQLHelp(topic, width))
	return OK
}

// sqlHelpColWidth is psql's QL_MAX_CMD_LEN + 1: the width of a column of \h's list.
const sqlHelpColWidth = 33

// SQLHelp returns the text of \h topic: the list of SQL commands in as many columns as fit
// in width when topic is empty, else every command whose name the topic matches with
// psql's rules (help.c helpSQL: the whole topic, then its first two words, then its first
// word, case-insensitively as a prefix; "*" for all; an exact match stops the search). The
// descriptions and synopses are gpsql's own summaries. Safe for concurrent use.
func SQLHelp(topic string, width int) string {
	cmds := sqlCommands()
	var b strings.Builder
	if topic == "" {
		ncols := (width - 3) / sqlHelpColWidth
		if ncols < 1 {
			ncols = 1
		}
		nrows := (len(cmds) + ncols - 1) / ncols
		b.WriteString("Available help:\n")
		for i := 0; i < nrows; i++ {
			b.WriteString("  ")
			for j := 0; j < ncols; j++ {
				name := ""
				if k := i + j*nrows; k < len(cmds) {
					name = cmds[k].name
				}
				if j < ncols-1 {
					fmt.Fprintf(&b, "%-*s", sqlHelpColWidth, name)
				} else {
					b.WriteString(name)
				}
			}
			b.WriteString("\n")
		}
		return b.String()
	}
	n := len(topic)
	for pass := 1; pass <= 3; pass++ {
		if pass > 1 {
			short := firstWords(topic, pass == 2)
			if len(short) >= n {
				continue
			}
			n = len(short)
		}
		found := false
		for _, c := range cmds {
			if topic != "*" && !(len(c.name) >= n && strings.EqualFold(topic[:n], c.name[:n])) {
				continue
			}
			found = true
			fmt.Fprintf(&b, "Command:     %s\nDescription: %s\nSyntax:\n%s\n\nURL: https://www.postgresql.org/docs/15/%s.html\n\n",
				c.name, c.desc, strings.TrimSpace(c.syntax), c.id)
			if strings.EqualFold(topic, c.name) {
				break
			}
		}
		if found {
			return b.String()
		}
	}
	return fmt.Sprintf("No help available for \"%s\".\nTry \\h with no arguments to see available help.\n", topic)
}

// firstWords is topic cut after its first word, or its first two words when two is set,
// as helpSQL counts them (the space after the first word is kept for the second).
func firstWords(topic string, two bool) string {
	j, wordlen := 1, 1
	for j < len(topic) {
		c := topic[j]
		j++
		if c == ' ' {
			break
		}
		wordlen++
	}
	if two && j < len(topic) {
		wordlen++
		for j < len(topic) {
			c := topic[j]
			j++
			if c == ' ' {
				break
			}
			wordlen++
		}
	}
	if wordlen > len(topic) {
		wordlen = len(topic)
	}
	return topic[:wordlen]
}
