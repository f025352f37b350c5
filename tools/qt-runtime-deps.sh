#!/usr/bin/env bash
# Debian packages Qt needs at run time.  "test": what the offscreen test suite needs, and the office
# programs the round-trip tests use (LibreOffice Calc re-saves department workbooks as .xlsx, .ods
# and .xls; poppler's pdftoppm renders printed pages); "gui": also the X11/xcb libraries and a
# Chinese font for a real window.
# Installs what is missing when run as root with apt-get; otherwise prints the command.  Without
# the office programs the tests that need them are skipped, each saying why.
set -u
mode="${1:-test}"
packages="libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0"
tools=""  # command:package, checked by command (libreoffice-calc or its -nogui variant both give soffice)
if [ "$mode" = gui ]; then
  packages="$packages libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
            libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libx11-xcb1 fonts-wqy-microhei"
else
  tools="soffice:libreoffice-calc-nogui pdftoppm:poppler-utils"
fi
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to check
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
optional=""
for t in $tools; do
  command -v "${t%%:*}" >/dev/null 2>&1 || optional="$optional ${t#*:}"
done
[ -z "$missing$optional" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装测试与运行所需的系统包:$missing$optional"
  apt-get update -qq || true
  if [ -n "$missing" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing || exit 1
  fi
  if [ -n "$optional" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $optional \
      || echo "未能安装$optional：需要它们的测试将跳过（并说明原因）。" >&2
  fi
  exit 0
fi
if [ -n "$optional" ]; then
  echo "缺少$optional（LibreOffice 往返测试、打印页面渲染测试将跳过），可执行：sudo apt-get install$optional" >&2
fi
if [ -n "$missing" ]; then
  echo "缺少 Qt 运行所需的系统包，请执行：sudo apt-get install$missing" >&2
  exit 1
fi
exit 0
