"""The classroom's panel on the projector, beside the Turk: how to join, live counts, and the
teacher's controls.

Owns: ``ClassroomPanel`` — a companion of the app's loop. It takes the pointer events that land
on it (the rest go to the game), turns presses of its controls into the host's teacher
methods, and draws: the QR code and the room code to join, how many workers are here and how
many tasks are done, the open task's kind, countdown and number of answers (never who), the
room's state; below, the controls (open or close the room, pause, the task kinds, the rule,
time per task, reward and fee, the list of pseudonyms to hide one, end). It reads the host's
``ClassroomView`` once a step; drawing changes nothing.

Must not import: ``game.crowd.platform`` internals beyond the view and settings.
"""

from __future__ import annotations

import pygame

from game.classroom import ClassroomHost, ClassroomView
from game.crowd.tasks import TaskKind
from game.ui.crowd.controls import KIND_ACTIONS, TeacherAction, next_settings
from game.ui.crowd.qr import qr_surface
from game.ui.input import InputTranslator
from game.ui.intents import PointerPressed, PointerReleased
from game.ui.services import Services
from game.ui.text import Face, TextStyle
from game.ui.widgets import Button, ButtonRow, Pressed

WOOD = (38, 29, 22)
EDGE = (120, 88, 46)
CREAM = (242, 232, 208)
MUTED = (196, 178, 146)
GOLD = (232, 196, 112)
NAMES_PER_PAGE = 8
LINE_GAP = 1.25
SHRINK_STEPS = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6)
"""How far the counts' type may shrink to fit beside or above the controls."""
END_ARMED_S = 4.0
POINTER_EVENTS = (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION)
FINGER_EVENTS = (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION)


def panel_rect(window: tuple[int, int]) -> pygame.Rect:
    """Where the panel goes: a column on the right of a landscape screen, a band at the
    bottom of a portrait one."""
    width, height = window
    if width >= height:
        side = max(360, round(width * 0.27))
        return pygame.Rect(width - side, 0, side, height)
    band = max(420, round(height * 0.3))
    return pygame.Rect(0, height - band, width, band)


def play_rect(window: tuple[int, int]) -> pygame.Rect:
    """The rest of the window: the Turk and the game."""
    panel = panel_rect(window)
    if panel.left > 0:
        return pygame.Rect(0, 0, panel.left, window[1])
    return pygame.Rect(0, 0, window[0], panel.top)


