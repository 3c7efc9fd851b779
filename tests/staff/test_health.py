"""The health page's reading of the log: the last problems only, bounded and cleaned."""

from __future__ import annotations

from pathlib import Path

from game.health import WIDTH, collect_health, last_log_problems


def log_line(level: str, message: str, minute: int = 0) -> str:
    return f"2026-12-04 09:{minute:02d}:07,123 {level} game.kiosk: {message}\n"


def test_the_last_errors_and_warnings_are_shown_oldest_first(tmp_path: Path) -> None:
    log = tmp_path / "turk.log"
    lines = [log_line("INFO", "attract loop")]
    lines += [log_line("WARNING", f"warning {i}", i) for i in range(10)]
    lines += [log_line("ERROR", "engine died", 30), "Traceback (most recent call last):\n",
              '  File "x.py", line 1\n', log_line("INFO", "restarted", 31)]
    log.write_text("".join(lines))
    problems = last_log_problems(log, limit=4)
    assert problems == ("09:07 WARNING kiosk: warning 7", "09:08 WARNING kiosk: warning 8",
                        "09:09 WARNING kiosk: warning 9", "09:30 ERROR kiosk: engine died")


def test_long_lines_are_cut_and_control_characters_cleaned(tmp_path: Path) -> None:
    log = tmp_path / "turk.log"
    log.write_text(log_line("ERROR", "bad message \x1b[31mred\x07 " + "A" * 5000))
    (problem,) = last_log_problems(log)
    assert len(problem) == WIDTH and problem.endswith("…")
    assert "\x1b" not in problem and "\x07" not in problem


def test_only_the_tail_of_a_huge_log_is_read(tmp_path: Path) -> None:
    log = tmp_path / "turk.log"
    with open(log, "w") as handle:
        handle.write(log_line("ERROR", "old and far away"))
        handle.write(log_line("INFO", "x" * 100) * 5000)
        handle.write(log_line("WARNING", "recent", 59))
    assert last_log_problems(log, tail_bytes=10_000) == ("09:59 WARNING kiosk: recent",)


def test_the_rotated_log_fills_in_when_the_new_one_has_few(tmp_path: Path) -> None:
    log = tmp_path / "turk.log"
    (tmp_path / "turk.log.1").write_text(log_line("ERROR", "before rotation", 1))
    log.write_text(log_line("WARNING", "after rotation", 2))
    assert last_log_problems(log) == ("09:01 ERROR kiosk: before rotation",
                                      "09:02 WARNING kiosk: after rotation")


def test_a_report_without_a_log_or_data_folder_yet(tmp_path: Path) -> None:
    report = collect_health(tmp_path / "not-yet", engine_up=True, operator_connected=None)
    assert report.last_problems == () and report.engine_up
    assert report.disk_free_bytes is not None and report.disk_free_bytes > 0
