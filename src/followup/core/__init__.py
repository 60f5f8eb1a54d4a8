"""The planner: facts in, actions and to-dos out. Pure Python, no I/O, no clock reads."""
