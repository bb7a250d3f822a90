"""``playbook lsp``: the checker as a language server (pygls), for editors next to the YAML
language server. Needs the ``lsp`` extra (pygls)."""
