import DOMPurify from 'dompurify';
import { Marked, Renderer, type Tokens } from 'marked';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Where a link really goes, as the user should see it: the host (punycode for look-alike names), or a mail address. */
export function linkDestination(href: string): string | undefined {
  try {
    const u = new URL(href);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.host;
    if (u.protocol === 'mailto:') return decodeURIComponent(u.pathname);
  } catch {
    /* not a URL: the sanitiser drops it */
  }
  return undefined;
}

// Model output is untrusted. Raw HTML is shown as text, and a Markdown image becomes text:
// loading it would let a page's hidden instructions exfiltrate data through the URL. A link shows
// where it goes beside its text, so "[your bank](https://evil.example)" cannot pass for the bank.
const marked = new Marked({
  gfm: true,
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => esc(t.text),
    image: (t: Tokens.Image) => `<span class="md-image">[image: ${esc(t.text || 'no description')}] ${esc(t.href)}</span>`,
    link(this: Renderer, t: Tokens.Link) {
      const html = Renderer.prototype.link.call(this, t);
      const dest = linkDestination(t.href);
      return dest && !t.text.toLowerCase().includes(dest.toLowerCase()) ? `${html}<span class="md-link-host"> (${esc(dest)})</span>` : html;
    },
  },
});

let hooked = false;
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        if (node.hasAttribute('href')) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

/** Markdown to HTML that is safe to insert: no scripts, no remote loads, http(s)/mailto links only. */
export function renderMarkdown(src: string): string {
  const html = marked.parse(src, { async: false });
  return purifier().sanitize(html, {
    ALLOWED_TAGS: ['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
      'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span'],
    ALLOWED_ATTR: ['href', 'title', 'class', 'align', 'start', 'target', 'rel'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    // DOMPurify checks every attribute not listed as URI-safe against ALLOWED_URI_REGEXP, which
    // would drop table alignment (align="right") and list numbering (start="3").
    ADD_URI_SAFE_ATTR: ['align', 'start'],
  });
}

/** Every kind of block once: the first parse compiles the parser's and sanitiser's code and regexes (tens of ms). */
const WARM_UP = '# A\n\nSome *em* **strong** `code` [link](https://example.com) ~~del~~\n\n- a\n- b\n\n1. c\n\n> q\n\n```\nx\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n---\n';

/** Done while the panel is idle, so the first streamed answer does not pay for it. */
export const warmMarkdown = (): void => void renderMarkdown(WARM_UP);

// The panel imports these from markdown-blocks.ts directly, without the parser.
export { hasReferenceDefinitions, splitBlocks } from './markdown-blocks';
