"""The crowd in the cabinet: the platform that cuts the Turk's moves into small tasks.

Pure core (``chess`` and the standard library only): tasks and their answers
(``game.crowd.tasks``), the rules that aggregate answers (``aggregate``), the workers and their
pseudonyms (``roster``, ``names``), pay and the platform's fee (``ledger``), the platform that
posts tasks and closes them on time (``platform``), and the typed summary the reveal and the
workers' receipts read (``summary``). Nothing here knows of pygame, sockets or the web.
"""
