import { defineContentScript } from 'wxt/utils/define-content-script';
import { collectImages, contextFor, findBySrc, highlight } from '../utils/audit/collect';

// Injected on demand for the alt-text audit and for alt-text context; reads the page only.
export default defineContentScript({
  registration: 'runtime',
  main() {
    Object.assign(globalThis, {
      // One round trip for the whole audit: the images and the page language.
      __glimpseAudit: () => ({ images: collectImages(), lang: document.documentElement.lang || '' }),
      __glimpseContext: (src: string) => {
        const el = findBySrc(src);
        return el ? contextFor(el) : null;
      },
      __glimpseHighlight: highlight,
      __glimpsePageLang: () => document.documentElement.lang || '',
    });
  },
});
