"""The replay list: the bundled one is whole and true to its sources; a broken entry is left out
with a message naming the file, the entry and the fix, and the others still play."""

from __future__ import annotations

from pathlib import Path

import chess
import chess.pgn
import pytest

from game.content.openings import load_table
from game.content.sources import ContentError, load_sources
from game.ui.attract.replays import load_replays

REPO = Path(__file__).resolve().parents[2]
SHARED_PGN = Path("/work/shared/data/turk-games.pgn")


def test_the_bundled_replays_all_load() -> None:
    table = load_replays(REPO / "assets")
    assert table.problems == ()
    ids = [r.id for r in table.replays]
    assert ids[0] == "napoleon-1809"
    assert len(ids) == len(set(ids)) >= 6


def test_the_napoleon_score_is_whole_legal_and_labelled_doubtful() -> None:
    napoleon = load_replays(REPO / "assets").replays[0]
    assert len(napoleon.moves) == 48
    board = chess.Board(napoleon.start_fen)
    for move in napoleon.moves:
        assert board.is_legal(move)
        board.push(move)
    assert board.is_checkmate() and board.turn == chess.WHITE
    assert napoleon.turk_color == chess.BLACK
    assert napoleon.doubtful
    assert napoleon.headers["Authenticity"].startswith("Doubtful")
    assert "Illustrated London News, 1844" in napoleon.headers["Authenticity"]
    assert "Bill Wall" in napoleon.headers["Source"]


@pytest.mark.skipif(not SHARED_PGN.is_file(), reason="the shared data folder is not here")
def test_the_bundled_pgn_is_the_shared_record_copied_whole() -> None:
    assert (REPO / "assets" / "content" / "turk-games.pgn").read_text("utf-8") == \
        SHARED_PGN.read_text("utf-8")


def test_every_source_shown_resolves() -> None:
    sources = load_sources(REPO / "assets")
    openings = load_table()
    for replay in load_replays(REPO / "assets").replays:
        assert replay.sources, replay.id
        known = openings.sources if replay.opening is not None else sources
        assert [s for s in replay.sources if s not in known] == [], replay.id


def test_opening_replays_name_their_line_and_its_people() -> None:
    import tomllib

    asked = {entry["id"]: entry.get("opening") for entry in tomllib.loads(
        (REPO / "assets" / "content" / "attract.toml").read_text("utf-8"))["replay"]}
    for replay in load_replays(REPO / "assets").replays[1:]:
        assert replay.opening is not None
        assert replay.opening.name == asked[replay.id]
        assert replay.opening.people, replay.id
        assert {"en", "de", "fr"} <= set(replay.opening.names), replay.id
        assert list(replay.moves) == _moves(replay.opening.moves)


def _moves(sans: tuple[str, ...]) -> list[chess.Move]:
    board = chess.Board()
    return [board.push_san(san) for san in sans]


def _assets(tmp_path: Path, toml: str, pgn: str | None = None) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "attract.toml").write_text(toml, encoding="utf-8")
    if pgn is not None:
        (content / "games.pgn").write_text(pgn, encoding="utf-8")
    return tmp_path


GOOD = '[[replay]]\nid = "good"\nopening = "Ruy Lopez"\nturk = "white"\nmax_plies = 6\n'
PGN = ('[White "A"]\n[Black "B"]\n[Result "*"]\n\n1. e4 e5 2. Nf3 Nc6 *\n\n'
       '[White "C"]\n[Black "D"]\n[Result "*"]\n\n1. e4 e5 2. Ke3 *\n')


@pytest.mark.parametrize(("entry", "message"), [
    ('id = "x"\nopening = "Ruy Lopez"\nturk = "green"', 'turk must be "white" or "black"'),
    ('id = "x"\nopening = "The Unknown Gambit"\nturk = "white"', "no [[opening]] named"),
    ('id = "x"\npgn = "missing.pgn"\nturk = "white"\ntitle = "t"', "missing.pgn not found"),
    ('id = "x"\npgn = "games.pgn"\nwhite = "C"\nturk = "white"\ntitle = "t"', "has errors"),
    ('id = "x"\npgn = "games.pgn"\nwhite = "Z"\nturk = "white"\ntitle = "t"', "no game in"),
    ('id = "x"\npgn = "../games.pgn"\nturk = "white"\ntitle = "t"', "without folders"),
    ('id = "x"\nturk = "white"', "needs a pgn file or an opening name"),
    ('id = "x"\nopening = "Ruy Lopez"\nturk = "white"\nmax_plies = 0', "max_plies"),
    ('id = "x"\nopening = "Ruy Lopez"\nturk = "white"\nsoruces = ["W1"]',
     "did you mean 'sources'"),
    ('id = "good"\nopening = "Ruy Lopez"\nturk = "black"', "appears twice"),
])
def test_a_broken_entry_is_left_out_and_named(tmp_path: Path, entry: str, message: str) -> None:
    root = _assets(tmp_path, GOOD + "\n[[replay]]\n" + entry + "\n", PGN)
    table = load_replays(root)
    assert [r.id for r in table.replays] == ["good"]
    assert len(table.problems) == 1
    assert message in table.problems[0]
    assert "attract.toml [[replay]] #2" in table.problems[0]


def test_a_game_is_chosen_by_its_players_and_cut_at_max_plies(tmp_path: Path) -> None:
    entry = ('[[replay]]\nid = "g"\npgn = "games.pgn"\nwhite = "A"\nblack = "B"\n'
             'turk = "black"\ntitle = "attract.napoleon.title"\nmax_plies = 3\n'
             'sources = ["WIN"]\n')
    table = load_replays(_assets(tmp_path, entry, PGN))
    assert table.problems == ()
    (game,) = table.replays
    assert [m.uci() for m in game.moves] == ["e2e4", "e7e5", "g1f3"]
    assert game.headers["White"] == "A" and game.sources == ("WIN",)
    assert game.turk_color == chess.BLACK and not game.doubtful


def test_a_missing_or_broken_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"attract\.toml: file not found"):
        load_replays(tmp_path)
    with pytest.raises(ContentError, match="fix the TOML syntax"):
        load_replays(_assets(tmp_path, "[[replay]\n"))


def test_every_string_a_replay_shows_exists_in_every_language() -> None:
    from game.content.strings import load_table

    tables = {lang: load_table(REPO / "assets" / "i18n" / lang) for lang in ("en", "de", "fr")}
    for replay in load_replays(REPO / "assets").replays:
        keys = [k for k in (replay.title_key, *replay.note_keys) if k]
        for lang, table in tables.items():
            assert [k for k in keys if k not in table] == [], (replay.id, lang)
