// Block splitting without the parser: the panel needs it before the Markdown chunk (marked, DOMPurify) has loaded.

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
