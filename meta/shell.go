package meta

import "os/exec"

// ShellCommand returns cmd run the way psql runs shell commands (popen and system, for \!,
// \o |cmd, \g |cmd, \w |cmd, \copy ... program, backquotes and the editor): /bin/sh -c cmd,
// with "sh" as the shell's argv[0], which is the name its own messages start with
// ("sh: 1: x: not found").
func ShellCommand(cmd string) *exec.Cmd {
	return &exec.Cmd{Path: "/bin/sh", Args: []string{"sh", "-c", cmd}}
}
