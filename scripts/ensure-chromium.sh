#!/usr/bin/env bash
# Installs Debian's Chromium, CJK/Urdu fonts and pdftoppm (poppler-utils) for the browser tests
# and the PDF reviews when they are missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Asked of dpkg, not of fc-list piped to grep -q: under pipefail, grep quitting early made the
# pipe fail and the fonts were reinstalled on every run.
for pkg in fonts-wqy-microhei fonts-noto-core poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages) for the browser tests"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
