"""The text-fits check's recipes for the kiosk's own screens and the classroom's.

Like ``tests/ui/text_fits.py`` (whose ``Recorder`` and ``draw`` they use), each recipe puts
the real scene into the states where its strings appear and draws it with the app's painter
listening: the attract loop (every act with its notes, every caption in its strips, the
invitation), the staff's PIN pad (typing, wrong PINs, locked, no PIN, a damaged PIN), the
staff menu (every page in its states: reading, saving, saved, refused, exported, restart
and quit asked, no operator, each health report, each period, no finished games), the
"closed" card (every reopening line, at both ends of its drift), the kiosk's time left in
the play screen's status panel, and — in a classroom app of its own, as ``turk classroom``
builds it — the projector's panel in each of its states and every page of the crowd's
reveal, with its sources.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections.abc import Iterator
from pathlib import Path

import chess

from game.app import App
from game.classroom import ClassroomHost
from game.classroom_app import ClassroomApp
from game.classroom_showcase import EXAMPLE_URL, busy_projector
from game.config import Settings
from game.content.screens import load_operators, load_screens
from game.content.sources import load_sources
from game.content.strings import Strings, load_table
from game.crowd.demo import demo_summary
from game.crowd.platform import CrowdSettings, Platform
from game.crowd.summary import CrowdSummary, TurkMove, summarize
from game.crowd.tasks import TaskKind
from game.health import HealthReport
from game.match import Crew, Match
from game.model.formats import ENDGAME_KEYS
from game.model.hours import DAYS, parse_hours
from game.model.pacing import Pacing
from game.model.records import MoveAuthor
from game.model.reveal import Guess, TurkMode
from game.model.session import GameSession
from game.opponents.idle import IdleOpponent
from game.pin_lock_store import PinLockStore
from game.reveal_store import RevealStore
from game.statistics_store import StatisticsStore
from game.ui.assets import Assets
from game.ui.attract.scene import AttractScene
from game.ui.crowd.controls import TeacherAction
from game.ui.crowd.panel import ClassroomPanel
from game.ui.crowd.reveal_pages import CrowdPageKind
from game.ui.crowd.reveal_scene import CrowdRevealScene
from game.ui.intents import PointerPressed, PointerReleased, TextTyped
from game.ui.reveal.plan import PageKind
from game.ui.scenes.exhibition import STEPS
from game.ui.scenes.reveal_demo import GAME as DEMO_GAME
from game.ui.scenes.reveal_demo import DemoTally, demo_match, open_reveal, seed_store
from game.ui.scenes.reveal_flow import RevealFlow, RevealTexts
from game.ui.staff.actions import CallbackActions
from game.ui.staff.closed import PERIODS_S, reopening_text
from game.ui.staff.demo import CLOCK, TODAY, StaffDemo
from game.ui.staff.info_pages import Period
from game.ui.staff.menu import StaffMenuScene, StaffPage
from game.ui.staff.pin_pad import PinPadScene
from game.web.server import CrowdServer
from tests.ui.text_fits import Recipe, Recorder, draw, play_of, recipe_status

DRIFT_ENDS_S = (PERIODS_S[0] / 4, PERIODS_S[0] * 3 / 4,
                (math.pi / 2 - 1) * PERIODS_S[1] / (2 * math.pi),
                (3 * math.pi / 2 - 1) * PERIODS_S[1] / (2 * math.pi))
"""When the closed card is at its right, left, lowest and highest (``ClosedScene.drift``)."""
CAPTION_PREFIXES = ("sounds.caption.", "turk.caption.", "turk.board.")
"""The keys of what can be said in a caption strip."""


def _table(strings: Strings) -> dict[str, object]:
    return dict(load_table(Assets().root / "i18n" / strings.language))


def _caption_keys(strings: Strings) -> list[str]:
    return sorted(k for k in _table(strings) if k.startswith(CAPTION_PREFIXES))


# -- the attract loop -------------------------------------------------------------------------

def recipe_attract(app: App, recorder: Recorder) -> Iterator[str]:
    """Every act of the loop with its notes (a replay with its moves, the show step by step),
    every caption in the strip of the board acts, under the invitation in the kiosk's own
    language."""
    strings = app.services.strings
    own = strings.language
    languages = [own, *(lang.code for lang in strings.languages if lang.code != own)]
    scene = AttractScene(app.services, languages=languages, on_start=lambda code: None,
                         rng=random.Random(1770))
    app.stack.push(scene)
    for key in scene.keys:
        scene.start_act(key)
        scene.update(1 / 30)
        yield draw(app, recorder, f"attract {key}")
        scene.update(0.0)  # an act that failed to draw is dropped here
        assert scene.act is not None and scene.act.key == key, \
            f"the attract loop's act {key} failed (see the log)"
    yield from _attract_replay_moves(app, recorder, scene)
    yield from _attract_captions(app, recorder, scene)
    yield from _attract_show(app, recorder, scene)
    app.stack.remove(scene)


def _attract_replay_moves(app: App, recorder: Recorder, scene: AttractScene) -> Iterator[str]:
    """The Napoleon score played through, so its scoresheet (or line) is full."""
    from game.ui.attract.board_acts import ReplayAct

    scene.start_act("replay:napoleon-1809")
    act = scene.act
    assert isinstance(act, ReplayAct)
    for move in act.replay.moves:
        turk = act.session.board().turn == act.replay.turk_color
        act.session.apply(move, MoveAuthor.SCRIPTED if turk else MoveAuthor.VISITOR)
    yield draw(app, recorder, "attract napoleon, all moves")


def _attract_captions(app: App, recorder: Recorder, scene: AttractScene) -> Iterator[str]:
    from game.ui.attract.board_acts import GreetingAct

    strings = app.services.strings
    scene.start_act("greeting")
    act = scene.act
    assert isinstance(act, GreetingAct)
    captions = act.stage.captions
    for key in _caption_keys(strings):
        captions.clear()
        captions.show(strings.get(key))
        captions.show(strings.get("ui.status.turk_says", text=strings.get(key)))
        yield draw(app, recorder, f"attract caption {key}")
    captions.clear()


def _attract_show(app: App, recorder: Recorder, scene: AttractScene) -> Iterator[str]:
    """The presenter's show as the loop frames it, every step's caption."""
    from game.ui.attract.shows import ShowAct

    scene.start_act("show")
    act = scene.act
    assert isinstance(act, ShowAct)
    for index, step in enumerate(STEPS):
        if index:
            act.scene.advance()
        yield draw(app, recorder, f"attract show {step.caption}")


# -- the kiosk's clock ------------------------------------------------------------------------

def recipe_time_left(app: App, recorder: Recorder) -> Iterator[str]:
    """Every status line again with a capped game's time left in the panel's corner."""
    play = play_of(app)
    play.status.time_left_s = 119 * 60 + 59.0
    yield from recipe_status(app, recorder)
    yield draw(app, recorder, "play with the time left")
    headers = play.match.session.headers
    for endgame in ENDGAME_KEYS:  # a set endgame names itself, under the time left
        headers.update(VisitFormat="endgame", Endgame=endgame)
        yield draw(app, recorder, f"play: the set endgame {endgame}")
    headers.clear()
    headers.update(VisitFormat="odds")
    yield draw(app, recorder, "play: pawn and move")
    headers.clear()
    play.status.time_left_s = None


# -- the staff's screens ----------------------------------------------------------------------

def _demo(app: App, name: str, *, pin: str = "2468") -> StaffDemo:
    folder = app.settings.data_dir / f"staff-{name}"
    return StaffDemo(folder, pin=pin)


def recipe_pin_pad(app: App, recorder: Recorder) -> Iterator[str]:
    """The PIN pad: asking, every message under the dots, locked, no PIN, a damaged PIN."""
    services, strings = app.services, app.services.strings
    demo = _demo(app, "pin")
    try:
        pad = demo.pin_pad(services)
        pad.handle(TextTyped("135"))
        yield draw(app, recorder, "pin pad")
        for message in (strings.get("staff.pin.checking"),
                        strings.get("staff.pin.wrong", tries=4),
                        strings.get("staff.pin.wrong_last")):
            pad.message = message
            yield draw(app, recorder, f"pin pad: {message}")
        services.stack.remove(pad)
        demo.lock_pad()
        pad = demo.pin_pad(services)
        assert pad.is_locked
        yield draw(app, recorder, "pin pad locked")
        services.stack.remove(pad)
        for name, stored in (("not set", ""), ("damaged", "scrypt$not-a-hash")):
            pad = PinPadScene(services, pin_hash=stored,
                              lock_store=PinLockStore(demo.data_dir), clock=lambda: CLOCK,
                              on_open=lambda: None, on_cancel=lambda: None)
            services.stack.push(pad)
            pad.settle()
            yield draw(app, recorder, f"pin pad, {name}")
            services.stack.remove(pad)
    finally:
        demo.close()


def _reports() -> Iterator[HealthReport]:
    """Every state the health page words: up, down, unknown; low disk; a log's problems."""
    yield HealthReport(engine_up=True, operator_connected=True,
                       disk_free_bytes=123_400_000_000)
    yield HealthReport(engine_up=False, operator_connected=False, disk_free_bytes=400_000_000,
                       last_problems=("2026-12-06 13:15:19,004 ERROR game.net.link: operator "
                                      "link lost: [Errno 104] Connection reset by peer",))
    yield HealthReport(engine_up=None, operator_connected=None, disk_free_bytes=None)


