"""Try the staff menu in a real window: a kiosk game with the corner gesture wired in.

Opens the game as a locked kiosk (closing the window, Ctrl+Q and Escape do nothing) in a
scratch folder seeded with a settings file, a month of statistics and a log
(``game.ui.staff.demo.StaffDemo``). Five taps in the top-left corner within three seconds open
the PIN pad; the PIN is 2468; the menu's "Quit to the desktop" (tapped twice) ends the demo.
With ``--closed`` the closed card shows instead of a game (the gesture works there too).
This is how the kiosk wires the staff menu: ``StaffDoor`` as a companion of the app.

Usage::

    .venv/bin/python tools/staff_demo.py [--size 1280x720] [--language de] [--closed]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from game.app import App, Launch
from game.config import LANGUAGES
from game.model.hours import parse_hours
from game.opponents.idle import IdleOpponent
from game.pin_lock_store import PinLockStore
from game.ui.staff.actions import CallbackActions
from game.ui.staff.closed import ClosedScene
from game.ui.staff.demo import StaffDemo
from game.ui.staff.door import StaffDoor, StaffFiles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x720", help="window size, e.g. 1080x1920")
    parser.add_argument("--language", choices=LANGUAGES, default="en")
    parser.add_argument("--closed", action="store_true", help="show the closed card")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="turk-staff-demo-") as folder:
        demo = StaffDemo(Path(folder))
        running = demo.settings_file.read().replace(
            data_dir=demo.data_dir, window_size=(width, height), language=args.language,
            kiosk=True, show=False, greeting=False, mute=True)
        app = App(Launch(running), opponent_factory=lambda _setup: IdleOpponent())

        def stop() -> None:
            app.running = False

        actions = CallbackActions(stop, stop, demo.actions.pairing_code,
                                  demo.actions.new_pairing_code, demo.actions.health)
        door = StaffDoor(app.services, StaffFiles(demo.settings_file, demo.statistics,
                                                  PinLockStore(demo.data_dir)),
                         actions, running=running, steady=time.monotonic, wall=time.time,
                         today=dt.date.today)
        app.companions.append(door)
        if args.closed:
            app.stack.push(ClosedScene(app.services, hours=parse_hours(running.hours),
                                       now=dt.datetime.now))
        else:
            app.start_play(show=False)
        print(f"PIN: 2468 · files in {folder}", flush=True)
        try:
            return app.run()
        finally:
            app.close()
            demo.close()


if __name__ == "__main__":
    raise SystemExit(main())
