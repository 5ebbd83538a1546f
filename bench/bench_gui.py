"""GUI benchmark (not a test): start-up, and keystroke-to-results in the patient search.

    xvfb-run -a -s "-screen 0 1366x768x24" python bench/bench_gui.py [DB]

DB defaults to a 100,000-patient demo database cached in the system temp folder (made once
with the demo generator; that takes minutes). Start-up is timed from process start to a
usable window, for a bare PySide6 window with one QTableView and for cryolog, alternating,
several runs each in fresh processes; the ratio's target is ≤ 2.5. Search latency is from
each typed key to its results shown in the list; the target is p95 ≤ 50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 5
WORDS = ["иван", "müller", "dupont", "o'brien", "петр", "anna", "smith", "1980-05-02", "+7 9"]


def cached_demo_db() -> Path:
    path = Path(tempfile.gettempdir()) / "cryolog-bench-100k.db"
    if not path.exists():
        from cryolog.db.database import open_database
        from cryolog.services.demo import generate_demo

        print("generating 100,000 demo patients (once)…", flush=True)
        db = open_database(path)
        generate_demo(db, 100_000, 1)
        db.dispose()
    return path


def time_start(*args: str) -> float:
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "startup_probe.py"), *args],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"start-up probe {args} never became ready")
    child.wait(timeout=60)
    return elapsed * 1000


def _ms(values: list[float]) -> list[int]:
    return sorted(round(v) for v in values)


def startup(db: Path) -> None:
    settings = Path(tempfile.mkdtemp()) / "bench-settings.ini"  # not the user's settings
    bare, full = [], []
    for _ in range(RUNS):
        bare.append(time_start("bare"))
        full.append(time_start("cryolog", str(db), str(settings)))
    b, f = statistics.median(bare), statistics.median(full)
    print(f"start-up, bare PySide6 window + table: median {b:.0f} ms  runs {_ms(bare)}")
    print(f"start-up, cryolog with patients shown:  median {f:.0f} ms  runs {_ms(full)}")
    print(f"ratio {f / b:.2f} (target ≤ 2.5)")


def type_key(widget: object, char: str) -> None:
    """A real key press and release carrying ``char`` (any script) to ``widget``."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def search_latency(db: Path) -> None:
    """Through the real start-up path, so the background work (the data layer loading,
    then the whole-file integrity scan) competes with the searches as it would for real:
    measured once while that runs, and once after it has finished."""
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from cryolog.ui.app import DesktopApp

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    desktop = DesktopApp(settings)
    if not desktop.start(str(db)) or desktop.window is None:
        raise SystemExit("cryolog did not start")
    window = desktop.window
    arrived: list[str] = []
    window.model.loaded.connect(arrived.append)

    def wait_for(text: str) -> None:
        deadline = time.perf_counter() + 10
        while text not in arrived and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 2)

    def measure(label: str) -> None:
        latencies = []
        for word in WORDS * 3:
            window.patients.search.clear()
            wait_for("")
            typed = ""
            for char in word:
                typed += char
                arrived.clear()
                start = time.perf_counter()
                type_key(window.patients.search, char)
                wait_for(typed)
                latencies.append((time.perf_counter() - start) * 1000)
        latencies.sort()
        p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
        print(
            f"search keystroke → results shown, {label} ({len(latencies)} keystrokes):"
            f" p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms,"
            f" max {latencies[-1]:.1f} ms (target p95 ≤ 50)"
        )

    wait_for("")
    busy = window.background.is_busy()
    measure("background scan running" if busy else "background work already done")
    started = time.perf_counter()
    while window.background.is_busy():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    waited = time.perf_counter() - started
    print(f"background work (data layer, integrity scan) finished {waited:.1f} s later")
    measure("afterwards")
    window.close()
    desktop.close()


def main() -> int:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else cached_demo_db()
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB)")
    startup(db)
    search_latency(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
