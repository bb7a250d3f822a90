"""Deadlines on the working calendar: working-time arithmetic, limit comparison, timelines."""
