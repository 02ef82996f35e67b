import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { POINTER_KEY, type PointerMark } from '../utils/picker/types';

// Registered only while the user has turned on "skip the picker" (utils/worker/pointer-memory.ts), in every
// page, so it is a bare script: it keeps where the last right-click was, in this page only; the
// worker reads it after a menu click.
export default defineUnlistedScript(() => {
  addEventListener(
    'contextmenu',
    (e) => {
      // A page can dispatch a synthetic right-click to point Glimpse at an image of its choosing; only the user's counts.
      if (!e.isTrusted) return;
      (globalThis as Record<string, unknown>)[POINTER_KEY] = { x: e.clientX, y: e.clientY, at: Date.now() } satisfies PointerMark;
    },
    { capture: true, passive: true },
  );
});
