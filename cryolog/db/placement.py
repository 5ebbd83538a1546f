"""Is the database in a place where SQLite files get damaged? (cloud sync, network disks)

A sync client copies the file while it is being written, and uploads the database and its
``-wal`` journal separately, so another computer (or a restore of an old version) ends up
with a mixture of two states; network file systems often get SQLite's locking wrong. Both
damage files silently. This module names the place; the window and ``cryolog check`` warn.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

SYNC_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud",
    "iclouddrive": "iCloud",
    "mobile documents": "iCloud",
    "com~apple~clouddocs": "iCloud",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "syncthing": "Syncthing",
}
SYNC_MARKERS = {
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".stfolder": "Syncthing",
    ".owncloudsync.log": "Nextcloud or ownCloud",
}
SYNC_MARKER_PATTERNS = {
    ".sync_*.db": "Nextcloud or ownCloud",
    "._sync_*.db": "Nextcloud or ownCloud",
}
NETWORK_FILE_SYSTEMS = {
    "nfs": "NFS",
    "nfs4": "NFS",
    "cifs": "SMB/CIFS",
    "smb3": "SMB/CIFS",
    "smbfs": "SMB/CIFS",
    "fuse.sshfs": "SSHFS",
    "sshfs": "SSHFS",
    "afs": "AFS",
    "ceph": "Ceph",
    "fuse.ceph": "Ceph",
    "glusterfs": "GlusterFS",
    "fuse.glusterfs": "GlusterFS",
    "davfs": "WebDAV",
    "fuse.davfs2": "WebDAV",
    "fuse.rclone": "rclone",
    "lustre": "Lustre",
    "9p": "a shared folder of a virtual machine",
    "fuse.s3fs": "S3",
}


@dataclass(frozen=True)
class PlacementWarning:
    place: str
    """"Dropbox", "NFS", ...: the service or file system."""
    network: bool

    def message(self, path: Path) -> str:
        where = f"on a network disk ({self.place})" if self.network else f"in a {self.place} folder"
        why = (
            "Network file systems often get the database's locking wrong, and two computers"
            " writing it in turn damage it."
            if self.network
            else f"{self.place} copies the file while cryolog writes it and uploads the"
            " database and its journal separately, so a copy of it can end up damaged, or an"
            " older version can come back over newer records."
        )
        return (
            f"The database {path} is {where}. {why} Keep the database on this computer's own"
            " disk (the default place is safest) and let cryolog's backups go to that folder"
            " instead (File › Backup settings…: second backup folder)."
        )


def _sync_service(path: Path) -> str | None:
    for folder in (path, *path.parents):
        name = folder.name.lower()
        for key, service in SYNC_FOLDERS.items():
            if name == key or name.startswith((f"{key} -", f"{key}-", f"{key} (")):
                return service
        for marker, service in SYNC_MARKERS.items():
            if (folder / marker).exists():
                return service
        for pattern, service in SYNC_MARKER_PATTERNS.items():
            if next(folder.glob(pattern), None) is not None:
                return service
    return None


def _mount_type(path: Path, mountinfo: str) -> str | None:
    """The file system type of the mount holding ``path``, from /proc/self/mountinfo."""
    best, best_type = "", None
    target = str(path)
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5:
            continue
        mount_point = fields[4].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, right.split()[0] if right.split() else None
    return best_type


def _network_fs(path: Path, mountinfo: str | None = None) -> str | None:
    if sys.platform == "win32":
        return "a network share" if str(path).startswith("\\\\") or _windows_remote(path) else None
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None  # not Linux: no mount table to read
    fs_type = _mount_type(path, mountinfo)
    return NETWORK_FILE_SYSTEMS.get(fs_type or "")


def _windows_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = path.drive + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]


def placement_warning(path: Path, mountinfo: str | None = None) -> PlacementWarning | None:
    """A warning when ``path`` is in a cloud-sync folder or on a network file system."""
    resolved = path.resolve() if path.exists() else path.absolute()
    network = _network_fs(resolved, mountinfo)
    if network is not None:
        return PlacementWarning(network, network=True)
    service = _sync_service(resolved.parent)
    if service is not None:
        return PlacementWarning(service, network=False)
    return None
