"""A database in a cloud-sync folder or on a network disk gets a warning saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from cryolog.db.placement import placement_warning

pytestmark = pytest.mark.sqlite_only  # where a file lives (cloud folders, network drives)

LOCAL_MOUNTS = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"


@pytest.mark.parametrize(
    ("folder", "service"),
    [
        ("Dropbox", "Dropbox"),
        ("Dropbox (Personal)/clinic", "Dropbox"),
        ("OneDrive - Klinik am See", "OneDrive"),
        ("Google Drive/My Drive", "Google Drive"),
        ("Library/CloudStorage/GoogleDrive-anna@example.org", "Google Drive"),
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud"),
        ("Nextcloud/Praxis", "Nextcloud"),
        ("ownCloud", "ownCloud"),
    ],
)
def test_cloud_sync_folders_are_named(tmp_path: Path, folder: str, service: str) -> None:
    path = tmp_path / folder / "cryolog.db"
    warning = placement_warning(path, mountinfo=LOCAL_MOUNTS)
    assert warning is not None and warning.place == service and not warning.network
    message = warning.message(path)
    assert service in message and "damaged" in message and "own disk" in message


@pytest.mark.parametrize(
    ("marker", "service"),
    [(".stfolder", "Syncthing"), (".dropbox", "Dropbox"), (".sync_5f3a.db", "Nextcloud")],
)
def test_sync_roots_are_found_by_their_marker(tmp_path: Path, marker: str, service: str) -> None:
    root = tmp_path / "shared"
    (root / "practice").mkdir(parents=True)
    (root / marker).touch()
    warning = placement_warning(root / "practice" / "cryolog.db", mountinfo=LOCAL_MOUNTS)
    assert warning is not None and service in warning.place


def test_an_ordinary_folder_gets_no_warning(tmp_path: Path) -> None:
    assert placement_warning(tmp_path / "data" / "cryolog.db", mountinfo=LOCAL_MOUNTS) is None


@pytest.mark.parametrize(
    ("fs_type", "name"),
    [("nfs4", "NFS"), ("cifs", "SMB/CIFS"), ("fuse.sshfs", "SSHFS"), ("9p", "virtual machine")],
)
def test_network_file_systems_are_named(fs_type: str, name: str) -> None:
    mounts = LOCAL_MOUNTS + f"40 22 0:50 / /srv/share rw - {fs_type} server:/export rw\n"
    warning = placement_warning(Path("/srv/share/clinic/cryolog.db"), mountinfo=mounts)
    assert warning is not None and warning.network and name in warning.place
    assert "locking" in warning.message(Path("/srv/share/clinic/cryolog.db"))
    beside = placement_warning(Path("/srv/shared-not/cryolog.db"), mountinfo=mounts)
    assert beside is None  # a name that only starts like the mount point is not on it
