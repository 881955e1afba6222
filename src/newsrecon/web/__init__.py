"""The web app (`newsrecon serve`): FastAPI over the store, server-rendered pages and a JSON API."""

from newsrecon.web.app import create_app

__all__ = ["create_app"]
