"""The classroom in set situations, for ``turk screenshot`` and for looking at it.

Like ``game.screenshot``, a recipe book above the app (it builds the classroom's app).

Owns: ``CROWD_SCENES`` and ``take_crowd_screenshot``: the projector (the game beside the join
panel, with a class at work: workers joined, tasks done, a task open with its countdown and
number of answers) and every page of a crowd game's reveal, from the made-up class of
``game.crowd.demo`` — the real platform, the real panel and the real reveal scene. No port is
opened: the web server is made but not started, and the address shown is an example.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import chess
import pygame

from game.app import App, Launch
from game.classroom import ClassroomHost
from game.classroom_app import ClassroomApp
from game.config import Settings
from game.content.sources import load_sources
from game.crowd.demo import GAME, NAMES, demo_summary
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.tasks import LabelQuestion, TaskKind
from game.model.records import MoveAuthor
from game.model.reveal import Guess
from game.model.session import GameSession
from game.opponents.idle import IdleOpponent
from game.ui.crowd.reveal_pages import CrowdPageKind
from game.ui.crowd.reveal_scene import CrowdRevealScene
from game.web.server import CrowdServer

EXAMPLE_URL = "http://192.168.1.20:8770/?room=K7MX"
PAGES = {f"crowd-{kind.value}": kind for kind in CrowdPageKind}
CROWD_SCENES = ("classroom", *PAGES)


def _busy_host() -> ClassroomHost:
    """A classroom mid-game: 23 workers have joined and done four tasks."""
    platform = Platform(CrowdSettings(kinds=frozenset({TaskKind.PROPOSE})))
    workers = [platform.join(name) for name in NAMES]
    board = chess.Board()
    for ply, uci in enumerate(GAME[:4]):
        if board.turn == chess.BLACK:
            for kind in (TaskKind.LABEL, TaskKind.PROPOSE):
                task = platform.post(kind, game_id="earlier", ply=ply, board=board,
                                     question=LabelQuestion.KING_DANGER)
                answer = "no" if kind is TaskKind.LABEL else uci
                for worker in workers[:20]:
                    platform.answer(worker.worker_id, task.task_id, game_id="earlier",
                                    ply=ply, answer=[answer])
                platform.update(20.0)
        board.push_uci(uci)
    server = CrowdServer(room="K7MX", pages={})
    host = ClassroomHost(platform, server, standby=lambda setup: IdleOpponent())
    host.url = EXAMPLE_URL
    return host


def busy_projector(settings: Settings, *,
                   before_start: Callable[[ClassroomApp], None] | None = None) -> ClassroomApp:
    """The projector at ply 5 of the demo game: the crowd's proposal is open, 9 answered.
    ``before_start`` sees the app before its first frame (a check that listens to it)."""
    host = _busy_host()
    session = GameSession(visitor_color=chess.WHITE)
    for ply, uci in enumerate(GAME[:5]):
        session.apply(chess.Move.from_uci(uci),
                      MoveAuthor.VISITOR if ply % 2 == 0 else MoveAuthor.CROWD)
    app = ClassroomApp(Launch(settings, session), host)
    if before_start is not None:
        before_start(app)
    app.start_play(show=False)
    app.step(1 / 60)
    platform = host.platform
    for task in platform.open_tasks():
        for worker in platform.roster.workers[:9]:
            platform.answer(worker.worker_id, task.task_id, game_id=task.game_id,
                            ply=task.ply, answer=[GAME[5]])
    platform.update(7.4)
    return app


def take_crowd_screenshot(scene: str, size: tuple[int, int], language: str,
                          out: Path) -> Path:
    """Render a classroom ``scene`` to ``out`` (a PNG).

    :raises KeyError: for a scene not in ``CROWD_SCENES``.
    """
    if scene not in CROWD_SCENES:
        raise KeyError(scene)
    scratch = tempfile.TemporaryDirectory(prefix="turk-screenshot-")
    settings = Settings(data_dir=Path(scratch.name)).replace(
        window_size=size, language=language, fullscreen=False, pacing=False, greeting=False,
        mute=True, show=False, takeback=False)
    app: App
    if scene == "classroom":
        app = busy_projector(settings)
    else:
        app = App(Launch(settings), opponent_factory=lambda setup: IdleOpponent())
        reveal = CrowdRevealScene(app.services, demo_summary(), guess=Guess.MACHINE,
                                  sources=load_sources(), finish=lambda: None)
        app.stack.replace(reveal)
        reveal.go_to(next(i for i, p in enumerate(reveal.pages) if p.kind is PAGES[scene]))
    try:
        for _ in range(3):
            app.step(1 / 60)
        out.parent.mkdir(parents=True, exist_ok=True)
        window = pygame.display.get_surface()
        if window is None:
            raise RuntimeError("the window closed before the screenshot")
        pygame.image.save(window, str(out))
    finally:
        app.close()
        scratch.cleanup()
    return out
