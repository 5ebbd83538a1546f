"""GUI benchmark (not a test): start-up and keystroke-to-results on a 100,000-patient database.

    xvfb-run -s "-screen 0 1366x768x24" python bench/bench_gui.py [DB]

Without DB a demo database of 100,000 patients is generated first (slow, once) in a temp
folder. Prints: start-up of a bare PySide6 window with one QTableView, start-up of the
cryolog main window until the first page of patients is shown, their ratio (target ≤ 2.5),
and search latency from keystroke to results shown, p50 and p95 (target p95 ≤ 50 ms).
"""

from __future__ import annotations

import importlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from cryolog.db.database import open_database
from cryolog.services import Services

QUERIES = [
    "и",
    "ив",
    "иван",
    "m",
    "mü",
    "mül",
    "an",
    "and",
    "ande",
    "1980",
    "+7",
    "903",
    "sm",
    "smi",
]


def wait_for(predicate: object, timeout_s: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout_s
    app = QApplication.instance()
    while not predicate() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)  # type: ignore[union-attr]


def bare_startup() -> float:
    start = time.perf_counter()
    window = QMainWindow()
    table = QTableView()
    table.setModel(QStandardItemModel(0, 4))
    window.setCentralWidget(table)
    window.show()
    QApplication.processEvents()
    elapsed = time.perf_counter() - start
    window.close()
    return elapsed


def cryolog_startup(path: Path) -> tuple[float, object]:
    from cryolog.ui.main_window import MainWindow

    start = time.perf_counter()
    db = open_database(path)
    window = MainWindow(Services.open(db))
    window.show()
    wait_for(lambda: window.model.rowCount() > 0)
    return time.perf_counter() - start, window


def search_latencies(window: object) -> list[float]:
    w = window  # MainWindow
    results = []
    for text in QUERIES * 5:
        w.patients.search.clear()  # type: ignore[attr-defined]
        wait_for(lambda: not w.runner.is_busy())  # type: ignore[attr-defined]
        start = time.perf_counter()
        w.patients.search.setText(text)  # type: ignore[attr-defined]
        wait_for(lambda t=text: w.model.query[0] == t and not w.runner.is_busy())  # type: ignore[attr-defined]
        results.append((time.perf_counter() - start) * 1000)
    return results


def demo_db() -> Path:
    path = Path(tempfile.mkdtemp()) / "bench.db"
    db = open_database(path)
    print("generating 100,000 demo patients…", flush=True)
    importlib.import_module("cryolog.services.demo").generate_demo(db, patients=100_000, seed=1)
    db.dispose()
    return path


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else demo_db()
    bare = min(bare_startup() for _ in range(3))
    full, window = cryolog_startup(path)
    print(f"bare PySide6 window + table: {bare * 1000:.0f} ms")
    print(f"cryolog main window, first page shown: {full * 1000:.0f} ms")
    print(f"ratio: {full / bare:.2f} (target ≤ 2.5)")
    lat = sorted(search_latencies(window))
    p95 = lat[int(len(lat) * 0.95) - 1]
    print(
        f"search keystroke → results: p50 {statistics.median(lat):.1f} ms,"
        f" p95 {p95:.1f} ms (target ≤ 50)"
    )
    window.close()  # type: ignore[attr-defined]
    QTimer.singleShot(0, app.quit)
    QTest.qWait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
