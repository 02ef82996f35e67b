import { useMemo } from 'react';
import { renderMarkdown } from '../utils/markdown';

/** Renders untrusted model output; renderMarkdown sanitises it. */
export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="md" dangerouslySetInnerHTML={{ __html: html }} />;
}
