import { defineContentScript } from 'wxt/utils/define-content-script';
import { readBlobUrl } from '../utils/picker/find-image';
import { pick } from '../utils/picker/overlay';
import { locate, readPicked, srcsetsOf } from '../utils/picker/read-element';
import { atPointer, framePlace, imageAt } from '../utils/picker/at-pointer';
import type { PageApi } from '../utils/picker/types';

// Injected on demand (activeTab + scripting); the worker then calls globalThis.__glimpse.
export default defineContentScript({
  registration: 'runtime',
  main() {
    const api: PageApi = { pick, readPicked, locate, srcsetsOf, readBlob: readBlobUrl, atPointer, imageAt, framePlace };
    (globalThis as unknown as { __glimpse: PageApi }).__glimpse = api;
  },
});
