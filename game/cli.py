"""The ``turk`` command: play (the default), engine, screenshot, and the hidden-operator
session: host (the visitor's side), operator (the console), duo (both on one computer).

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
from typing import TYPE_CHECKING

from game import __version__
from game.config import (
    LANGUAGES,
    Settings,
    SettingsError,
    load_settings,
    platform_config_file,
)
from game.net.wire import DEFAULT_PORT, PAIRING_CODE_ENV

if TYPE_CHECKING:
    from game.app import App
    from game.crowd.platform import CrowdSettings
    from game.model.session import GameSession

log = logging.getLogger("game")

SUBCOMMANDS = ("play", "kiosk", "engine", "screenshot", "host", "operator", "duo", "classroom")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x720") from None
    if not (200 <= width <= 16384 and 200 <= height <= 16384):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 200 to 16384 pixels")
    return width, height


def _kiosk_address(text: str) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT``."""
    host, port = text, str(DEFAULT_PORT)
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") or port
    elif text.count(":") == 1:
        host, port = text.split(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST or HOST:PORT, e.g. "
                                         "192.168.1.20:1770")
    return host, int(port)


def _add_game_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", type=Path, help="a settings file (TOML)")
    parser.add_argument("--fullscreen", action="store_true", default=None,
                        help="fill the screen (kiosks)")
    parser.add_argument("--size", type=_size, help="window size, e.g. 1280x720")
    parser.add_argument("--engine", help="builtin (default), stockfish, or a UCI engine's path")
    parser.add_argument("--level", type=int, choices=range(1, 9), metavar="1-8",
                        help="the Turk's strength: 1 a beginner can win … 8 full strength")
    parser.add_argument("--color", choices=("white", "black", "random"), help="your colour")
    parser.add_argument("--language", choices=LANGUAGES, help="language of the screens")
    parser.add_argument("--pgn", type=Path, help="continue the game in this PGN file")
    parser.add_argument("--data-dir", type=Path, help="where games and logs are kept")
    parser.add_argument("--no-pacing", action="store_true",
                        help="the Turk answers as soon as its engine does")
    parser.add_argument("--trace", type=Path, metavar="FILE",
                        help="write one JSON line per scene change and per move to FILE "
                        "(for tests that drive the game from outside)")


def _add_session_options(parser: argparse.ArgumentParser, *, port_help: str) -> None:
    _add_game_options(parser)
    parser.add_argument("--port", type=int, help=port_help)
    parser.add_argument("--pairing-code", help=f"the one-time code (default: ${PAIRING_CODE_ENV}"
                        ", or a new one, written to the log); a code staff set is never "
                        "logged")
    parser.add_argument("--pairing-code-file", type=Path, metavar="PATH",
                        help="keep the pairing code in this file, readable by its owner only, "
                        "instead of writing it to the log")
    parser.add_argument("--hybrid", action="store_true", default=None,
                        help="the operator also sees the engine's three best moves")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="turk", description="Play chess against the Mechanical Turk, von Kempelen's "
        "1770 automaton — and find out who really played.")
    parser.add_argument("--version", action="version", version=f"turk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play against the Turk (the default)")
    _add_game_options(play)

    host = commands.add_parser("host", help="the visitor plays the Turk; a hidden operator "
                               "makes its moves from `turk operator`")
    _add_session_options(host, port_help="the port to listen on (default 1770)")
    host.add_argument("--listen", metavar="ADDRESS",
                      help="the address to listen on (default 127.0.0.1: this computer only)")
    host.add_argument("--visitor-engine", type=int, choices=range(1, 9), metavar="LEVEL",
                      help="no visitor: the built-in engine at LEVEL (1-8) plays the visitor's "
                      "side, tapping its moves in (to test an operator client headless)")

    kiosk = commands.add_parser("kiosk", help="an unattended exhibit: fullscreen and locked, "
                                "with the attract loop, idle reset and the staff menu")
    _add_session_options(kiosk, port_help="the port to listen on for an operator (default 1770)")
    kiosk.add_argument("--operator", action="store_true",
                       help="a hidden operator plays the Turk (`turk operator` connects)")
    kiosk.add_argument("--listen", metavar="ADDRESS",
                       help="the address to listen on for the operator (default 127.0.0.1)")
    kiosk.add_argument("--print-systemd-unit", action="store_true",
                       help="print a systemd user unit that keeps the kiosk running, and exit")
    kiosk.add_argument("--set-pin", action="store_true",
                       help="ask for the staff PIN (twice, not shown) and keep its salted hash "
                       "in the settings file, then exit")

    operator = commands.add_parser("operator", help="the hidden operator's console")
    operator.add_argument("kiosk", metavar="HOST[:PORT]", type=_kiosk_address,
                          help="the computer running `turk host` (port 1770 unless given)")
    operator.add_argument("--pairing-code", help=f"the kiosk's code (or ${PAIRING_CODE_ENV}); "
                          "otherwise the console asks")
    operator.add_argument("--name", help="the name the reveal will credit")
    operator.add_argument("--hybrid", action="store_true",
                          help="show the card for the engine's suggestions from the start")
    operator.add_argument("--size", type=_size, default=(1280, 720), help="window size")
    operator.add_argument("--fullscreen", action="store_true", help="fill the screen")
    operator.add_argument("--language", choices=LANGUAGES, default="en")

    duo = commands.add_parser("duo", help="the visitor's window and the operator's console on "
                              "one computer, over the same link")
    _add_session_options(duo, port_help="the loopback port (default: any free one)")
    duo.add_argument("--display", type=int, metavar="N",
                     help="put the console full-screen on display N (0 is the first)")
    duo.add_argument("--name", help="the operator's name (otherwise the console asks)")

    _add_classroom_parser(commands)

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


