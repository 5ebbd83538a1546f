#!/usr/bin/env bash
# Install the Debian/Ubuntu packages cryolog needs that pip cannot provide:
# the libraries Qt loads (also for a real X11 window), the PDF tools the tests use, and
# for `make package`: binutils (strip), the desktop-entry and AppStream validators, and
# rsvg-convert (`make icons`); xdotool, for the start-up benchmark that finds and types
# into the real window; PostgreSQL's server programs, for the tests that start a
# throwaway cluster of their own (tests/pg/cluster.py).
set -euo pipefail

packages=(
  libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  xvfb xauth xdotool poppler-utils qpdf sqlite3
  binutils desktop-file-utils appstream librsvg2-bin
  postgresql
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "cryolog: please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
