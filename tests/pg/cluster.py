"""A throwaway PostgreSQL cluster for one test session.

PostgreSQL refuses to run as root, and CI runs as root: the cluster is made (initdb) and
run by an unprivileged user (``cryolog-test``, created when missing) through ``runuser``,
in a temporary folder that user owns, on a free port, with its unix socket in the same
folder (nothing listens on the network). The superuser ``cryolog`` signs in over the
socket without a password; every other role must give its password (scram), so the tests
can sign in as a practitioner and be refused.

Without PostgreSQL's programs (``initdb``, ``pg_ctl``) ``find_bindir`` gives None and the
tests that need a server are skipped with that reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVICE_USER = "cryolog-test"
SUPERUSER = "cryolog"
_PROGRAMS = ("initdb", "pg_ctl")


def find_bindir(
    root: Path = Path("/usr/lib/postgresql"), search_path: str | None = None
) -> Path | None:
    """The folder of the newest installed PostgreSQL's programs (Debian's layout under
    ``root``, else ``initdb`` on the PATH), or None."""
    candidates = sorted(
        root.glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    for folder in candidates:
        if all((folder / name).is_file() for name in _PROGRAMS):
            return folder
    found = shutil.which("initdb", path=search_path)
    if found and shutil.which("pg_ctl", path=search_path):
        return Path(found).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ensure_user() -> None:
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SERVICE_USER],
            check=True, capture_output=True,
        )  # fmt: skip


@dataclass
class Cluster:
    bindir: Path
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{user}{secret}@/{database}?host={self.socket_dir}&port={self.port}"

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVICE_USER, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    @classmethod
    def start(cls, bindir: Path, *, durable: bool = False) -> Cluster:
        """``durable``: commits wait for the disk as on a clinic's server (the benchmark);
        the tests' cluster does not (fsync off: faster, and nothing there is kept)."""
        folder = Path(tempfile.mkdtemp(prefix="cryolog-pg-"))
        if os.geteuid() == 0:
            _ensure_user()
            shutil.chown(folder, SERVICE_USER, SERVICE_USER)
        cluster = cls(bindir, folder, _free_port())
        cluster._run(
            "initdb", "-D", str(cluster.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        (cluster.data / "pg_hba.conf").write_text(
            f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        options = (
            f"-p {cluster.port} -k {cluster.socket_dir} -c listen_addresses=''"
            " -c max_connections=60 -c shared_buffers=32MB"
        )
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            cluster._run(
                "pg_ctl", "-D", str(cluster.data), "-o", options, "-l",
                str(cluster.folder / "server.log"), "-w", "-t", "60", "start",
            )  # fmt: skip
        except subprocess.CalledProcessError:
            log = cluster.folder / "server.log"
            print(log.read_text(encoding="utf-8") if log.exists() else "(no server log)")
            raise
        return cluster

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname=database,
            autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(statement.encode())
