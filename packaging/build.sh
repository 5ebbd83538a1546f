#!/usr/bin/env bash
# `make package`: the one-folder build dist/cryolog and its archive
# dist/cryolog-<version>-linux-<machine>.tar.gz (Linux; see the README for the others).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
id=$("$python" -c 'import cryolog; print(cryolog.APP_ID)')
version=$("$python" -c 'import cryolog; print(cryolog.__version__)')
started=$(date +%s)

rm -rf dist/cryolog
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/cryolog.spec

folder=dist/cryolog
share=$folder/share
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
cp "packaging/linux/$id.desktop" "$share/applications/"
cp "packaging/linux/$id.metainfo.xml" "$share/metainfo/"
cp -R packaging/icons/hicolor/. "$share/icons/hicolor/"
cp resources/icons/cryolog.svg "$share/icons/hicolor/scalable/apps/$id.svg"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$folder/"

archive="dist/cryolog-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" cryolog
size=$(du -sm "$folder" | cut -f1)
echo "built $folder: ${size} MB unpacked; $archive: $(du -m "$archive" | cut -f1) MB;" \
  "$(( $(date +%s) - started )) s"
