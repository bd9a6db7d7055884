"""Forms of the web app, one module per page area."""
