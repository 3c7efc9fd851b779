"""Sources of the Turk's moves behind one non-blocking, poll-based interface (no pygame)."""
