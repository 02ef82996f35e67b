import { makePng } from './png';
import type { FakeProvider } from './fake-provider';

const png = (seed: number, w = 160, h = 120) => makePng(w, h, (x, y) => [(x * seed + 7) % 256, (y * (seed + 2)) % 256, (seed * 41) % 256]);

/** The three alt texts a person wrote well: never touched. */
export const GOOD_ALT = ['Three fishing boats moored at the quay at dawn', 'The harbour master pointing at a tide chart', 'Gulls circling above the fish market'];

/**
 * A realistic article with 12 images: 3 with good human alt, 4 with none, 2 with a file name as alt, a CSS
 * background hero, a decorative spacer (alt="") and an image link without text. Served by `fake` at `path`;
 * `seed` changes every image's bytes (another page, other images).
 */
export function serveLabelArticle(fake: FakeProvider, path = '/article.html', seed = 0): string {
  const src = (name: string, i: number, w?: number, h?: number) => {
    const p = `/l${seed}/${name}.png`;
    fake.pages.set(p, { type: 'image/png', body: png(i + seed * 13 + 1, w, h) });
    return p;
  };
  const body = `<!doctype html><html lang="en"><head><title>A day at the harbour</title>
<style>body{font:16px/1.5 sans-serif;max-width:760px;margin:auto} .hero{height:240px;background:url(${src('hero', 1, 760, 240)}) center/cover} img{display:block}</style></head>
<body><header><a href="/about-us"><img id="logo" src="${src('logo', 2, 48, 48)}" width="48" height="48"></a></header>
<main><div id="hero" class="hero"></div>
<h1>A day at the harbour</h1>
<p>The boats come in before sunrise.</p>
<figure><img id="good1" src="${src('good1', 3)}" alt="${GOOD_ALT[0]}" width="160" height="120"><figcaption>Dawn at the quay.</figcaption></figure>
<p><img id="none1" src="${src('none1', 4)}" width="160" height="120"> The first catch is landed.</p>
<p><img id="spacer" src="${src('spacer', 5, 1, 1)}" alt="" width="1" height="1"></p>
<h2>The market</h2>
<p><img id="file1" src="${src('file1', 6)}" alt="IMG_2041.jpg" width="160" height="120"> Crates of cod and mackerel.</p>
<img id="good2" src="${src('good2', 7)}" alt="${GOOD_ALT[1]}" width="160" height="120">
<p><img id="none2" src="${src('none2', 8)}" width="160" height="120"> Buyers bid by raising a hand.</p>
<img id="file2" src="${src('file2', 9)}" alt="DSC00123.JPG" width="160" height="120">
<h2>Afternoon</h2>
<p><img id="none3" src="${src('none3', 10)}" width="160" height="120"> Nets dry on the wall.</p>
<img id="good3" src="${src('good3', 11)}" alt="${GOOD_ALT[2]}" width="160" height="120">
<div style="height:1200px"></div>
<p><img id="none4" src="${src('none4', 12)}" width="160" height="120"> The last boat goes out at dusk.</p>
</main></body></html>`;
  fake.pages.set(path, { type: 'text/html', body });
  return `${fake.origin}${path}`;
}

/** The ids of the images the article wants labelled, and of those it must leave alone. */
export const LABELLED = ['none1', 'none2', 'none3', 'none4', 'file1', 'file2', 'hero', 'logo'];
