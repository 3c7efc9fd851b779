"""The kiosk's resting state: the Turk performs by itself until a visitor touches the screen.

Owns: ``AttractScene``. It runs the acts of a ``Programme`` — replays of the Napoleon score and
of opening lines of the Turk's era, the Knight's Tour, the letter-board greeting, the
presenter's show — one after another with a short fade between, beside the notes on the act
and under the ``Invitation``. A touch (or a key) calls ``on_start`` once, with the language
whose name was touched or else the language the invitation is showing. Nothing here stands
still for long, nothing grows while it runs for hours, and nothing it shows is an error: an
act that fails is logged as a warning and left out, and the next act begins. It starts no
engine process (the replays are scripted) and reads no clock (``update(dt)``).
"""

from __future__ import annotations

import logging
import random
from collections import deque
from collections.abc import Callable, Sequence

import pygame

from game.content.notation import localize_san, piece_letters
from game.content.sources import ContentError
from game.content.strings import Language
from game.model.staff_gesture import in_corner
from game.ui.attract.act import Act, Stagehand, text_sources
from game.ui.attract.board_acts import GreetingAct, ReplayAct
from game.ui.attract.board_stage import BoardStage
from game.ui.attract.invitation import Invitation
from game.ui.attract.layout import AttractLayout, attract_layout
from game.ui.attract.notes import NotesPanel
from game.ui.attract.programme import Programme
from game.ui.attract.replays import Replay, load_replays
from game.ui.attract.shows import ShowAct, TourAct
from game.ui.intents import Command, CommandIssued, Intent, PointerPressed, TextTyped
from game.ui.scene import Damage, Scene
from game.ui.scenes.play_layers import UnderTheArms
from game.ui.scoresheet import Scoresheet
from game.ui.services import Services

log = logging.getLogger(__name__)

ACTS = ("tour", "greeting", "show")
"""The acts besides the replays."""
FADE_S = 0.5
LINE_PLIES = 7
"""The moves shown on the one line a portrait screen has for them."""
INTERMISSION_S = 2.0
"""After an act failed, the invitation alone shows this long before the next act."""
_BACK = (Command.LEFT, Command.UP, Command.PREVIOUS_FOCUS)
_ON = (Command.RIGHT, Command.DOWN, Command.NEXT_FOCUS)
_NOT_FOR_US = (Command.QUIT, Command.TOGGLE_FULLSCREEN)


