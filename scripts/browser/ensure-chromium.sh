#!/usr/bin/env bash
# Debian's Chromium for the real-browser tests (playwright-core drives /usr/bin/chromium;
# downloading a browser build of its own is not possible offline).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "newsgraph/test: Chromium is missing; run as root: apt-get install -y chromium" >&2; exit 1; fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