def recipe_staff_menu(app: App, recorder: Recorder) -> Iterator[str]:
    """Every page of the staff menu, in each of its states."""
    services = app.services
    demo = _demo(app, "menu")
    reports = _reports()
    demo.actions = CallbackActions(lambda: None, lambda: None, lambda: demo.code,
                                   demo._new_code, lambda: next(reports))
    running = demo.settings_file.read().replace(data_dir=demo.data_dir)
    menu = StaffMenuScene(services, settings_file=demo.settings_file,
                          statistics=demo.statistics, actions=demo.actions, running=running,
                          on_close=lambda: None, today=lambda: TODAY,
                          export_roots=(demo.media,))
    services.stack.push(menu)
    try:
        yield draw(app, recorder, "staff menu, reading")  # the file is read on the worker
        menu.settle()
        for page in StaffPage:
            if page is not StaffPage.HEALTH:
                menu.open_page(page)
                menu.settle()
                yield draw(app, recorder, f"staff menu {page.value}")
        yield from _staff_changes(app, recorder, menu)
        yield from _staff_reports(app, recorder, menu, demo)
    finally:
        services.stack.remove(menu)
        demo.close()


def _staff_changes(app: App, recorder: Recorder, menu: StaffMenuScene) -> Iterator[str]:
    """Changes: saving, saved, one refused; a mode that needs a restart; no time cap; no
    opening hours; the code shown; restart and quit asked."""
    menu.open_page(StaffPage.VISIT)
    menu.set(kiosk_mode="solo", time_cap_min=0)
    yield draw(app, recorder, "staff menu visit, saving")
    menu.settle()
    yield draw(app, recorder, "staff menu visit, saved")
    menu.set(level=99)
    menu.settle()
    assert menu.notice_bad, "a level of 99 was not refused"
    yield draw(app, recorder, "staff menu visit, refused")
    menu.open_page(StaffPage.HOURS)
    menu.set(hours=())
    menu.settle()
    yield draw(app, recorder, "staff menu hours, none")
    menu.open_page(StaffPage.OPERATOR)
    menu.toggle_code()
    menu.settle()
    yield draw(app, recorder, "staff menu operator, code shown")
    menu.open_page(StaffPage.SYSTEM)
    menu.settle()
    strings = app.services.strings
    for what in ("restart", "quit"):  # a first tap asks again
        label = strings.get(f"staff.system.{what}")
        button = next(b for b in menu.form.buttons.buttons if b.label == label)
        assert button.rect is not None
        menu.handle(PointerPressed(button.rect.center))
        menu.handle(PointerReleased(button.rect.center))
        assert menu.confirming == what
        yield draw(app, recorder, f"staff menu system, {what} asked")


