package meta

// connectionCommands are \c, \conninfo, \encoding, \password.
func connectionCommands() []Command {
	return nil
}
