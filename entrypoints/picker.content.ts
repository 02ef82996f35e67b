import { defineContentScript } from 'wxt/utils/define-content-script';
import { pick } from '../utils/picker/overlay';

// Injected on demand (activeTab + scripting); the worker then calls __glimpsePick.
export default defineContentScript({
  registration: 'runtime',
  main() {
    (globalThis as unknown as { __glimpsePick: typeof pick }).__glimpsePick = pick;
  },
});
