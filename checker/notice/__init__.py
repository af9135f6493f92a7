"""The notice analyser's parts: the joined text (text.py), clause splitting (clauses.py), the
outline tree (outline.py), problems, suggestions, demands, metadata, and the extract JSON.
The public entry points live in checker.feedback."""
