#!/bin/sh
# Add this cryolog folder to your desktop's applications menu (for you only):
#   ./install.sh
# The folder stays where it is: move it first if you want it elsewhere (for example
# ~/.local/opt/cryolog), then run this from there. Run ./uninstall.sh to take it out again.
# Your data is never touched by either script.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
id=org.cryolog.Cryolog

case "$here" in
  *[\"\`\$\\]*) echo "cryolog: move this folder to a path without \" \` \$ or \\ first" >&2; exit 1 ;;
esac
[ -x "$here/cryolog" ] || { echo "cryolog: run this script from the cryolog folder" >&2; exit 1; }

mkdir -p "$share/applications" "$share/metainfo" "$bin"
sed "s|^Exec=cryolog\$|Exec=\"$here/cryolog\"|" "$here/share/applications/$id.desktop" \
  > "$share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$share/metainfo/"
( cd "$here/share/icons" && find hicolor -type f ) | while read -r icon; do
  mkdir -p "$share/icons/$(dirname "$icon")"
  cp "$here/share/icons/$icon" "$share/icons/$icon"
done
ln -sfn "$here/cryolog" "$bin/cryolog"

command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "cryolog is in your applications menu; 'cryolog' runs it from a terminal ($bin)."
