// Imported first by every bench that loads product settings: utils/settings/pricing.ts defines a storage item
// at load, and wxt's storage takes the browser global the moment it is first imported, so wxt's fake browser
// must be in place before any product module (an import placed later would run too late).
import { fakeBrowser } from 'wxt/testing/fake-browser';

(globalThis as { chrome?: unknown }).chrome ??= fakeBrowser;
