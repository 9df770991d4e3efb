"""The soak run (`make soak`) and the fault machinery it shares with ``tests/faults``."""
