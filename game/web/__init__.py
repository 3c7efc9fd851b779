"""The classroom's web server: the worker page over HTTP and one WebSocket endpoint.

``protocol`` (pure: the messages and their checks), ``limits`` (pure: rate limits with time
passed in), ``events`` (pure: what crosses between the server thread and the game loop),
``pages`` (the static files the server may serve, read once) and ``server`` (aiohttp on one
background thread with its own asyncio loop). The web layer only carries messages: every
decision about workers, tasks and pay is the platform's (``game.crowd``).
"""