def _staff_reports(app: App, recorder: Recorder, menu: StaffMenuScene,
                   demo: StaffDemo) -> Iterator[str]:
    """Health reports, every period of the statistics, an export done and one failed, no
    finished games, and the operator's page in a mode without one."""
    menu.open_page(StaffPage.HEALTH)
    for index in range(3):
        if index:
            menu.refresh_health()
        menu.settle()
        yield draw(app, recorder, f"staff menu health {index}")
    menu.open_page(StaffPage.STATISTICS)
    menu.settle()
    for period in Period:
        menu.choose_period(period)
        menu.settle()
        yield draw(app, recorder, f"staff menu statistics {period.name}")
    menu.export(demo.media / "staff" / "USB STICK")
    menu.settle()
    assert menu.notice and not menu.notice_bad, "the export did not report"
    yield draw(app, recorder, "staff menu statistics, exported")
    blocker = demo.media / "not-a-folder"
    blocker.write_text("a file where the export wants a folder", encoding="utf-8")
    menu.export(blocker / "sub")
    menu.settle()
    assert menu.notice_bad, "the export into a file did not fail"
    yield draw(app, recorder, "staff menu statistics, export failed")
    empty = StatisticsStore(demo.data_dir.parent / "empty")
    try:
        menu.statistics = empty
        menu.open_page(StaffPage.STATISTICS)
        menu.settle()
        yield draw(app, recorder, "staff menu statistics, no games")
    finally:
        empty.close()
    menu.actions = CallbackActions(lambda: None, lambda: None, lambda: None, lambda: None,
                                   demo.actions.report)
    menu.open_page(StaffPage.OPERATOR)
    menu.settle()
    yield draw(app, recorder, "staff menu operator, none")


