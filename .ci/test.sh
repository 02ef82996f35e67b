#!/usr/bin/env bash
# The README's test command: everything, e2e included, on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/ensure-chromium.sh
npm run typecheck
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json
npm run lint:firefox
npm run build:e2e
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
# One plain closing line for both suites.
node -e '
  const r = ["unit", "e2e"].map((n) => require(`./test-results/${n}.json`));
  const sum = (k) => r.reduce((a, x) => a + x[k], 0);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
'
