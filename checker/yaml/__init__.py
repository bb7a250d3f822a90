"""Reading playbook files: strict YAML (1.2 core schema), positions, and the PB0xx rules."""