def recipe_closed(app: App, recorder: Recorder) -> Iterator[str]:
    """The closed card with every way of saying when it opens again, at both ends of its
    slow drift across the screen."""
    services, strings = app.services, app.services.strings
    demo = _demo(app, "closed")
    try:
        scene = demo.closed(services)
        days = strings.get_list("staff.closed.days")
        texts = []
        monday = dt.datetime(2026, 12, 7, 8, 0)
        for index, day in enumerate(DAYS):  # "… on Monday", "… on Tuesday" …
            texts.append(reopening_text(strings.get, days, parse_hours([f"{day} 09:00-17:00"]),
                                        monday + dt.timedelta(days=index - 3)))
        hours = parse_hours(["mon 09:00-17:00"])
        texts += [reopening_text(strings.get, days, hours, monday),  # today
                  reopening_text(strings.get, days, hours, monday - dt.timedelta(days=1)),
                  reopening_text(strings.get, days, parse_hours([]), monday)]  # soon
        for text in texts:
            scene.reopening = text
            for time_s in DRIFT_ENDS_S:
                scene.time_s = time_s
                yield draw(app, recorder, f"closed: {text}")
        services.stack.remove(scene)
    finally:
        demo.close()


# -- the reveal in the cases its demos do not reach ------------------------------------------

def recipe_reveal_cases(app: App, recorder: Recorder) -> Iterator[str]:
    """The usual reveal, from a store of its own: the day's first guess ("only you"), a
    program and an operator that left no name, the ledgers of a game a class played and of a
    scripted one, and a busy day's tally (each counter stands for several guesses)."""
    store = RevealStore(app.settings.data_dir / "reveal-cases")
    flow = RevealFlow(app.services, store,
                      RevealTexts(load_screens(), load_sources(), load_operators()),
                      finish=lambda: None)
    try:
        for mode, nameless, pages in (
                ("engine", {"engine_name": "", "engine_author": ""},
                 ("reveal.engine", "reveal.people", "reveal.tally")),
                ("operator", {"operator_name": ""}, ("reveal.operator",))):
            match = demo_match(mode)
            match.crew = dataclasses.replace(match.crew, **nameless)
            yield from _reveal_pages(app, recorder, flow, match, pages=pages,
                                     name=f"{mode}, nameless")
        for authors in ((MoveAuthor.CROWD, MoveAuthor.CROWD_RANKED), (MoveAuthor.SCRIPTED,)):
            yield from _reveal_pages(app, recorder, flow, authored_match(authors),
                                     pages=("reveal.ledger",), name=f"{authors[0].value} game")
        seed_store(flow, "engine", DemoTally(machine=48, person=29))
        yield from _reveal_pages(app, recorder, flow, demo_match("engine"),
                                 pages=("reveal.tally",), name="a busy day")
    finally:
        store.close()


def _reveal_pages(app: App, recorder: Recorder, flow: RevealFlow, match: Match, *,
                  pages: tuple[str, ...], name: str) -> Iterator[str]:
    """Through the guess to each page of ``pages``, every layer of it."""
    reveal = open_reveal(flow, match, Guess.PERSON)
    for index, page in enumerate(reveal.pages):
        if page.screen.id not in pages:
            continue
        reveal.go_to(index)
        for layer in range(reveal.layers + 1):
            if layer:
                reveal.more()
            if page.kind is PageKind.LEDGER:
                reveal.ledger.finish()
            yield draw(app, recorder, f"reveal {page.screen.id} +{layer}, {name}")
    app.stack.remove(reveal)


