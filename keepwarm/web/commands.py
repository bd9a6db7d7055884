"""`keepwarm serve`: migrate, then serve with waitress (never Django's runserver)."""

import click


def register(root):
    @root.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=8000, show_default=True, type=int)
    @click.option("--threads", default=None, type=click.IntRange(min=1),
                  help="Threads per web process (default: 2; 8 when --processes is 1).")
    @click.option("--processes", default=None, type=click.IntRange(min=1),
                  help="Web processes sharing the port (default: two per CPU core, at most 8).")
    @click.option("--no-worker", is_flag=True, help="Do not run the background worker in this process.")
    def serve(host, port, threads, processes, no_worker):
        """Apply migrations, then serve the web app.

        Example: keepwarm serve --port 8000
        """
        from keepwarm.lib.dbstats import refresh_statistics
        from keepwarm.lib.schema import announce_on_stderr, ensure_current
        from keepwarm.web import server
        from keepwarm.wsgi import application

        ensure_current(announce_on_stderr)  # usually already done by cli.main; kept for serve called directly
        refresh_statistics()
        processes = processes or server.default_processes()
        # One process needs threads to overlap requests; several overlap them as processes.
        threads = threads or (server.DEFAULT_THREADS if processes > 1 else 8)
        click.echo(f"keepwarm is running at http://{host}:{port}/  ({processes} processes; Ctrl+C to stop)")
        server.serve(application, host, port, threads=threads, processes=processes, with_worker=not no_worker)
