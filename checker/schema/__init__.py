"""The schema stage: one JSON Schema per kind of file, Chinese messages, the PB1xx rules."""