def authored_match(authors: tuple[MoveAuthor, ...]) -> Match:
    """The demo game, its Turk moves made by ``authors`` in turn."""
    session = GameSession(visitor_color=chess.BLACK, game_id=f"demo-{authors[0].value}")
    for index, uci in enumerate(DEMO_GAME):
        author = MoveAuthor.VISITOR if index % 2 else authors[index // 2 % len(authors)]
        session.apply(chess.Move.from_uci(uci), author)
    match = Match(session, IdleOpponent(), pacing=Pacing.instant())
    match.crew = Crew(mode=TurkMode.ENGINE, engine_name="The Turk 1.0",
                      engine_author="The Mechanical Turk project")
    return match


# -- the classroom ----------------------------------------------------------------------------

def classroom_draws(tmp: Path, size: tuple[int, int], language: str,
                    recorder: Recorder) -> None:
    """The projector as ``turk classroom`` shows it (the game beside the panel) in each of
    the panel's states, then every page of a crowd game's reveal in the game's part of the
    window, with its sources, for each guess, and a game nobody joined."""
    settings = Settings(data_dir=tmp).replace(
        window_size=size, language=language, fullscreen=False, pacing=False, greeting=False,
        mute=True, show=False, takeback=False)
    app = _classroom_app(settings, recorder)
    try:
        for _ in _panel_states(app, recorder):
            pass
        for _ in _crowd_reveals(app, recorder):
            pass
    finally:
        app.close()


def _classroom_app(settings: Settings, recorder: Recorder) -> ClassroomApp:
    """``classroom_showcase``'s projector (a class at work on an open task), its painter
    heard from the first frame (the panel keeps what it painted)."""

    def listen(app: ClassroomApp) -> None:
        recorder.listen(app.services.text, app.services.strings)
        recorder.screen = "classroom, the first frame"

    return busy_projector(settings, before_start=listen)


def _projector(app: ClassroomApp, recorder: Recorder, name: str) -> str:
    app.panel.update(0.0)
    recorder.screen = name
    app.draw(0.0)
    return name


def _panel_states(app: ClassroomApp, recorder: Recorder) -> Iterator[str]:
    panel = app.panel
    yield _projector(app, recorder, "classroom, a task open")
    for action in (TeacherAction.END, TeacherAction.OPEN, TeacherAction.PAUSE,
                   TeacherAction.RULE, TeacherAction.RULE):
        panel.act(action)
        yield _projector(app, recorder, f"classroom after {action.value}")
    panel.act(TeacherAction.NAMES)
    panel.act("worker-1")  # hidden by the teacher
    yield _projector(app, recorder, "classroom, names")
    panel.act(TeacherAction.BACK)
    app.classroom.end()
    yield _projector(app, recorder, "classroom, ended")
    empty = ClassroomHost(Platform(CrowdSettings()), CrowdServer(room="K7MX", pages={}),
                          standby=lambda setup: IdleOpponent())
    empty.url = EXAMPLE_URL
    app.panel = ClassroomPanel(app.services, empty, window=app.panel._window)
    app.panel.act(TeacherAction.NAMES)
    yield _projector(app, recorder, "classroom, nobody joined")
    app.panel.act(TeacherAction.BACK)
    yield _projector(app, recorder, "classroom, no task")


def _even_summary() -> CrowdSummary:
    """Three workers agree on the one move they were asked: each is paid the same."""
    platform = Platform(CrowdSettings(kinds=frozenset({TaskKind.PROPOSE})))
    workers = [platform.join(name) for name in ("Ada", "Bo", "Cem")]
    board = chess.Board()
    board.push_uci("e2e4")
    task = platform.post(TaskKind.PROPOSE, game_id="even", ply=1, board=board)
    for worker in workers:
        platform.answer(worker.worker_id, task.task_id, game_id="even", ply=1,
                        answer=["e7e5"])
    platform.update(60.0)
    return summarize(platform, game_id="even", turk_moves=(TurkMove(1, "e5", False),))


def _crowd_reveals(app: ClassroomApp, recorder: Recorder) -> Iterator[str]:
    """The demo class's game page by page with each page's sources; the first page after
    the other guesses; a game paid evenly; a game nobody joined."""
    demo = demo_summary()
    nobody = summarize(Platform(CrowdSettings()), game_id="nobody",
                       turk_moves=(TurkMove(1, "e5", by_engine=True),))
    for summary, guess, kinds in (
            (demo, Guess.MACHINE, set(CrowdPageKind)), (demo, Guess.PERSON, {"cabinet"}),
            (demo, None, {"cabinet"}), (_even_summary(), None, {"ledger"}),
            (nobody, None, set(CrowdPageKind))):
        reveal = CrowdRevealScene(app.services, summary, guess=guess, sources=load_sources(),
                                  finish=lambda: None)
        app.stack.push(reveal)
        for index, page in enumerate(reveal.pages):
            if page.kind not in kinds:
                continue
            reveal.go_to(index)
            name = f"crowd reveal {page.kind.value} {index} ({guess})"
            yield draw(app, recorder, name)
            if summary is demo and guess is Guess.MACHINE:
                reveal.act("sources")
                yield draw(app, recorder, f"{name}, sources")
        app.stack.remove(reveal)


KIOSK_RECIPES: tuple[Recipe, ...] = (recipe_reveal_cases, recipe_attract, recipe_time_left,
                                     recipe_pin_pad, recipe_staff_menu, recipe_closed)
"""The kiosk's own screens, drawn in the app of ``tests/ui/text_fits.new_app``."""