def _add_classroom_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    room = commands.add_parser("classroom", help="a class plays the Turk from their phones: "
                               "the game on the projector, the worker page on the network")
    _add_game_options(room)
    room.add_argument("--listen", metavar="ADDRESS", default="127.0.0.1",
                      help="the address to serve the worker page on (default 127.0.0.1: this "
                      "computer only; give the computer's address on the class network)")
    room.add_argument("--port", type=int, default=8770, help="the web port (default 8770)")
    room.add_argument("--demo", action="store_true",
                      help="the engine plays the visitor's side (nobody at the screen)")
    room.add_argument("--tasks", default="propose", metavar="KINDS",
                      help="kinds of task, comma-separated: propose, rate, label "
                      "(default propose)")
    room.add_argument("--rule", choices=("plurality", "first", "weighted"),
                      default="plurality", help="how answers are aggregated")
    room.add_argument("--time", type=float, default=20.0, metavar="SECONDS",
                      help="time per task (5-120 s, default 20)")
    room.add_argument("--reward", type=int, default=10, help="points per accepted answer")
    room.add_argument("--fee", type=int, default=20, metavar="PERCENT",
                      help="the platform's fee (default 20 %%)")
    room.add_argument("--hide-names", action="store_true",
                      help="show every worker as 'worker N', never their pseudonym")


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
    if args.command == "kiosk" or settings.kiosk:
        changes["kiosk"] = True
        if args.size is None:
            changes["fullscreen"] = True  # --size tries a kiosk out in a window
        if getattr(args, "operator", False):
            changes["kiosk_mode"] = "hybrid" if args.hybrid else "operator"
        elif getattr(args, "hybrid", False):
            changes["kiosk_mode"] = "hybrid"
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


def _prepare(args: argparse.Namespace) -> tuple[Settings, GameSession | None] | int:
    """The settings and a game to continue, checked before any window opens (or exit 2)."""
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
    if getattr(args, "pin_adopted", False):
        log.warning("%s: the staff PIN written there in plain text was replaced by its salted "
                    "hash ([kiosk] pin_hash)", args.settings or platform_config_file())
    if settings.kiosk:
        _log_staff_access(settings)
    return settings, session


def _log_staff_access(settings: Settings) -> None:
    from game.model.pin import PinStatus, pin_status

    status = pin_status(settings.pin_hash)
    if status is PinStatus.SET:
        log.info("kiosk: staff open their menu with five taps in the top-left corner and the PIN")
    else:
        log.warning("kiosk: %s, so this kiosk has no staff menu; set a PIN with "
                    "`turk kiosk --set-pin`", "no staff PIN is set" if status is
                    PinStatus.NOT_SET else "the staff PIN's hash ([kiosk] pin_hash) is damaged")


