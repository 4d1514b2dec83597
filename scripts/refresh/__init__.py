"""Refresh the GitHub figures in data/github.yaml and the star history in data/history/.

One module a responsibility: `client` talks HTTP (timeouts, retries, rate
limits), `graphql` and `rest` turn GitHub's answers into entries, `outcome`
collects what each repository gave, `store` reads and writes the data files,
`merge` decides what the new file holds, `summary` says what changed, and
`cli` runs it all and chooses the exit status.
"""
