#!/bin/sh
# Take cryolog out of your applications menu (what ./install.sh added). Your database,
# its backups and the log stay where they are; see the README for where that is.
# Then delete this folder to remove the program itself.
set -eu

share="${XDG_DATA_HOME:-$HOME/.local/share}"
id=org.cryolog.Cryolog

rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml"
find "$share/icons/hicolor" -name "$id.png" -path '*/apps/*' -exec rm -f {} + 2>/dev/null || true
rm -f "$share/icons/hicolor/scalable/apps/$id.svg"
link="$HOME/.local/bin/cryolog"
if [ -L "$link" ]; then rm -f "$link"; fi
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
echo "cryolog is no longer in your applications menu. Your data was left in place."
