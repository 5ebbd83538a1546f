"""Start-up with an encrypted database against the same file plain (not a test).

    xvfb-run -a -s "-screen 0 1366x768x24" python bench/bench_encrypted_startup.py [DB]

DB defaults to the 100,000-patient demo database of bench_gui.py (made once). A copy is
encrypted with the real key derivation; both are started several times, alternating, in
fresh processes, from process start to the first page of patients shown. The encrypted
start includes deriving the key from the passphrase (once per opening) and every
connection keyed with the raw key. Prints the medians and their ratio.
"""

from __future__ import annotations

import os
import shutil
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
    start = time.perf_counter()
    env = {**os.environ, "BENCH_PASSPHRASE": PASSPHRASE}
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{args} never became ready")
    proc.wait(timeout=120)
    return elapsed * 1000


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1], argv[2])
    sys.path.insert(0, str(HERE))
    from bench_gui import cached_demo_db

    from cryolog.services.encryption import encrypt_database

    plain = Path(argv[0]) if argv else cached_demo_db()
    folder = Path(tempfile.mkdtemp(prefix="cryolog-bench-enc-"))
    encrypted = folder / "encrypted.db"
    shutil.copy(plain, encrypted)
    began = time.perf_counter()
    encrypt_database(encrypted, PASSPHRASE, backups="remove")
    print(f"encrypting the copy took {time.perf_counter() - began:.1f} s")
    settings = str(folder / "settings.ini")
    plain_runs: list[float] = []
    encrypted_runs: list[float] = []
    probe = str(HERE / "startup_probe.py")
    for _ in range(RUNS):
        plain_runs.append(time_start([probe, "cryolog", str(plain), settings]))
        encrypted_runs.append(time_start([__file__, "--child", str(encrypted), settings]))
    p, e = statistics.median(plain_runs), statistics.median(encrypted_runs)
    print(
        f"start-up, plain file:     median {p:.0f} ms  runs {sorted(round(v) for v in plain_runs)}"
    )
    print(
        f"start-up, encrypted file: median {e:.0f} ms  runs"
        f" {sorted(round(v) for v in encrypted_runs)}"
    )
    print(f"ratio encrypted/plain {e / p:.2f}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
