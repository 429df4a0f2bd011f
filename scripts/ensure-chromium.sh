#!/usr/bin/env bash
# Installs Debian's Chromium, CJK/Urdu fonts and pdftoppm (poppler-utils) for the browser tests
# and the PDF reviews when they are missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi' || need+=(fonts-wqy-microhei)
fc-list 2>/dev/null | grep -qi 'noto' || need+=(fonts-noto-core)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (Debian packages) for the browser tests"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
