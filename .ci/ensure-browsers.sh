#!/usr/bin/env bash
# Installs Debian's chromium and firefox-esr when missing: the e2e lanes drive them (playwright-core and
# puppeteer-core for Chromium, puppeteer-core over WebDriver BiDi for Firefox). Nothing is downloaded otherwise.
set -euo pipefail
# Arguments name the browsers wanted (default both): `npm start` needs only chromium.
want=("${@:-chromium firefox-esr}")
want=(${want[*]})
need=()
for b in "${want[@]}"; do
  case "$b" in
    chromium) [ -x "${CHROMIUM_PATH:-/usr/lib/chromium/chromium}" ] || need+=(chromium) ;;
    firefox-esr) [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || need+=(firefox-esr) ;;
  esac
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing Debian's ${need[*]} for the end-to-end tests…"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
echo "chromium: $(/usr/lib/chromium/chromium --version 2>/dev/null || true); firefox: $(/usr/bin/firefox-esr --version 2>/dev/null || true)"
