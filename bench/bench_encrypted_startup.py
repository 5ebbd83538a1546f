"""Start-up with an encrypted database against the same file plain (not a test).

    python bench/bench_encrypted_startup.py [--patients N] [DB]

DB defaults to the cached demo database of N patients (100,000; bench/perfkit.py). A copy
is encrypted once with the real key derivation and cached beside it. Both are started
several times, alternating, in fresh processes, from process start to the first page of
patients shown (bench/startup_probe.py). The encrypted start includes deriving the key
from the passphrase (once per opening) and every connection keyed with the raw key.
Prints the medians and their ratio. ``make bench`` measures the encrypted start-up through
the real console script instead: the passphrase typed into the real dialog with xdotool
(bench/startup_outside.py), beside the plain file and a bare window.
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
PASSPHRASE = "benchmark passphrase, long enough"


def child(path: str, settings_file: str) -> int:
    """Started as ``--child DB SETTINGS``: unlock with the passphrase, start the window."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cryolog.db.backends import SqlcipherFileBackend
    from cryolog.ui.app import DesktopApp

    app = QApplication(sys.argv[:1])
    SqlcipherFileBackend(Path(path)).unlock(os.environ["BENCH_PASSPHRASE"])
    desktop = DesktopApp(QSettings(settings_file, QSettings.Format.IniFormat))
    if not desktop.start(path) or desktop.window is None:
        raise SystemExit("cryolog did not start")
    window = desktop.window
    window.resize(1366, 768)

    def ready(_text: str) -> None:
        print("READY", flush=True)
        QTimer.singleShot(0, app.quit)

    window.model.loaded.connect(ready)
    app.aboutToQuit.connect(lambda: (window.close(), desktop.close()))
    return app.exec()


def time_start(args: list[str]) -> float:
    """Milliseconds from starting ``python ARGS`` to its READY line."""
    start = time.perf_counter()
    env = {**os.environ, "BENCH_PASSPHRASE": PASSPHRASE}
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait(timeout=120)
        raise RuntimeError(f"{args} never became ready")
    proc.wait(timeout=120)
    return elapsed * 1000


def plain_and_encrypted(plain: Path, encrypted: Path, runs: int) -> tuple[list[float], list[float]]:
    """Start-up times of ``plain`` and ``encrypted``, alternating so both see the same
    machine; each run in a fresh settings file."""
    plain_runs: list[float] = []
    encrypted_runs: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cryolog-bench-enc-") as folder:
        probe = str(HERE / "startup_probe.py")
        for n in range(runs):
            settings = str(Path(folder) / f"settings-{n}.ini")
            plain_runs.append(time_start([probe, "cryolog", str(plain), settings]))
            encrypted_runs.append(time_start([__file__, "--child", str(encrypted), settings]))
    return plain_runs, encrypted_runs


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1], argv[2])
    sys.path.insert(0, str(HERE))
    import perfkit

    patients = 100_000
    if argv[:1] == ["--patients"]:
        patients, argv = int(argv[1]), argv[2:]
    perfkit.fresh_bytecode()
    plain = Path(argv[0]) if argv else perfkit.demo_db(patients)
    encrypted, took = perfkit.encrypted_copy(plain, PASSPHRASE)
    if took is not None:
        print(f"encrypting the copy took {took:.1f} s")
    plain_runs, encrypted_runs = plain_and_encrypted(plain, encrypted, RUNS)
    p, e = statistics.median(plain_runs), statistics.median(encrypted_runs)
    print(
        f"start-up, plain file:     median {p:.0f} ms  runs {sorted(round(v) for v in plain_runs)}"
    )
    print(
        f"start-up, encrypted file: median {e:.0f} ms  runs"
        f" {sorted(round(v) for v in encrypted_runs)}"
    )
    print(f"ratio encrypted/plain {e / p:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