class AttractScene(Scene):
    """The attract loop.

    :param languages: the languages offered, the kiosk's own first (codes).
    :param on_start: called once, with a language code, when a visitor touches.
    :param rng: the randomness of the act order and of the acts (seed it in tests).
    :param replays: the games to replay (read from ``assets/content/attract.toml`` when
        omitted).
    """

    def __init__(self, services: Services, *, languages: Sequence[str],
                 on_start: Callable[[str], None], captions_enabled: bool = True,
                 rng: random.Random | None = None,
                 replays: Sequence[Replay] | None = None) -> None:
        self.services = services
        self.on_start = on_start
        self.rng = rng or random.Random()
        self.layout: AttractLayout = attract_layout(services.window_size)
        self.offered = _offered(services, languages)
        self.hand = Stagehand(services, self.layout, [lang.code for lang in self.offered],
                              self.rng, captions_enabled, text_sources())
        self.replays = {r.key: r for r in (replays if replays is not None else _bundled())}
        self.programme = Programme(ACTS, tuple(self.replays), self.rng)
        self.invitation = Invitation(services.text, services.strings, self.offered)
        self.notes_panel = NotesPanel(services.text, services.strings)
        self.sheet = Scoresheet(services.text, services.strings.get("ui.moves.title"))
        self.act: Act | None = None
        self.act_s = 0.0
        """How long the current act has been running."""
        self.history: deque[str] = deque(maxlen=64)
        """The acts begun lately, oldest first (for the log and tests)."""
        self._fade_out_s = 0.0
        self._fade_in_s = 0.0
        self._pause_s = 0.0
        self._broken = False
        self._started = False
        self._veil: pygame.Surface | None = None
        self._drawn_keys: dict[str, object] | None = None
        self._drawn_invitation: pygame.Rect | None = None
        """What the screen showed when ``damage`` was last asked (``None``: unknown)."""
        self.under_arms = UnderTheArms(frozenset({"act.arm", "act.resting_arm"}))
        """The loop drawn without the Turk's arms: a frame that moved only them (an act on
        the board) is drawn from it."""
        self.resize(services.window_size)

    # -- the stack ------------------------------------------------------------------------

    def enter(self) -> None:
        if self.act is None and self._pause_s <= 0:
            self._next_act()

    def exit(self) -> None:
        self._close_act()

    def resize(self, size: tuple[int, int]) -> None:
        self.layout = attract_layout(size)
        self.hand.layout = self.layout
        self.invitation.resize(self.layout)
        self._veil = pygame.Surface(size)
        if self.act is not None:
            self._guard("resize", lambda act: act.resize(self.layout))

    # -- visitors -------------------------------------------------------------------------

    def handle(self, intent: Intent) -> bool:
        if isinstance(intent, PointerPressed):
            if in_corner(intent.pos, self.services.window_size):
                return True  # the staff's corner (game.model.staff_gesture): not a visitor
            self._visitor(self.invitation.language_at(intent.pos) or self.invitation.showing)
        elif isinstance(intent, CommandIssued):
            if intent.command in _NOT_FOR_US:
                return False
            if len(self.offered) > 1 and intent.command in _BACK + _ON:
                self.invitation.step(-1 if intent.command in _BACK else 1)
            else:
                self._visitor(self.invitation.showing)
        elif isinstance(intent, TextTyped):
            self._visitor(self.invitation.showing)
        return True

    def _visitor(self, language: str) -> None:
        if self._started:
            return
        self._started = True
        log.info("attract loop: a visitor touched the screen (%s)", language)
        self.on_start(language)

    # -- acts -----------------------------------------------------------------------------

    def start_act(self, key: str) -> None:
        """Begin the act ``key`` at once (screenshots and tests; the loop picks its own)."""
        self._close_act()
        self._fade_out_s = self._fade_in_s = self._pause_s = 0.0
        self._begin(key)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every act the loop can perform."""
        return (*ACTS, *self.replays)

    def _make(self, key: str) -> Act:
        if key == "tour":
            return TourAct(self.hand)
        if key == "greeting":
            return GreetingAct(self.hand)
        if key == "show":
            return ShowAct(self.hand)
        if key in self.replays:
            return ReplayAct(self.hand, self.replays[key])
        raise KeyError(f"no act {key!r}; acts: {', '.join(self.keys)}")

    def _begin(self, key: str) -> None:
        self.act_s = 0.0
        self.history.append(key)
        try:
            act = self._make(key)
            self.act = act
            act.start()
        except Exception as exc:  # a kiosk never shows a traceback
            self._failed(key, "start", exc)
            return
        log.info("attract loop: %s", key)

    def _next_act(self) -> None:
        key = self.programme.next()
        if key is None:
            self._pause_s = INTERMISSION_S  # nothing left to perform: the invitation alone
            return
        self._begin(key)
        if self.act is not None:
            self._fade_in_s = FADE_S

    def _close_act(self) -> None:
        act, self.act = self.act, None
        if act is not None:
            try:
                act.close()
            except Exception as exc:
                log.warning("attract loop: closing %s failed: %s", act.key, exc)

    def _guard(self, what: str, action: Callable[[Act], None]) -> None:
        act = self.act
        if act is None:
            return
        try:
            action(act)
        except Exception as exc:  # any failure of an act: log, go on
            self._failed(act.key, what, exc)

    def _failed(self, key: str, what: str, exc: BaseException) -> None:
        log.warning("attract loop: the act %s failed (%s): %s; going on with the next",
                    key, what, str(exc)[:300], exc_info=exc)
        self._close_act()
        self.programme.drop(key)
        self._broken = False
        self._fade_out_s = self._fade_in_s = 0.0
        self._pause_s = INTERMISSION_S

    # -- time -----------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self.invitation.update(dt)
        if self._broken:
            self._failed(self.act.key if self.act else "?", "draw", RuntimeError("drawing"))
        if self._pause_s > 0:
            self._pause_s -= dt
            if self._pause_s <= 0:
                self._next_act()
            return
        self._fade_in_s = max(0.0, self._fade_in_s - dt)
        act = self.act
        if act is None:
            self._pause_s = INTERMISSION_S
            return
        self.act_s += dt
        self._guard("update", lambda a: a.update(dt))
        if self.act is None or self._fade_out_s > 0:
            self._fading_out(dt)
            return
        if act.is_done or self.act_s >= act.max_s:
            if not act.is_done:
                log.warning("attract loop: %s ran %.0f s without ending; moving on",
                            act.key, self.act_s)
            self._fade_out_s = FADE_S

    def _fading_out(self, dt: float) -> None:
        if self._fade_out_s <= 0:
            return
        self._fade_out_s -= dt
        if self._fade_out_s <= 0:
            self._fade_out_s = 0.0
            self._close_act()
            self._next_act()

    # -- drawing --------------------------------------------------------------------------

    def damage(self, alpha: float) -> Damage:
        """Only what changed: the act's parts that moved (acts on the board say which; the
        tour and the show cannot tell and are drawn whole), the notes and the moves, the
        drifting invitation. A fade, a new act or a new language is the whole window."""
        self.under_arms.skip()
        keys = self._visual_keys(alpha)
        invitation = self.invitation.bounds()
        last, self._drawn_keys = self._drawn_keys, keys
        last_invitation, self._drawn_invitation = self._drawn_invitation, invitation
        if keys is None or last is None or keys["scene"] != last["scene"] \
                or keys.keys() != last.keys():
            self.under_arms.forget()
            return None
        changed = [part for part in keys if keys[part] != last[part]]
        rects: list[pygame.Rect] = []
        for part in changed:
            if part == "invitation":
                if invitation is None or last_invitation is None:
                    return None
                rects.append(invitation.union(last_invitation))
        regions = self._regions([part for part in changed if part != "invitation"])
        if regions is None:
            return None
        figure = self._figure()
        if figure is not None and figure.arms is not None:
            self.under_arms.plan(changed, keys, figure.arms, self._over_arms(keys, figure))
        return rects + regions

    def _regions(self, changed: Sequence[str]) -> list[pygame.Rect] | None:
        """Where the ``changed`` parts draw, but the invitation's (``None``: anywhere)."""
        layout = self.layout
        rects: list[pygame.Rect] = []
        acted = [part.removeprefix("act.") for part in changed if part.startswith("act.")]
        if acted:
            assert self.act is not None
            regions = self.act.regions(acted)
            if regions is None:
                return None
            rects.extend(regions)
        for part in changed:
            if part == "notes":
                rects.extend(rect.inflate(8, 8) for rect in (layout.notes, layout.sheet,
                                                              layout.line) if rect is not None)
            elif not part.startswith("act."):
                return None  # the veil, the scene
        return rects

    def _figure(self) -> BoardStage | None:
        """The act's Turk at its board, if it has one."""
        stage = getattr(self.act, "stage", None)
        return stage if isinstance(stage, BoardStage) else None

    def _over_arms(self, keys: dict[str, object], figure: BoardStage) -> list[pygame.Rect]:
        """Where what is drawn over the Turk's arms draws."""
        layout = self.layout
        over = [layout.notes, layout.sheet, layout.line, self.invitation.envelope(),
                layout.caption.inflate(16, 16)]
        if keys["veil"] or figure.automaton.key_turning_s > 0:
            over.append(pygame.Rect((0, 0), layout.viewport.window))
        return [rect for rect in over if rect is not None]

    def _mend_regions(self, changed: list[str]) -> list[pygame.Rect] | None:
        envelope = self.invitation.envelope()
        rects = self._regions([part for part in changed if part != "invitation"])
        if rects is None or ("invitation" in changed and envelope is None):
            return None
        return rects + ([envelope] if "invitation" in changed and envelope else [])

    def _visual_keys(self, alpha: float) -> dict[str, object] | None:
        """What each part of the loop's drawing depends on (``None``: it cannot tell)."""
        act = self.act
        if act is None or self._broken:
            return None
        try:
            parts = act.visual_keys(alpha)
            notes = (act.notes(), act.moves())
        except Exception as exc:  # drawing will find it too, and move on
            log.debug("attract loop: %s cannot say what it draws: %s", act.key, exc)
            return None
        if parts is None:
            return None
        keys: dict[str, object] = {
            "scene": (self.services.window_size, self.services.strings.language, id(act)),
            "veil": self._veil_alpha(),
            "notes": notes,
            "invitation": self.invitation.visual_key(),
        }
        keys.update({f"act.{part}": key for part, key in parts.items()})
        return keys

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        figure = self._figure()
        try:
            if figure is not None and self.under_arms.compose(
                    surface, draw_beneath=lambda layer: self._draw(layer, alpha, arms=False),
                    draw_arms=lambda target: figure.draw_arms(target, alpha),
                    mend_regions=self._mend_regions):
                return
        except Exception as exc:  # drawn the ordinary way below, which moves on if it fails
            log.warning("attract loop: drawing the arms failed: %s", str(exc)[:300])
            self.under_arms.forget()
        self._draw(surface, alpha)

    def _draw(self, surface: pygame.Surface, alpha: float, *, arms: bool = True) -> None:
        """The whole loop (``arms``: with the Turk's arms; without, the layer beneath
        them)."""
        act, layout = self.act, self.layout
        figure = self._figure()
        drawn = False
        if act is not None and not self._broken:
            try:
                if arms or figure is None:
                    act.draw(surface, alpha)
                else:
                    figure.draw(surface, alpha, arms=False)
                self._draw_veil(surface)
                self._draw_notes(surface, act)
                drawn = True
            except Exception as exc:  # fall back to the empty room
                log.warning("attract loop: drawing %s failed: %s", act.key, str(exc)[:300])
                self._broken = True  # the next update moves on to another act
        if not drawn:
            self.services.stage.draw_room(surface, layout.viewport, layout.play.stage)
            self.services.stage.draw_cabinet(surface, layout.play.stage)
            self._draw_veil(surface)
        self.invitation.draw(surface)

    def _veil_alpha(self) -> int:
        """How dark the veil of a fade is now (0: none)."""
        darkness = max(self._fade_in_s, FADE_S - self._fade_out_s if self._fade_out_s else 0)
        if self._pause_s > 0:
            darkness = FADE_S * 0.6
        if darkness <= 0:
            return 0
        return round(230 * min(1.0, darkness / FADE_S))

    def _draw_veil(self, surface: pygame.Surface) -> None:
        """The fade between acts (the notes and the invitation stay above it)."""
        veil = self._veil_alpha()
        if veil <= 0 or self._veil is None:
            return
        self._veil.set_alpha(veil)
        surface.blit(self._veil, (0, 0))

    def _draw_notes(self, surface: pygame.Surface, act: Act) -> None:
        layout, scale = self.layout, self.layout.viewport.scale
        plaque = self.notes_panel.draw(surface, layout.notes, act.notes(), scale)
        moves = act.moves()
        area = layout.line
        if moves is not None and layout.sheet is None:
            moves = moves.last(LINE_PLIES)  # one line: the latest moves
        if layout.sheet is not None:
            top = min(layout.sheet.top, plaque.bottom + layout.viewport.length(16))
            area = pygame.Rect(layout.sheet.left, top, layout.sheet.width,
                               layout.sheet.bottom - top)
        if moves is not None and area is not None:
            letters = piece_letters(self.services.strings)  # the visitor's notation
            sans = [localize_san(san, letters) for san in moves.sans]
            self.sheet.draw(surface, area, sans, start_fullmove=moves.start_fullmove,
                            start_turn=moves.start_turn, vertical=layout.sheet is not None,
                            scale=scale)

    # -- upkeep ---------------------------------------------------------------------------

    def footprint(self) -> dict[str, int]:
        """The sizes of everything this scene keeps that could grow (a long-run check)."""
        return {"history": len(self.history), "fitted": self.invitation.fitted_count,
                "programme": len(self.programme.keys), "replays": len(self.replays)}


def _offered(services: Services, languages: Sequence[str]) -> list[Language]:
    """The offered languages the game can speak, in the kiosk's order (at least one)."""
    known = {lang.code: lang for lang in services.strings.languages}
    unknown = [code for code in languages if code not in known]
    if unknown:
        log.warning("attract loop: no strings for the languages %s; leaving them out",
                    ", ".join(unknown)[:200])
    offered = [known[code] for code in dict.fromkeys(languages) if code in known]
    return offered or [known.get(services.strings.language, services.strings.languages[0])]


def _bundled() -> tuple[Replay, ...]:
    """The replays shipped with the game; any that cannot be played are named in the log."""
    try:
        table = load_replays()
    except ContentError as exc:
        log.warning("attract loop: no replays: %s", str(exc)[:300])
        return ()
    for problem in table.problems:
        log.warning("attract loop: a replay was left out: %s", problem[:300])
    return table.replays