def _play(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    from game.app import App, Launch

    return _run(App(Launch(*prepared, trace=args.trace)), settings_file=args.settings)


def _run(app: App, *, settings_file: Path | None = None) -> int:
    if app.kiosk:
        return _run_kiosk(app, settings_file or platform_config_file())
    try:
        app.start_play()
        return app.run()
    finally:
        app.close()


def _run_kiosk(app: App, settings_file: Path) -> int:
    """The kiosk until staff restart or quit it (or systemd stops it)."""
    from game.kiosk_setup import start_kiosk

    kiosk = start_kiosk(app, settings_file=settings_file)
    try:
        app.run()
    finally:
        app.close()
        kiosk.close()
    if kiosk.restart_asked and "INVOCATION_ID" not in os.environ:
        # Not under systemd (which restarts it by itself): start afresh in this process.
        os.execv(sys.executable, [sys.executable, "-m", "game", *sys.argv[1:]])
    return int(kiosk.exit)


def _pairing_code(given: str | None) -> tuple[str, bool]:
    """The session's code — given, from the environment, or new — and whether staff chose it.

    :raises ValueError: for a malformed code.
    """
    from game.net.protocol import new_pairing_code, normalize_pairing_code

    chosen = given or os.environ.get(PAIRING_CODE_ENV)
    code = chosen or new_pairing_code()
    normalize_pairing_code(code)
    return code, bool(chosen)


def session_settings(settings: Settings, args: argparse.Namespace, *, duo: bool) -> Settings:
    """The settings of a hidden-operator session: the command line's address and hybrid
    mode, and no takebacks (those are for solo play: undoing a move the hidden operator
    made would take their work back behind their back)."""
    changes: dict[str, object] = {"takeback": False}
    if not duo and args.listen:
        changes["operator_listen"] = args.listen
    if args.hybrid:
        changes["hybrid"] = True
    return settings.replace(**changes)


def _host(args: argparse.Namespace, *, duo: bool = False) -> int:
    """`turk host` (and `turk duo`): the visitor's window, the Turk's moves from the link."""
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    settings, session = prepared
    settings = session_settings(settings, args, duo=duo)
    from game.net.link import LinkError
    from game.operator_host import host_from_settings
    from game.opponents.engine import resolve_engine

    try:
        code, chosen = _pairing_code(args.pairing_code)
        host = host_from_settings(
            settings, pairing_code=code, engine=resolve_engine(settings.engine),
            listen="127.0.0.1" if duo else None,
            port=args.port if args.port is not None else (0 if duo else None),
            code_file=args.pairing_code_file, code_chosen_by_staff=chosen)
        host.start()
    except (ValueError, LinkError) as exc:
        print(f"turk: {exc}", file=sys.stderr)
        return 2
    from game.app import App, Launch
    from game.ui.console.window import ConsoleOptions, duo_layout, open_console_window

    layout = duo_layout(args.display) if duo else None  # side by side, or two screens
    app = App(Launch(settings, session, placement=layout.visitor if layout else None,
                     trace=args.trace), host=host)
    visitor_level = getattr(args, "visitor_engine", None)
    if visitor_level is not None:
        from game.ui.scripted_visitor import engine_visitor

        app.companions.append(engine_visitor(resolve_engine("builtin"), visitor_level))
    if layout is not None:
        options = ConsoleOptions(host.link.address, code=code,
                                 name=args.name or "", hybrid=settings.hybrid,
                                 language=settings.language)
        try:
            app.companions.append(open_console_window(options, display=layout.console_display,
                                                      placement=layout.console))
        except ValueError as exc:
            app.close()
            print(f"turk: --display: {exc}", file=sys.stderr)
            return 2
    return _run(app, settings_file=args.settings)


def _kiosk(args: argparse.Namespace) -> int:
    """`turk kiosk`: the game as an unattended exhibit (solo, or with a hidden operator)."""
    if args.set_pin:
        return _set_pin(args.settings or platform_config_file())
    settings = _settings_for_play(args)
    if args.print_systemd_unit:
        from game.watchdog import systemd_unit

        print(systemd_unit(_own_command(), data_dir=settings.data_dir), end="")
        return 0
    if settings.kiosk_mode != "solo":
        args.hybrid = settings.kiosk_mode == "hybrid"
        return _host(args)
    return _play(args)


def _set_pin(path: Path) -> int:
    """`turk kiosk --set-pin`: the PIN asked twice without echo; only its hash is written."""
    import getpass

    from game.model.pin import check_pin
    from game.settings_file import SettingsFile

    pin = getpass.getpass("New staff PIN (4 to 12 digits): ").strip()
    problem = check_pin(pin)
    if problem is not None:
        print(f"turk: {problem}; the PIN was not changed", file=sys.stderr)
        return 2
    if getpass.getpass("The same PIN again: ").strip() != pin:
        print("turk: the two PINs differ; the PIN was not changed", file=sys.stderr)
        return 2
    SettingsFile(path).set_pin(pin)  # a SettingsError reaches main(): one line, exit 2
    print(f"turk: the staff PIN is set (only its salted hash is kept, in {path})")
    return 0


def _adopt_plain_pin(path: Path | None) -> bool:
    """A `pin = "…"` staff wrote by hand in [kiosk] becomes its hash before anything reads
    the file (logged once logging is set up; the PIN itself never is)."""
    from game.settings_file import SettingsFile

    return SettingsFile(path or platform_config_file()).adopt_plain_pin()


def _own_command() -> str:
    """How this very program is started again (the installed ``turk`` or ``python -m game``)."""
    script = Path(sys.argv[0]).resolve()
    if script.name == "turk" and script.is_file():
        return str(script)
    return f"{sys.executable} -m game"


def _crowd_settings(args: argparse.Namespace) -> CrowdSettings:
    """The platform's settings from the command line.

    :raises ValueError: with the reason, for an unknown kind or a value out of range.
    """
    from game.crowd.aggregate import Rule
    from game.crowd.platform import CrowdSettings
    from game.crowd.tasks import TaskKind

    names = [part.strip() for part in args.tasks.split(",") if part.strip()]
    try:
        kinds = frozenset(TaskKind(name) for name in names)
    except ValueError:
        raise ValueError(f"--tasks {args.tasks!r}: the kinds are propose, rate and label") \
            from None
    return CrowdSettings(kinds=kinds, rule=Rule(args.rule), window_s=args.time,
                         reward=args.reward, fee_percent=args.fee,
                         names_hidden=args.hide_names)


def _classroom(args: argparse.Namespace) -> int:
    """`turk classroom`: the Turk on the projector, its moves made by a class of workers."""
    prepared = _prepare(args)
    if isinstance(prepared, int):
        return prepared
    settings, session = prepared
    # A crowd's move taken back would take its work back behind its back, as in duo play.
    settings = settings.replace(takeback=False)
    from game.classroom import classroom_from_settings
    from game.opponents.engine import resolve_engine
    from game.web.server import WebError

    try:
        engine = resolve_engine(settings.engine)
        host = classroom_from_settings(settings, crowd=_crowd_settings(args), engine=engine,
                                       listen=args.listen, port=args.port)
        host.start()
    except (ValueError, OSError, WebError) as exc:
        print(f"turk classroom: {exc}", file=sys.stderr)
        return 2
    print(f"turk classroom: the class joins at {host.url}", file=sys.stderr)
    from game.app import Launch
    from game.classroom_app import ClassroomApp

    app = ClassroomApp(Launch(settings, session, title="The Mechanical Turk — classroom"),
                       host, demo_engine=engine if args.demo else None)
    return _run(app)


def _operator(args: argparse.Namespace) -> int:
    """`turk operator HOST[:PORT]`: the hidden operator's console."""
    _setup_logging(load_settings(None).data_dir)
    from game.ui.console.window import ConsoleOptions, run_console

    code = args.pairing_code or os.environ.get(PAIRING_CODE_ENV, "")
    options = ConsoleOptions(args.kiosk, code=code, name=args.name or "", hybrid=args.hybrid,
                             language=args.language)
    return run_console(options, size=args.size, fullscreen=args.fullscreen)


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
        adopted = (args.command in ("play", "kiosk", "host", "duo")
                   and not getattr(args, "set_pin", False) and _adopt_plain_pin(args.settings))
        if args.command == "play" and load_settings(args.settings).kiosk:
            # `[kiosk] enabled = true` in the settings file makes plain `turk` the exhibit.
            args = build_parser().parse_args(["kiosk", *arguments[1:]])
        args.pin_adopted = adopted
        if args.command == "engine":
            from game.engine.uci import main as engine_main

            return engine_main([])
        if args.command == "screenshot":
            return _screenshot(args)
        if args.command in ("host", "duo"):
            return _host(args, duo=args.command == "duo")
        if args.command == "kiosk":
            return _kiosk(args)
        if args.command == "operator":
            return _operator(args)
        if args.command == "classroom":
            return _classroom(args)
        return _play(args)
    except SettingsError as exc:
        print(f"turk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130

