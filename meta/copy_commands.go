package meta

// copyCommands are \copy and the large-object commands.
func copyCommands() []Command {
	return nil
}
