#!/usr/bin/env bash
# `make package-check`: unpack the archive `make package` made into a temporary folder and
# run its self-test there with a clean environment (no variables but HOME, pointing at an
# empty folder) from another working directory; validate its desktop files; hold it to the
# size limit; see install.sh and uninstall.sh do their job in a home of their own. Also:
# the wheel builds without warnings from our metadata and holds every resource and
# migration file.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
limit_mb=200
archive=$(ls -t dist/cryolog-*-linux-*.tar.gz | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/elsewhere"
tar -C "$work" -xzf "$archive"
app="$work/cryolog/cryolog"

cd "$work/elsewhere"
env -i HOME="$work/home" "$app" --version
env -i HOME="$work/home" "$app" self-test
cd - >/dev/null

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$work"/cryolog/share/applications/*.desktop
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$work"/cryolog/share/metainfo/*.metainfo.xml
fi
# install.sh / uninstall.sh, into a home of their own
inst="$work/install-home"
mkdir -p "$inst"
env -i HOME="$inst" PATH=/usr/bin:/bin sh "$work/cryolog/install.sh"
entry="$inst/.local/share/applications/org.cryolog.Cryolog.desktop"
grep -qx "Exec=\"$work/cryolog/cryolog\"" "$entry"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry"; fi
[ -f "$inst/.local/share/icons/hicolor/256x256/apps/org.cryolog.Cryolog.png" ]
env -i HOME="$inst" "$inst/.local/bin/cryolog" --version >/dev/null
env -i HOME="$inst" PATH=/usr/bin:/bin sh "$work/cryolog/uninstall.sh"
left=$(find "$inst" -type f -not -name "*.cache" | head -n 5)  # caches are the desktop's
[ -z "$left" ] || { echo "package-check: uninstall.sh left $left" >&2; exit 1; }

"$python" -m pip wheel --no-deps -w "$work/wheel" . >"$work/wheel.log" 2>&1 \
  || { cat "$work/wheel.log" >&2; exit 1; }
if grep -i "warning" "$work/wheel.log" >&2; then
  echo "package-check: building the wheel printed warnings (above)" >&2
  exit 1
fi
"$python" packaging/wheel_contents.py "$work"/wheel/cryolog-*.whl

leftovers=$(find "$work/home" -type f -not -path "$work/home/.local/state/cryolog/*" | head -n 5)
if [ -n "$leftovers" ]; then
  echo "package-check: the self-test wrote outside its temporary folder: $leftovers" >&2
  exit 1
fi
size=$(du -sm "$work/cryolog" | cut -f1)
[ "$size" -le "$limit_mb" ] || { echo "package-check: ${size} MB unpacked, larger than ${limit_mb} MB" >&2; exit 1; }
echo "package-check: $archive passed; ${size} MB unpacked (limit ${limit_mb} MB)"
