"""The ``turk`` command: play (the default), engine, screenshot.

Owns: argument parsing, logging set-up, and turning every start-up problem (bad settings, a
missing engine, an unreadable PGN) into one clear line and exit status 2 — never a traceback.
pygame is imported only by the subcommands that open a window, so ``turk engine`` starts fast.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game import __version__
from game.config import LANGUAGES, Settings, SettingsError, load_settings

log = logging.getLogger("game")

SUBCOMMANDS = ("play", "engine", "screenshot")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720") from None
    if not (200 <= width <= 16384 and 200 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 200 to 16384 pixels")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="turk", description="Play chess against the Mechanical Turk, von Kempelen's "
        "1770 automaton — and find out who really played.")
    parser.add_argument("--version", action="version", version=f"turk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play against the Turk (the default)")
    play.add_argument("--settings", type=Path, help="a settings file (TOML)")
    play.add_argument("--fullscreen", action="store_true", default=None,
                      help="fill the screen (kiosks)")
    play.add_argument("--size", type=_size, help="window size, e.g. 1280x720")
    play.add_argument("--engine", help="builtin (default), stockfish, or a UCI engine's path")
    play.add_argument("--level", type=int, choices=range(1, 9), metavar="1-8",
                      help="the Turk's strength: 1 a beginner can win … 8 full strength")
    play.add_argument("--color", choices=("white", "black", "random"), help="your colour")
    play.add_argument("--language", choices=LANGUAGES, help="language of the screens")
    play.add_argument("--pgn", type=Path, help="continue the game in this PGN file")
    play.add_argument("--data-dir", type=Path, help="where games and logs are kept")
    play.add_argument("--no-pacing", action="store_true",
                      help="the Turk answers as soon as its engine does")

    commands.add_parser("engine", help="run the built-in engine as a UCI program (stdin/stdout)")

    shot = commands.add_parser("screenshot", help="render a scene to a PNG, headless")
    shot.add_argument("--scene", required=True, help="play, drag, promotion, game-over, "
                      "new-game; the operator's login, console, console-hybrid, console-magnets")
    shot.add_argument("--fen", help="the position to show")
    shot.add_argument("--size", type=_size, default=(1920, 1080), help="e.g. 1080x1920")
    shot.add_argument("--language", choices=LANGUAGES, default="en")
    shot.add_argument("--color", choices=("white", "black"), default="white",
                      help="the visitor's colour (the board turns to face it)")
    shot.add_argument("out", type=Path, help="the PNG file to write")
    return parser


def _settings_for_play(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.settings, required=args.settings is not None)
    changes: dict[str, object] = {}
    for option, name in (("fullscreen", "fullscreen"), ("size", "window_size"),
                         ("engine", "engine"), ("level", "level"), ("color", "color"),
                         ("language", "language"), ("data_dir", "data_dir")):
        value = getattr(args, option)
        if value is not None:
            changes[name] = value
    if args.no_pacing:
        changes["pacing"] = False
    return settings.replace(**changes)


def _setup_logging(data_dir: Path | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if data_dir is not None:
        try:
            (data_dir / "logs").mkdir(parents=True, exist_ok=True)
            handlers.append(logging.handlers.RotatingFileHandler(
                data_dir / "logs" / "turk.log", maxBytes=2_000_000, backupCount=3,
                encoding="utf-8"))
        except OSError as exc:
            print(f"turk: logging to a file is off: {exc}", file=sys.stderr)
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _play(args: argparse.Namespace) -> int:
    from game.model.pgn import PgnError, load_pgn_file
    from game.opponents.base import OpponentUnavailableError
    from game.opponents.engine import resolve_engine

    settings = _settings_for_play(args)
    session = None
    try:
        resolve_engine(settings.engine)  # fail now, with the fix, not during the game
        if args.pgn is not None:
            session = load_pgn_file(args.pgn)
    except (PgnError, OpponentUnavailableError) as exc:
        print(f"turk: {exc}", file=sys.stderr)
        return 2
    _setup_logging(settings.data_dir)
    from game.app import App, Launch

    app = App(Launch(settings, session))
    try:
        app.start_play()
        return app.run()
    finally:
        app.close()


def _screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.screenshot import ScreenshotError, Shot, take_screenshot

    shot = Shot(args.scene, args.size, args.fen, args.language, args.color)
    try:
        path = take_screenshot(shot, args.out)
    except ScreenshotError as exc:
        print(f"turk screenshot: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``turk`` command."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (arguments[0] not in SUBCOMMANDS
                         and arguments[0] not in ("-h", "--help", "--version")):
        arguments.insert(0, "play")
    args = build_parser().parse_args(arguments)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        if args.command == "engine":
            from game.engine.uci import main as engine_main

            return engine_main([])
        if args.command == "screenshot":
            return _screenshot(args)
        return _play(args)
    except SettingsError as exc:
        print(f"turk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

