import { memo, useEffect, useMemo, useState } from 'react';
import { hasReferenceDefinitions, splitBlocks } from '../../utils/answers/markdown-blocks';

type Render = (src: string) => string;
let render: Render | undefined;
let loading: Promise<Render> | undefined;

/**
 * The parser and sanitiser load on demand, so they are not compiled and initialised on every panel
 * open before the history shows; the panel starts this once its first rows are up.
 */
export const loadMarkdown = (): Promise<Render> =>
  (loading ??= import('../../utils/answers/markdown').then((m) => {
    m.warmMarkdown();
    return (render = m.renderMarkdown);
  }));

const Block = memo(function Block({ src, html }: { src: string; html: Render | undefined }) {
  const out = useMemo(() => html?.(src), [src, html]);
  // Until the parser is here (a few ms after a first answer appears): the text itself, never as HTML.
  if (out === undefined) return <div className="md-block md-plain">{src}</div>;
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: out }} />;
});

/**
 * Renders untrusted model output; renderMarkdown sanitises it. Blocks are rendered separately, so
 * each streamed token re-parses only the last one and the finished answer re-parses nothing it has
 * already shown (rendering it whole at the end was one long task). Reference-style links need the
 * whole text, so a finished answer with them is rendered as one piece.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const [html, setHtml] = useState<Render | undefined>(() => render);
  useEffect(() => {
    if (!html) void loadMarkdown().then((r) => setHtml(() => r));
  }, [html]);
  const blocks = useMemo(() => (streaming || !hasReferenceDefinitions(text) ? splitBlocks(text) : [text]), [text, streaming]);
  return (
    <div className="md">
      {blocks.map((b, i) => <Block key={i} src={b} html={html} />)}
    </div>
  );
}
