#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the e2e tests drive it with playwright-core.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/lib/chromium/chromium}" ]; then exit 0; fi
echo "Installing Debian's chromium for the end-to-end tests…"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
echo "chromium: $(/usr/lib/chromium/chromium --version 2>/dev/null || true)"
