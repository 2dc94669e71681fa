"""`ragft serve`: the wizard hosted for a team over SSH, on asyncssh (the
`serve` extra). Each authorized key belongs to a person; each connection
runs the ordinary wizard as its own process on its own pseudo-terminal, in
that person's own folder."""
