"""`python -m govgraph`: the same as the `govgraph` command."""

from govgraph.cli import main

main()
