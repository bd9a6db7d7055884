"""`keepwarm serve`: migrate, then serve with waitress (never Django's runserver)."""

import click


def register(root):
    @root.command()
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=8000, show_default=True, type=int)
    @click.option("--threads", default=8, show_default=True, type=int)
    @click.option("--no-worker", is_flag=True, help="Do not run the background worker in this process.")
    def serve(host, port, threads, no_worker):
        """Apply migrations, then serve the web app.

        Example: keepwarm serve --port 8000
        """
        from django.core.management import call_command
        from waitress import serve as waitress_serve

        from keepwarm.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        if not no_worker:
            from keepwarm.worker import start_in_thread

            start_in_thread()
        click.echo(f"keepwarm is running at http://{host}:{port}/  (Ctrl+C to stop)")
        waitress_serve(application, host=host, port=port, threads=threads, ident="keepwarm")
