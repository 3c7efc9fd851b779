"""Play → guess → reveal → back to a new game, headless, through the real input path, for
each way the Turk can be played; the ledger must match the recorded authors move by move."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import chess
import pytest

from game.app import App
from game.match import Crew, GameSetup
from game.model.records import MoveAuthor
from game.model.reveal import TurkMode
from game.opponents.base import MoveReply, MoveRequest, OpponentError
from game.reveal_store import ROLL_FILE, TALLY_FILE
from game.ui.reveal.ledger import label_key, move_text
from game.ui.scenes.game_over import GameOverScene
from game.ui.scenes.guess import GuessPromptScene, GuessScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.reveal import RevealScene
from tests.ui.helpers import click, click_at, make_app, play_scene, settle, steps

A = MoveAuthor
GAME = ("e2e4", "e7e5", "g1f3", "b8c6", "f1c4", "c6d4", "f3e5", "d8g5", "e5f7", "g5g2",
        "h1f1", "g2e4", "c4e2", "d4f3")
"""The visitor (White) against the Turk, which mates with 7…Nf3#."""
TURK = {  # the authors of the Turk's seven moves in each kind of game
    "engine": [A.BOOK, A.BOOK, A.ENGINE, A.ENGINE, A.ENGINE, A.ENGINE, A.ENGINE],
    "operator": [A.OPERATOR] * 7,
    "hybrid": [A.OPERATOR_HINT, A.OPERATOR, A.OPERATOR, A.OPERATOR_HINT, A.OPERATOR_HINT,
               A.OPERATOR, A.OPERATOR],
    "standin": [A.OPERATOR, A.OPERATOR, A.OPERATOR, A.ENGINE_STANDIN, A.ENGINE_STANDIN,
                A.ENGINE_STANDIN, A.ENGINE_STANDIN],
}
CREWS = {"engine": Crew(TurkMode.ENGINE, engine_name="The Turk 1.0", engine_author="its authors"),
         "operator": Crew(TurkMode.OPERATOR, operator_name="Clara"),
         "hybrid": Crew(TurkMode.HYBRID, operator_name="Clara", engine_name="The Turk 1.0"),
         "standin": Crew(TurkMode.OPERATOR, operator_name="Clara", engine_name="The Turk 1.0")}
GUESS = {"engine": "person", "operator": "person", "hybrid": "machine", "standin": "machine"}
PAGES = {
    "engine": ["reveal.engine", "reveal.people", "reveal.tally", "reveal.ledger"],
    "operator": ["reveal.operator", "reveal.tally", "reveal.ledger", "reveal.roll"],
    "hybrid": ["reveal.hybrid", "reveal.tally", "reveal.ledger", "reveal.roll"],
    "standin": ["reveal.operator", "reveal.stand_in", "reveal.tally", "reveal.ledger",
                "reveal.roll"],
}


