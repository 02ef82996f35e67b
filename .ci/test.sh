#!/usr/bin/env bash
# The README's test command: everything, every e2e lane included, on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/ensure-browsers.sh
npm run typecheck
mkdir -p test-results
rm -f test-results/*.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
npm run lint:firefox
# The e2e lanes, one browser at a time (2 cores): Chromium with the e2e build (<all_urls>), Chromium with the
# production permissions, Firefox ESR over WebDriver BiDi. GLIMPSE_LANE picks each lane's files.
npm run build:e2e
GLIMPSE_LANE=chromium npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
npm run build:e2e:prod
GLIMPSE_LANE=prod npx vitest run --config vitest.e2e.config.ts --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-results/e2e-prod.json
npm run build:e2e:firefox
GLIMPSE_LANE=firefox npx vitest run --config vitest.e2e.config.ts --passWithNoTests --reporter=default --reporter=json --outputFile.json=test-results/e2e-firefox.json
# One plain closing line for every suite.
node -e '
  const fs = require("fs");
  const r = fs.readdirSync("test-results").filter((f) => f.endsWith(".json")).map((f) => JSON.parse(fs.readFileSync(`test-results/${f}`, "utf8")));
  const sum = (k) => r.reduce((a, x) => a + x[k], 0);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
'