class ClassroomPanel:
    """The join panel and the teacher's controls."""

    def __init__(self, services: Services, host: ClassroomHost, *,
                 window: tuple[int, int]) -> None:
        self.services = services
        self.host = host
        self.view: ClassroomView = host.view()
        self.names_open = False
        self.names_page = 0
        self.end_armed_s = 0.0
        self._input = InputTranslator()
        self._pressing = False
        self._qr: tuple[str, int, pygame.Surface] | None = None
        self._hide_rows: dict[str, str] = {}
        self._texts: list[tuple[pygame.Rect, str]] = []
        self._touches = 0
        self._drawn: tuple[object, ...] | None = None
        self._shown_on: int | None = None
        """The surface the panel was last blitted onto (a new display needs it again)."""
        self._cache: pygame.Surface | None = None
        self.lines: list[tuple[str, TextStyle]] = []
        self.controls = ButtonRow(services.text, [])
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.layout(window)

    # -- the app's companion ------------------------------------------------------------------

    def attach(self, play: object) -> None:
        """The panel does not follow the game."""

    def claim(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        """Take the pointer events that belong to the panel; hand back the rest."""
        window = pygame.display.get_surface()
        if window is not None and window.get_size() != self._window:
            self.layout(window.get_size())
        rest = []
        for event in events:
            if self._is_mine(event):
                intent = self._input.translate(event, self._window)
                if intent is not None:
                    self.handle(intent)
            else:
                rest.append(self._for_the_game(event))
        return rest

    def _is_mine(self, event: pygame.event.Event) -> bool:
        if event.type in POINTER_EVENTS and not getattr(event, "touch", False):
            inside = self.rect.collidepoint(event.pos)
        elif event.type in FINGER_EVENTS:
            inside = self.rect.collidepoint(event.x * self._window[0],
                                            event.y * self._window[1])
        else:
            return False
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN):
            self._pressing = inside
            return inside
        if event.type in (pygame.MOUSEBUTTONUP, pygame.FINGERUP):
            mine, self._pressing = self._pressing, False
            return mine
        return self._pressing or (inside and event.type == pygame.MOUSEMOTION)

    def _for_the_game(self, event: pygame.event.Event) -> pygame.event.Event:
        """A finger's position is a fraction of the whole window; the game sees only its
        part of it."""
        if event.type not in FINGER_EVENTS:
            return event
        area = play_rect(self._window)
        values = dict(event.dict)
        values["x"] = event.x * self._window[0] / max(1, area.width)
        values["y"] = event.y * self._window[1] / max(1, area.height)
        return pygame.event.Event(event.type, values)

    def update(self, dt: float) -> None:
        self.view = self.host.view()
        self.end_armed_s = max(0.0, self.end_armed_s - dt)
        self._refresh_labels()
        self.lines = self._count_lines(self.view)

    def frame(self, frame_s: float) -> None:
        """Drawn with the game's frame (``draw``), before the display is updated."""

    def close(self) -> None:
        """Nothing to release."""

    # -- the controls -----------------------------------------------------------------------

    def handle(self, intent: object) -> None:
        if not isinstance(intent, (PointerPressed, PointerReleased)):
            return
        self._touches += 1  # a button looks pressed, then released: draw again
        answer = self.controls.handle(intent)
        if isinstance(answer, Pressed):
            self.act(answer.action)

    def act(self, action: str) -> None:
        """A control was pressed (by the pointer or a test)."""
        if action in self._hide_rows:
            worker_id = self._hide_rows[action]
            hidden = any(w.hidden for w in self.view.workers if w.worker_id == worker_id)
            self.host.set_hidden(worker_id, not hidden)
        else:
            self._teacher(TeacherAction(action))
        self.view = self.host.view()
        self._build_controls()

    def _teacher(self, action: TeacherAction) -> None:
        view = self.view
        if action is TeacherAction.OPEN:
            self.host.set_open(not view.is_open)
        elif action is TeacherAction.PAUSE:
            self.host.set_paused(not view.paused)
        elif action is TeacherAction.NAMES:
            self.names_open, self.names_page = True, 0
        elif action is TeacherAction.BACK:
            self.names_open = False
        elif action in (TeacherAction.PAGE_BACK, TeacherAction.PAGE_ON):
            pages = max(1, -(-len(view.workers) // NAMES_PER_PAGE))
            step = 1 if action is TeacherAction.PAGE_ON else -1
            self.names_page = (self.names_page + step) % pages
        elif action is TeacherAction.END:
            if self.end_armed_s > 0 and not view.ended:
                self.host.end()
                self.end_armed_s = 0.0
            else:
                self.end_armed_s = END_ARMED_S
        else:
            self.host.configure(next_settings(view.settings, action))

    # -- layout -----------------------------------------------------------------------------

    def layout(self, window: tuple[int, int]) -> None:
        self._window = window
        self.rect = panel_rect(window)
        self.unit = max(0.55, min(self.rect.height / 1080 if self.rect.left else
                                  self.rect.height / 576, 2.0))
        self._build_controls()

    @property
    def is_portrait(self) -> bool:
        return self.rect.left == 0

    def areas(self) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The QR code's square, the text beside or below it, and the controls."""
        pad = round(18 * self.unit)
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        if self.is_portrait:
            side = inner.height
            qr = pygame.Rect(inner.left, inner.top, side, side)
            right = pygame.Rect(qr.right + pad, inner.top, inner.right - qr.right - pad,
                                inner.height)
            info = pygame.Rect(right.left, right.top, right.width, round(right.height * 0.42))
            controls = pygame.Rect(right.left, info.bottom, right.width,
                                   right.bottom - info.bottom)
            return qr, info, controls
        side = min(inner.width, round(inner.height * 0.36))
        qr = pygame.Rect(inner.centerx - side // 2, inner.top + round(44 * self.unit), side,
                         side)
        info = pygame.Rect(inner.left, qr.bottom + pad, inner.width, round(250 * self.unit))
        controls = pygame.Rect(inner.left, info.bottom, inner.width, inner.bottom - info.bottom)
        return qr, info, controls

    def _build_controls(self) -> None:
        _qr, _info, area = self.areas()
        gap = max(4, round(8 * self.unit))
        rows = self._rows()
        row_h = min(round(58 * self.unit), (area.height - gap * (len(rows) - 1)) // len(rows))
        buttons: list[Button] = []
        self._texts = []
        for index, entries in enumerate(rows):
            top = area.top + index * (row_h + gap)
            row = entries
            if row[0][0] == "":  # a value, then its "−" and "+" buttons
                text_w = round(area.width * 0.62)
                self._texts.append((pygame.Rect(area.left, top, text_w, row_h), row[0][1]))
                left, width = area.left + text_w + gap, area.width - text_w - gap
                row = entries[1:]
            else:
                left, width = area.left, area.width
            cell = (width - gap * (len(row) - 1)) // len(row)
            for column, (action, label, selected) in enumerate(row):
                rect = pygame.Rect(left + column * (cell + gap), top, cell, row_h)
                buttons.append(Button(action, label, rect=rect, selected=selected))
        focus = self.controls.focus
        self.controls = ButtonRow(self.services.text, buttons)
        self.controls.focus = focus if focus is not None and focus < len(buttons) else None

    def _label(self, key: str, **fields: object) -> str:
        strings = self.services.strings
        return strings.get(key, language=strings.language, **fields)

    def _rows(self) -> list[list[tuple[str, str, bool]]]:
        if self.names_open:
            return self._name_rows()
        view, settings = self.view, self.view.settings
        a = TeacherAction
        end_key = "classroom.control.end_confirm" if self.end_armed_s > 0 \
            else "classroom.control.end"
        return [
            [(a.OPEN, self._label("classroom.control.close" if view.is_open
                                    else "classroom.control.open"), False),
             (a.PAUSE, self._label("classroom.control.resume" if view.paused
                                     else "classroom.control.pause"),
              view.paused)],
            [(action, self._label(f"classroom.kind.{kind.value}"), kind in settings.kinds)
             for action, kind in KIND_ACTIONS.items()],
            [(a.RULE, self._label(f"classroom.rule.{settings.rule.value}"), False)],
            [("", self._label("classroom.control.time", seconds=round(settings.window_s)), False),
             (a.TIME_DOWN, "−", False), (a.TIME_UP, "+", False)],
            [("", self._label("classroom.control.reward", points=settings.reward), False),
             (a.REWARD_DOWN, "−", False), (a.REWARD_UP, "+", False)],
            [("", self._label("classroom.control.fee", percent=settings.fee_percent), False),
             (a.FEE_DOWN, "−", False), (a.FEE_UP, "+", False)],
            [(a.NAMES, self._label("classroom.control.names"), False),
             (a.END, self._label(end_key), self.end_armed_s > 0)],
        ]

    def _name_rows(self) -> list[list[tuple[str, str, bool]]]:
        workers = self.view.workers
        start = self.names_page * NAMES_PER_PAGE
        rows: list[list[tuple[str, str, bool]]] = []
        self._hide_rows = {}
        for index, worker in enumerate(workers[start:start + NAMES_PER_PAGE]):
            action = f"worker-{index}"
            self._hide_rows[action] = worker.worker_id
            shown = self._label("classroom.names.hidden", number=worker.number) if worker.hidden \
                else f"{worker.number}. {worker.name}"
            rows.append([(action, shown, worker.hidden)])
        if not rows:
            rows.append([(TeacherAction.BACK, self._label("classroom.names.nobody"), False)])
        rows.append([(TeacherAction.PAGE_BACK, "←", False),
                     (TeacherAction.BACK, self._label("classroom.control.back"), False),
                     (TeacherAction.PAGE_ON, "→", False)])
        return rows

    def _refresh_labels(self) -> None:
        """Rebuild the controls only when what they say has changed."""
        labels = [(b.label, b.selected) for b in self.controls.buttons]
        labels += [(text, False) for _rect, text in self._texts]
        wanted = [(label, selected) for row in self._rows() for a, label, selected in row if a]
        wanted += [(label, False) for row in self._rows() for a, label, _s in row if not a]
        if labels != wanted:
            self._build_controls()

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> bool:
        """Blit the panel when what it shows has changed (most frames it has not: the
        projector's frames stay cheap), or when ``surface`` lost it; returns whether it
        blitted."""
        key = (surface.get_size(), tuple(self.lines), self._touches, self.view.url,
               tuple((b.label, b.selected, b.rect and b.rect.topleft)
                     for b in self.controls.buttons), tuple(t for _r, t in self._texts))
        if self._cache is None or self._cache.get_size() != surface.get_size():
            self._cache, self._drawn = pygame.Surface(surface.get_size()), None
        if key == self._drawn and self._shown_on == id(surface):
            return False
        if key != self._drawn:
            self._paint(self._cache)
            self._drawn = key
        surface.blit(self._cache, self.rect, area=self.rect)
        self._shown_on = id(surface)
        return True

    def _paint(self, surface: pygame.Surface) -> None:
        rect = self.rect
        surface.fill(WOOD, rect)
        edge = pygame.Rect(rect.left, rect.top, 4, rect.height) if rect.left else \
            pygame.Rect(rect.left, rect.top, rect.width, 4)
        surface.fill(EDGE, edge)
        qr, info, _controls = self.areas()
        self._draw_join(surface, qr)
        self._draw_counts(surface, info)
        style = self._style(21)
        for rect, text in self._texts:
            self.services.text.draw(surface, text, style, (rect.left, rect.centery),
                                    anchor="midleft", within=rect)
        self.controls.draw(surface)

    def _style(self, size: float, color: tuple[int, int, int] = CREAM,
               face: Face = Face.SANS) -> TextStyle:
        return TextStyle(face, max(10, round(size * self.unit)), color)

    def _qr_image(self, side: int) -> pygame.Surface:
        url = self.view.url or "http://127.0.0.1/"
        if self._qr is None or self._qr[:2] != (url, side):
            self._qr = (url, side, qr_surface(url, side))
        return self._qr[2]

    def _draw_join(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        text = self.services.text
        if not self.is_portrait:  # a portrait band says it at the top of its text
            band = pygame.Rect(self.rect.left, self.rect.top, self.rect.width,
                               area.top - self.rect.top)
            text.draw(surface, self._label("classroom.panel.join"), self._join_style(),
                      (area.centerx, area.top - round(8 * self.unit)), anchor="midbottom",
                      within=band)
        image = self._qr_image(area.width)
        surface.blit(image, image.get_rect(center=area.center))

    def _join_style(self) -> TextStyle:
        return self._style(34, GOLD, Face.BOLD)

    def _count_lines(self, view: ClassroomView) -> list[tuple[str, TextStyle]]:
        heading = [(self._label("classroom.panel.join"), self._join_style())] \
            if self.is_portrait else []
        return [
            *heading,
            (self._label("classroom.panel.room", room=view.room),
             self._style(40, GOLD, Face.SANS_BOLD)),
            (view.url, self._style(19, MUTED)),
            (self._label("classroom.panel.workers", present=view.present, joined=view.joined),
             self._style(26)),
            (self._label("classroom.panel.tasks", count=view.tasks_done), self._style(26)),
            (self._task_line(view), self._style(22)),
            (self._room_line(view), self._style(22, GOLD)),
        ]

    def _draw_counts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        text = self.services.text
        y = area.top
        for line, style in self._fitted(self.lines or self._count_lines(self.view), area):
            for part in text.wrap(line, style, area.width):
                text.draw(surface, part, style, (area.left, y), within=area)
                y += round(style.size * LINE_GAP)

    def _fitted(self, lines: list[tuple[str, TextStyle]],
                area: pygame.Rect) -> list[tuple[str, TextStyle]]:
        """The lines in the largest type (down to ``SHRINK_STEPS[-1]`` of it) at which all of
        them fit ``area``: the room's state, last, is never pushed under the controls."""
        text = self.services.text
        fitted = lines
        for shrink in SHRINK_STEPS:
            fitted = [(line, TextStyle(style.face, max(10, round(style.size * shrink)),
                                       style.color)) for line, style in lines]
            parts = [(part, style) for line, style in fitted
                     for part in text.wrap(line, style, area.width)]
            height = sum(round(style.size * LINE_GAP) for _part, style in parts)
            if height <= area.height and all(text.size(part, style)[0] <= area.width
                                             for part, style in parts):
                break
        return fitted

    def _task_line(self, view: ClassroomView) -> str:
        if view.open_kind is None or view.seconds_left is None:
            return self._label("classroom.panel.no_task")
        kind: TaskKind = view.open_kind
        return self._label("classroom.panel.task", kind=self._label(f"classroom.kind.{kind.value}"),
                           seconds=max(0, round(view.seconds_left)), answers=view.answers_now)

    def _room_line(self, view: ClassroomView) -> str:
        if view.ended:
            return self._label("classroom.panel.ended")
        if view.paused:
            return self._label("classroom.panel.paused")
        return self._label("classroom.panel.open" if view.is_open else "classroom.panel.closed")
