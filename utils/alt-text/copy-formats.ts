/** The ways a user can copy alt text; each escapes for its own syntax. */
export const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const escapeMdText = (s: string) => s.replace(/\\/g, '\\\\').replace(/([[\]])/g, '\\$1');
// encodeURIComponent leaves ( and ) alone; Markdown needs them encoded inside (…).
const escapeMdUrl = (s: string) => s.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

export type CopyFormat = 'text' | 'attr' | 'img' | 'markdown';

export function formatAlt(format: CopyFormat, alt: string, src = ''): string {
  switch (format) {
    case 'text':
      return alt;
    case 'attr':
      return `alt="${escapeAttr(alt)}"`;
    case 'img':
      return `<img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}">`;
    case 'markdown':
      return `![${escapeMdText(alt)}](${escapeMdUrl(src)})`;
  }
}
