import { memo, useMemo } from 'react';
import { renderMarkdown, splitBlocks } from '../utils/markdown';

const Block = memo(function Block({ src }: { src: string }) {
  const html = useMemo(() => renderMarkdown(src), [src]);
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: html }} />;
});

/**
 * Renders untrusted model output; renderMarkdown sanitises it. While streaming, blocks are
 * rendered separately so each token re-parses only the last one; the final answer is one piece.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => (streaming ? splitBlocks(text) : [text]), [text, streaming]);
  return (
    <div className="md">
      {blocks.map((b, i) => <Block key={i} src={b} />)}
    </div>
  );
}
