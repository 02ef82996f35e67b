import { memo, useMemo } from 'react';
import { hasReferenceDefinitions, renderMarkdown, splitBlocks } from '../utils/markdown';

const Block = memo(function Block({ src }: { src: string }) {
  const html = useMemo(() => renderMarkdown(src), [src]);
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});

/**
 * Renders untrusted model output; renderMarkdown sanitises it. Blocks are rendered separately, so
 * each streamed token re-parses only the last one and the finished answer re-parses nothing it has
 * already shown (rendering it whole at the end was one long task). Reference-style links need the
 * whole text, so a finished answer with them is rendered as one piece.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => (streaming || !hasReferenceDefinitions(text) ? splitBlocks(text) : [text]), [text, streaming]);
  return (
    <div className="md">
      {blocks.map((b, i) => <Block key={i} src={b} />)}
    </div>
  );
}
