// A long article of ordinary body text (16 px on 24 px lines), several screens tall, with coloured marker
// lines at known page positions: what Capture the whole page stitches, for the tiler e2e and the bench.

/** The page's CSS line height: the line height as the model sees it is this times the scale sent. */
export const ARTICLE_LINE_PX = 24;
/** Marker lines: one line tall, full width, at these page tops (CSS px), in these colours. */
export const ARTICLE_MARKS: { top: number; rgb: [number, number, number] }[] = [
  { top: 312, rgb: [220, 0, 0] },
  { top: 1248, rgb: [0, 0, 220] },
  { top: 2184, rgb: [0, 160, 0] },
  { top: 3120, rgb: [220, 0, 220] },
  { top: 4056, rgb: [0, 160, 160] },
];

const WORDS =
  'the quick brown fox jumps over a lazy dog while seven wizards box and quietly judge every number on the receipt from page twelve of the annual report'.split(' ');

/** `height` CSS px of article (a page of that exact height), filled with paragraphs of text. */
export function articlePage(height = 4200): string {
  let seed = 7;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2147483648) % WORDS.length]!;
  const paragraphs: string[] = [];
  // About 110 characters fill a 920 px line; a page line is 24 px: enough text to run past `height`.
  for (let i = 0; i < Math.ceil(height / 24 / 5); i++) paragraphs.push(`<p>${Array.from({ length: 80 }, word).join(' ')}.</p>`);
  const marks = ARTICLE_MARKS.filter((m) => m.top + ARTICLE_LINE_PX <= height)
    .map((m, i) => `<div class="mark" style="top:${m.top}px;background:rgb(${m.rgb.join(',')})">Marker ${i + 1}</div>`)
    .join('');
  return `<!doctype html><html lang="en"><title>Article</title><style>
  html, body { margin: 0; background: #fff; color: #222 }
  article { position: relative; height: ${height}px; overflow: hidden; padding: 0 40px; font: 16px/${ARTICLE_LINE_PX}px sans-serif }
  p { margin: 0 0 ${ARTICLE_LINE_PX}px }
  .mark { position: absolute; left: 0; right: 0; height: ${ARTICLE_LINE_PX}px; color: #fff; padding-left: 40px }
</style><article><h1 style="font-size:16px;margin:0;padding-top:24px;height:48px">A long article</h1>${marks}${paragraphs.join('')}</article>`;
}
