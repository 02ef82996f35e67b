#!/usr/bin/env bash
# Builds the extension and opens Chromium with it loaded, or says how to load it by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
npx wxt build
DIR="$(pwd)/.output/chrome-mv3"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  bash .ci/ensure-browsers.sh chromium
  PROFILE="$(pwd)/.output/chromium-profile"
  echo "Opening Chromium with Glimpse loaded (profile: $PROFILE)…"
  exec /usr/lib/chromium/chromium --user-data-dir="$PROFILE" --no-first-run \
    --disable-extensions-except="$DIR" --load-extension="$DIR" "chrome://extensions"
fi
cat <<MSG

Glimpse is built (no display found, so no browser was opened).
  Unpacked extension: $DIR
To load it: open chrome://extensions, turn on Developer mode, choose "Load unpacked" and pick that folder.
Firefox: npm run build:firefox, then about:debugging → This Firefox → Load Temporary Add-on → .output/firefox-mv2/manifest.json
MSG
