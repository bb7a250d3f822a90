"""The handbook: playbook model -> Markdown pages (pure functions), and a thin MkDocs plugin."""
