"""The benchmark suite: a synthetic Copenhagen-size municipality and the figures measured on it."""
