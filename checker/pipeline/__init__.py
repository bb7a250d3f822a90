"""One check run end to end: discovery, loading, schema, model, rules, suppressions, cache."""
