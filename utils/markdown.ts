import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Model output is untrusted. Raw HTML is shown as text, and a Markdown image becomes text:
// loading it would let a page's hidden instructions exfiltrate data through the URL.
const marked = new Marked({
  gfm: true,
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => esc(t.text),
    image: (t: Tokens.Image) => `<span class="md-image">[image: ${esc(t.text || 'no description')}] ${esc(t.href)}</span>`,
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

const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const INDENTED = /^(?: {2,}|\t)\S/;
/** A reference-style link definition: its links may sit in other blocks, so such text is rendered whole. */
export const hasReferenceDefinitions = (src: string) => /^ {0,3}\[[^\]]+\]:\s*\S/m.test(src);

/**
 * Splits Markdown at blank lines outside code fences, into blocks that render the same apart as
 * together: a blank line followed by an indented line or, inside a list, by another item (a loose
 * list) does not split. Streaming re-parses only the last block, and the finished answer keeps
 * the blocks already rendered.
 */
export function splitBlocks(src: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let blanks = 0;
  let fence: string | null = null;
  for (const line of src.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    const blank = line.trim() === '';
    if (!fence && blank) {
      if (cur.length) blanks++;
      continue;
    }
    if (!fence && blanks && !(INDENTED.test(line) || (LIST_ITEM.test(cur[0]!) && LIST_ITEM.test(line)))) {
      out.push(cur.join('\n'));
      cur = [];
    }
    for (; blanks && cur.length; blanks--) cur.push('');
    blanks = 0;
    if (f && (!fence || (f[0] === fence[0] && f.length >= fence.length))) fence = fence ? null : f;
    cur.push(line);
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}
