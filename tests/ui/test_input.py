"""Input: one touch is one press, keys become commands, the queue is drained."""

from __future__ import annotations

import pygame

from game.ui.input import InputTranslator
from game.ui.intents import (
    Command,
    CommandIssued,
    PointerCancelled,
    PointerMoved,
    PointerPressed,
    PointerReleased,
    TextTyped,
)

SIZE = (1000, 500)


def translate_all(translator: InputTranslator, events: list[pygame.Event]) -> list[object]:
    out = []
    for event in events:
        intent = translator.translate(event, SIZE)
        if intent is not None:
            out.append(intent)
    return out


def test_a_touch_that_sdl_also_reports_as_a_mouse_click_counts_once() -> None:
    translator = InputTranslator()
    events = [
        pygame.event.Event(pygame.FINGERDOWN, finger_id=1, x=0.5, y=0.5, touch_id=0),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(500, 250), button=1, touch=True),
        pygame.event.Event(pygame.FINGERMOTION, finger_id=1, x=0.6, y=0.5, touch_id=0),
        pygame.event.Event(pygame.MOUSEMOTION, pos=(600, 250), rel=(100, 0), buttons=(1, 0, 0),
                           touch=True),
        pygame.event.Event(pygame.FINGERUP, finger_id=1, x=0.6, y=0.5, touch_id=0),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(600, 250), button=1, touch=True),
    ]
    assert translate_all(translator, events) == [
        PointerPressed((500.0, 250.0)), PointerMoved((600.0, 250.0), True),
        PointerReleased((600.0, 250.0))]


def test_a_second_finger_is_ignored() -> None:
    translator = InputTranslator()
    events = [
        pygame.event.Event(pygame.FINGERDOWN, finger_id=1, x=0.1, y=0.1, touch_id=0),
        pygame.event.Event(pygame.FINGERDOWN, finger_id=2, x=0.9, y=0.9, touch_id=0),
        pygame.event.Event(pygame.FINGERUP, finger_id=2, x=0.9, y=0.9, touch_id=0),
        pygame.event.Event(pygame.FINGERUP, finger_id=1, x=0.1, y=0.1, touch_id=0),
    ]
    assert translate_all(translator, events) == [PointerPressed((100.0, 50.0)),
                                                 PointerReleased((100.0, 50.0))]


def test_mouse_press_drag_release_and_right_click_cancel() -> None:
    translator = InputTranslator()
    events = [
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 10), button=1),
        pygame.event.Event(pygame.MOUSEMOTION, pos=(20, 10), rel=(10, 0), buttons=(1, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(20, 10), button=3),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(20, 10), button=1),
    ]
    assert translate_all(translator, events) == [
        PointerPressed((10.0, 10.0)), PointerMoved((20.0, 10.0), True), PointerCancelled()]


def test_keys_become_commands_and_text() -> None:
    translator = InputTranslator()
    key = pygame.KEYDOWN
    events = [
        pygame.event.Event(key, key=pygame.K_LEFT, mod=0, unicode=""),
        pygame.event.Event(key, key=pygame.K_SPACE, mod=0, unicode=" "),
        pygame.event.Event(pygame.TEXTINPUT, text=" "),
        pygame.event.Event(key, key=pygame.K_z, mod=pygame.KMOD_LCTRL, unicode=""),
        pygame.event.Event(pygame.TEXTINPUT, text="N"),
        pygame.event.Event(key, key=pygame.K_TAB, mod=pygame.KMOD_LSHIFT, unicode=""),
    ]
    assert translate_all(translator, events) == [
        CommandIssued(Command.LEFT), CommandIssued(Command.ACTIVATE),
        CommandIssued(Command.TAKE_BACK), TextTyped("N"),
        CommandIssued(Command.PREVIOUS_FOCUS)]


def test_poll_drains_the_queue() -> None:
    pygame.display.init()
    try:
        pygame.display.set_mode((200, 100))
        pygame.event.clear()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
        translator = InputTranslator()
        intents = translator.poll((200, 100))
        assert PointerPressed((5.0, 5.0)) in intents
        assert pygame.event.peek(pygame.MOUSEBUTTONDOWN) is False
    finally:
        pygame.display.quit()