class AuthoredScript:
    """Plays the script's move at each ply and credits it to the next of ``authors`` — as a
    hidden operator's link, a hybrid console or a stand-in engine would report them."""

    def __init__(self, moves: Sequence[str], authors: Sequence[MoveAuthor]) -> None:
        self._moves = [chess.Move.from_uci(u) for u in moves]
        self._authors = list(authors)
        self._reply: MoveReply | None = None

    @property
    def description(self) -> str:
        return "authored script"

    def start(self) -> None:
        """Nothing to start."""

    def request_move(self, request: MoveRequest) -> None:
        move = self._moves[request.ply]
        if not request.board.is_legal(move):
            raise OpponentError(f"script move {move.uci()} illegal")
        author = self._authors[request.ply // 2]
        self._reply = MoveReply(request.game_id, request.ply, move, author, author.value)

    def poll(self) -> MoveReply | None:
        reply, self._reply = self._reply, None
        return reply

    def cancel(self) -> None:
        self._reply = None

    def close(self) -> None:
        self._reply = None


def start(tmp_path: Path, mode: str) -> App:
    app = make_app(tmp_path, lambda setup: AuthoredScript(GAME, TURK[mode]))
    play = play_scene(app)
    play.match.crew = CREWS[mode]
    play.match.operator_seconds = 0.0 if mode == "engine" else 250.0
    return app


def play_the_game(app: App) -> None:
    play = play_scene(app)
    for index in range(0, len(GAME), 2):
        move = chess.Move.from_uci(GAME[index])
        click(app, move.from_square)
        click(app, move.to_square)
        settle(app, 0.6)
    assert play.match.session.is_over


def top(app: App) -> object:
    return app.stack.top


def choose(app: App, row_owner: GuessScene, action: str) -> None:
    button = next(b for b in row_owner.answers.buttons if b.action == action)
    assert button.rect is not None
    click_at(app, button.rect.center)


def press(app: App, reveal: RevealScene, action: str) -> None:
    button = next(b for b in reveal.controls.row.buttons + reveal.controls.languages.buttons
                  if b.name == action)
    assert button.visible and button.rect is not None, action
    click_at(app, button.rect.center)


@pytest.mark.parametrize("mode", list(TURK))
def test_play_guess_reveal_and_play_again(tmp_path: Path, mode: str) -> None:
    app = start(tmp_path, mode)
    try:
        play_the_game(app)
        session = play_scene(app).match.session
        records = session.records
        assert [r.author for r in records if r.author is not A.VISITOR] == TURK[mode]

        game_over = top(app)
        assert isinstance(game_over, GameOverScene)
        reveal_button = game_over.buttons.buttons[0]  # type: ignore[union-attr]
        assert reveal_button.action == "reveal" and reveal_button.rect is not None
        click_at(app, reveal_button.rect.center)

        guess = top(app)
        assert isinstance(guess, GuessScene)
        choose(app, guess, GUESS[mode])
        settle(app, 2.0)
        reveal = top(app)
        assert isinstance(reveal, RevealScene)

        # the ledger is the record, move by move
        assert [(e.ply, e.san, e.author) for e in reveal.facts.ledger] == [
            (r.ply, r.san, r.author) for r in records]
        seen = []
        while not reveal.is_last:
            seen.append(reveal.page.screen.id)
            if reveal.page.screen.id == "reveal.ledger":
                check_ledger_page(app, reveal, records)
            press(app, reveal, "next")
        assert seen[:len(PAGES[mode])] == PAGES[mode]
        assert seen[-2:] == ["history.counterpoint", "history.question"]
        assert reveal.page.screen.id == "history.end"

        press(app, reveal, "play_again")
        assert [type(s) for s in app.stack.scenes] == [PlayScene]
        fresh = play_scene(app).match.session
        assert fresh.game_id != session.game_id and fresh.ply == 0
        check_store(tmp_path, app, mode)
    finally:
        app.close()


def check_ledger_page(app: App, reveal: RevealScene, records: Sequence[object]) -> None:
    reveal.ledger.finish()
    strings = reveal.services.strings
    rows = reveal.ledger.row_labels(strings)
    assert len(rows) == len(records)
    for (entry, line), record in zip(rows, records, strict=True):
        assert entry.author is record.author  # type: ignore[attr-defined]
        assert line == f"{move_text(entry)} — {strings.get(label_key(record.author))}"  # type: ignore[attr-defined]
    steps(app, 2)  # and it draws


def check_store(tmp_path: Path, app: App, mode: str) -> None:
    app.reveal_store.flush()
    tally = json.loads((tmp_path / TALLY_FILE).read_text(encoding="utf-8"))
    counted = {"standin": "operator"}.get(mode, mode)
    day = next(iter(tally["days"].values()))
    assert day == {counted: {"machine": int(GUESS[mode] == "machine"),
                             "person": int(GUESS[mode] == "person")}}
    roll_path = tmp_path / ROLL_FILE
    if mode == "engine":
        assert not roll_path.exists()
    else:
        roll = json.loads(roll_path.read_text(encoding="utf-8"))["operators"]
        assert [(o["name"], o["moves"]) for o in roll] == [
            ("Clara", sum(1 for a in TURK[mode] if a in (A.OPERATOR, A.OPERATOR_HINT)))]


def test_the_guess_opens_by_itself_after_a_pause_and_skip_counts_nothing(
        tmp_path: Path) -> None:
    app = start(tmp_path, "engine")
    try:
        play_the_game(app)
        assert isinstance(top(app), GameOverScene)
        settle(app, 10.5)
        guess = top(app)
        assert isinstance(guess, GuessScene)
        skip = guess.controls.row.button("skip")
        assert skip.rect is not None
        click_at(app, skip.rect.center)
        steps(app, 2)
        reveal = top(app)
        assert isinstance(reveal, RevealScene)
        assert reveal.pages[0].screen.id == "reveal.engine"
        assert "reveal.tally" not in [p.screen.id for p in reveal.pages]  # no one guessed
        app.reveal_store.flush()
        assert not (tmp_path / TALLY_FILE).exists()
    finally:
        app.close()


def test_looking_at_the_board_first_keeps_the_guess_within_reach(tmp_path: Path) -> None:
    app = start(tmp_path, "operator")
    try:
        play_the_game(app)
        game_over = top(app)
        assert isinstance(game_over, GameOverScene)
        close = game_over.buttons.buttons[2]  # type: ignore[union-attr]
        assert close.action == "close" and close.rect is not None
        click_at(app, close.rect.center)
        banner = top(app)
        assert isinstance(banner, GuessPromptScene)
        settle(app, 15.0)  # no pressure: the banner waits
        assert top(app) is banner
        rect = banner.button.buttons[0].rect
        assert rect is not None
        click_at(app, rect.center)
        assert isinstance(top(app), GuessScene)
    finally:
        app.close()


def test_a_new_game_takes_the_banner_away(tmp_path: Path) -> None:
    app = start(tmp_path, "engine")
    try:
        play_the_game(app)
        game_over = top(app)
        assert isinstance(game_over, GameOverScene)
        game_over.on_action("close")
        assert isinstance(top(app), GuessPromptScene)
        play_scene(app).start_new(GameSetup("white", 3))
        steps(app, 2)
        assert [type(s) for s in app.stack.scenes] == [PlayScene]
    finally:
        app.close()


def test_the_language_can_change_on_the_reveal(tmp_path: Path) -> None:
    app = start(tmp_path, "engine")
    try:
        play_the_game(app)
        app.reveal.open_guess(play_scene(app).match)
        guess = top(app)
        assert isinstance(guess, GuessScene)
        choose(app, guess, "machine")
        settle(app, 2.0)
        reveal = top(app)
        assert isinstance(reveal, RevealScene)
        english = reveal.text.headline
        press(app, reveal, "language:de")
        assert app.services.strings.language == "de"
        assert reveal.text.headline != english
        assert reveal.text.headline == app.services.strings.get("reveal.engine.headline")
        assert reveal.controls.row.button("next").label == "Weiter"
        reveal.act("skip")
        reveal.act("play_again")
        play = play_scene(app)
        assert play.buttons.button("new_game").label == "Neue Partie"
    finally:
        app.services.strings.language = "en"
        app.close()
