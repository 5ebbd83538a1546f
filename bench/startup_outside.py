"""Start-up timed from outside: process start → a visible window of that process, found by
polling the X server with xdotool, for the real console script and for a bare PySide6
window in the same run.

Needs an X display (the benchmark starts Xvfb when there is none) and xdotool.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BARE = """
import sys
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 4))
window.setCentralWidget(table)
window.resize(1366, 768)
window.setWindowTitle("bare")
window.show()
sys.exit(app.exec())
"""

POLL_S = 0.005


def available() -> str | None:
    """Why start-up cannot be measured here, or None when it can."""
    if shutil.which("xdotool") is None:
        return "xdotool is not installed"
    if not os.environ.get("DISPLAY") and shutil.which("Xvfb") is None:
        return "no X display and no Xvfb"
    return None


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """An environment with an X display: the current one, else a private Xvfb."""
    if os.environ.get("DISPLAY"):
        yield {**os.environ}
        return
    # Xvfb picks a free display itself and writes its number once it accepts clients: a
    # number chosen here could be another server's (or a stale lock's), and polling for
    # readiness could succeed against that other server.
    readable, writable = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writable), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(writable,),
    )
    os.close(writable)
    try:
        with os.fdopen(readable) as announced:
            ready, _, _ = select.select([announced], [], [], 15)
            number = announced.readline().strip() if ready else ""
        if not number.isdigit():
            raise RuntimeError("the private X server (Xvfb) did not start within 15 s")
        env = {**os.environ, "DISPLAY": f":{number}"}
        env.pop("QT_QPA_PLATFORM", None)
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def _windows(pid: int, env: dict[str, str], name: str | None = None) -> list[str]:
    """The visible windows of process ``pid`` (whose title matches ``name``, a regex)."""
    command = ["xdotool", "search", "--onlyvisible", "--pid", str(pid)]
    if name is not None:
        command += ["--all", "--name", name]
    found = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return found.stdout.split() if found.returncode == 0 else []


def _visible(pid: int, env: dict[str, str]) -> bool:
    return bool(_windows(pid, env))


def cpu_ms(pid: int) -> float:
    """CPU time (user + system, all threads) process ``pid`` has used so far, in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def time_to_window(command: list[str], env: dict[str, str], timeout_s: float = 60) -> float:
    """Milliseconds from starting ``command`` to a visible window of its process."""
    return window_and_cpu(command, env, timeout_s)[0]


def window_and_cpu(
    command: list[str], env: dict[str, str], timeout_s: float = 60
) -> tuple[float, float]:
    """Milliseconds from starting ``command`` to a visible window of its process, and the
    CPU time the process had used by then (on a loaded machine the wall clock mostly
    measures the wait for a core; the CPU time does not)."""
    home = Path(tempfile.mkdtemp(prefix="cryolog-bench-home-"))
    child_env = {
        **env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    errors = (home / "stderr.txt").open("w+b")
    started = time.perf_counter()
    child = subprocess.Popen(command, env=child_env, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        while not _visible(child.pid, env):
            if child.poll() is not None:
                errors.seek(0)
                said = errors.read().decode(errors="replace").strip().splitlines()[-3:]
                raise RuntimeError(
                    f"{command[0]} exited ({child.returncode}) with no window: {said}"
                )
            if time.perf_counter() - started > timeout_s:
                raise RuntimeError(f"{command[0]} showed no window in {timeout_s:.0f} s")
            time.sleep(POLL_S)
        return (time.perf_counter() - started) * 1000, cpu_ms(child.pid)
    finally:
        child.send_signal(signal.SIGKILL)  # no backup on quit, no dialogs: the next run
        child.wait(timeout=30)
        errors.close()
        shutil.rmtree(home, ignore_errors=True)


DIALOG_TITLE = "^Encrypted database$"
WINDOW_TITLE = "^cryolog"


def time_unlocked_window(
    command: list[str], env: dict[str, str], passphrase: str, timeout_s: float = 120
) -> tuple[float, float]:
    """Start ``command`` on an encrypted file as a practitioner does: wait for the
    passphrase dialog, type the passphrase into it with xdotool (real key events through
    the X server) and press Return. Milliseconds (process start → dialog visible,
    Return pressed → main window visible): the typing itself is not counted."""
    home = Path(tempfile.mkdtemp(prefix="cryolog-bench-home-"))
    child_env = {
        **env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    errors = (home / "stderr.txt").open("w+b")

    def wait_for(name: str, since: float) -> list[str]:
        while True:
            found = _windows(child.pid, env, name)
            if found:
                return found
            if child.poll() is not None:
                errors.seek(0)
                said = errors.read().decode(errors="replace").strip().splitlines()[-3:]
                raise RuntimeError(f"{command[0]} exited ({child.returncode}): {said}")
            if time.perf_counter() - since > timeout_s:
                raise RuntimeError(f"{command[0]} showed no {name!r} in {timeout_s:.0f} s")
            time.sleep(POLL_S)

    started = time.perf_counter()
    child = subprocess.Popen(command, env=child_env, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        dialog = wait_for(DIALOG_TITLE, started)[0]
        to_dialog = (time.perf_counter() - started) * 1000
        subprocess.run(["xdotool", "windowfocus", dialog], env=env, check=True)
        subprocess.run(["xdotool", "type", "--delay", "2", passphrase], env=env, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
        pressed = time.perf_counter()
        wait_for(WINDOW_TITLE, pressed)
        return to_dialog, (time.perf_counter() - pressed) * 1000
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        errors.close()
        shutil.rmtree(home, ignore_errors=True)


def console_script() -> str:
    """The installed ``cryolog`` entry point beside this interpreter."""
    script = Path(sys.executable).with_name("cryolog")
    if not script.exists():
        raise RuntimeError(f"no console script at {script} (pip install -e .)")
    return str(script)


def bare_command() -> list[str]:
    return [sys.executable, "-c", BARE]


def cryolog_command(db: Path) -> list[str]:
    return [console_script(), "--db", str(db)]
