package meta

// describeCommands are the \d family and the other catalog listings.
func describeCommands() []Command {
	return nil
}
