#!/usr/bin/env bash
# Debian packages Qt needs at run time.  "test": what the offscreen test suite needs;
# "gui": also the X11/xcb libraries and a Chinese font for a real window.
# Installs what is missing when run as root with apt-get; otherwise prints the command.
set -u
mode="${1:-test}"
packages="libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0"
if [ "$mode" = gui ]; then
  packages="$packages libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
            libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libx11-xcb1 fonts-wqy-microhei"
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to check
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装 Qt 运行所需的系统包:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "缺少 Qt 运行所需的系统包，请执行：sudo apt-get install$missing" >&2
  exit 1
fi
