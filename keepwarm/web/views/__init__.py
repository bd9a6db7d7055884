"""The web app's views, one module per page area (today, board, contacts, jobs, search, settings…)."""
