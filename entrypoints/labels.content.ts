import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendMessage } from '../utils/messages';
import { announce, labelTargets, removeLabels, watchImages, writeLabel } from '../utils/labels/page';

// Labels in the page. Injected on demand (menu, panel, shortcut), or registered for a site the user chose to
// label always (utils/labels/sites.ts); then it tells the worker the page is there and when images arrive.
export default defineContentScript({
  registration: 'runtime',
  main() {
    const g = globalThis as Record<string, unknown>;
    if (g.__glimpseLabelTargets) return; // injected twice (registered, then by a click): one set of hooks
    Object.assign(g, {
      __glimpseLabelTargets: labelTargets,
      __glimpseLabelWrite: (writes: Parameters<typeof writeLabel>[0][]) => writes.map((w) => writeLabel(w)),
      __glimpseLabelRemove: removeLabels,
      __glimpseLabelAnnounce: announce,
    });
    // The worker answers true only for a site the user turned on; elsewhere nothing is watched or sent.
    void sendMessage('labelAuto', undefined)
      .then((on) => on && watchImages(() => void sendMessage('labelAuto', undefined).catch(() => undefined)))
      .catch(() => undefined);
  },
});
