import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForPage } from '../helpers/bundle';
import type { AuditImage } from '../../../utils/alt-text/verdicts';
import { makePng } from '../../support/png';

/*
 * utils/audit/collect.ts reads layout and computed styles, so it runs bundled in headless Chromium (the
 * engine it runs in for real) over one page holding every kind of image. Skipped without Chromium.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const ORIGIN = 'http://audit.test';

const PAGE = `<!doctype html><html lang="en"><head><title>Kinds</title><style>
  .bg { width: 200px; height: 100px; background-image: url(/bg.png); }
  .small { width: 40px; height: 40px; background-image: url(/bg.png); }
  .set { width: 100px; height: 100px; background-image: image-set(url(/set1.png) 1x, url(/set2.png) 2x); }
  .grad { width: 100px; height: 100px; background-image: linear-gradient(red, blue); }
  .badge::before { content: ''; display: block; width: 64px; height: 64px; background: url(/badge.png); }
  .tall { height: 3000px; }
</style></head><body>
<p>Intro <img id="plain" src="/a.png" alt="A red square" width="60" height="60"></p>
<img id="noalt" src="/b.png" width="60" height="60">
<span id="cap">Harbour at night</span><img id="lbl" src="/c.png" aria-labelledby="cap" width="60" height="60">
<picture><source srcset="/pic.png" type="image/png"><img id="pic" src="/fallback.png" alt="" width="60" height="60"></picture>
<div id="bg" class="bg"></div>
<div class="small"></div>
<div class="set"></div>
<div class="grad"></div>
<div id="named" class="bg" role="img" aria-label="Quay at dusk"></div>
<div aria-hidden="true"><div id="hidden" class="bg" role="img" aria-label="Hidden"></div></div>
<div id="badge" class="badge"></div>
<svg id="titled" role="img" width="50" height="50"><title>Sales chart</title><rect width="50" height="50"/></svg>
<h3 id="svgname">Revenue by region</h3><svg id="lsvg" role="img" aria-labelledby="svgname" width="50" height="50"><circle r="20" cx="25" cy="25"/></svg>
<svg id="deco" width="50" height="50"><rect width="50" height="50"/></svg>
<form><input id="go" type="image" src="/go.png" alt="Search" width="80" height="30"></form>
<img id="map" src="/map.png" usemap="#m" alt="Floor plan" width="300" height="100">
<map name="m"><area id="a1" shape="rect" coords="0,0,100,50" href="/room1" alt="Room 1"><area shape="circle" coords="200,50,40" href="/room2"></map>
<map name="unused"><area shape="rect" coords="0,0,10,10" href="/x" alt="Never shown"></map>
<p id="para">Text next to it<script>var secret = 'script text';</script><style>.x{}</style><img id="ctx" src="/d.png" alt="d" width="60" height="60"></p>
<div id="host"></div>
<canvas id="chart" width="120" height="80"></canvas><canvas id="dot" width="10" height="10"></canvas>
<script>const g = document.getElementById('chart').getContext('2d'); g.fillStyle = 'teal'; g.fillRect(10, 10, 50, 60);</script>
<iframe id="same" srcdoc="<p>In a frame <img id='framed' src='/framed.png' width='60' height='60'></p><div id='fbg' style='width:100px;height:100px;background:url(/fbg.png)' role='img'></div>" width="300" height="200"></iframe>
<iframe id="other" src="http://elsewhere.test/frame.html" width="300" height="200"></iframe>
<div class="tall"></div>
<img id="nosrc" alt="Nothing yet" width="60" height="60">
<img id="lazy" srcset="/lazy.png 1x, /lazy2.png 2x" loading="lazy" alt="Far below" width="60" height="60">
<script>
  const root = document.getElementById('host').attachShadow({ mode: 'open' });
  root.innerHTML = '<figure><img id="inner" src="/shadow.png" width="60" height="60"><figcaption>Inside a component</figcaption></figure>';
</script>
</body></html>`;

describe.skipIf(!existsSync(CHROMIUM))('collectImages in Chromium: every kind of image a screen reader meets', () => {
  let browser: Browser;
  let page: Page;
  let images: AuditImage[];
  const find = (pred: (i: AuditImage) => boolean) => images.find(pred);
  const bySrc = (path: string) => find((i) => i.src === `${ORIGIN}${path}`);

  beforeAll(async () => {
    const code = await bundleForPage('utils/audit/collect.ts', 'glimpseCollect');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.route(/^http:\/\/(audit|elsewhere)\.test\//, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/page.html') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (path === '/frame.html') return route.fulfill({ contentType: 'text/html', body: '<img src="/cross.png" width="60" height="60">' });
      return route.fulfill({ contentType: 'image/png', body: makePng(8, 8, () => [90, 90, 90]) });
    });
    await page.goto(`${ORIGIN}/page.html`);
    await page.addScriptTag({ content: code });
    images = await page.evaluate(() => (window as any).glimpseCollect.collectImages());
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('img: alt as written, missing alt as null, aria-labelledby as the name', () => {
    expect(bySrc('/a.png')).toMatchObject({ kind: 'img', alt: 'A red square', width: 60, height: 60 });
    expect(bySrc('/b.png')).toMatchObject({ kind: 'img', alt: null });
    expect(bySrc('/c.png')).toMatchObject({ kind: 'img', alt: 'Harbour at night' });
  });

  it('picture: the source the browser chose', () => expect(find((i) => i.kind === 'picture')).toMatchObject({ src: `${ORIGIN}/pic.png`, alt: '' }));

  it('CSS backgrounds: above the minimum size only, image-set at this density, named with role=img', () => {
    const bgs = images.filter((i) => i.kind === 'css-background');
    expect(bgs.filter((i) => i.src.endsWith('/bg.png'))).toHaveLength(3); // .small is below 48 px
    expect(bySrc('/set1.png')?.kind).toBe('css-background');
    expect(bgs.some((i) => i.src.includes('gradient'))).toBe(false);
    expect(find((i) => i.key === '#bg')).toMatchObject({ alt: null, presentational: true });
    expect(find((i) => i.key === '#named')).toMatchObject({ alt: 'Quay at dusk', presentational: false });
    expect(find((i) => i.key === '#hidden')).toMatchObject({ presentational: true });
  });

  it('a ::before background is listed under its element, as decoration', () =>
    expect(bySrc('/badge.png')).toMatchObject({ kind: 'css-background', key: '#badge::before', width: 64, height: 64, presentational: true }));

  it('svg role=img: named by <title> or aria-labelledby, with a self-contained thumbnail; other SVGs are not images', () => {
    const svgs = images.filter((i) => i.kind === 'svg');
    expect(svgs.map((i) => i.alt)).toEqual(['Sales chart', 'Revenue by region']);
    expect(svgs[0]!.svg).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(decodeURIComponent(svgs[0]!.svg!.split(',')[1]!)).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('input type=image', () => expect(bySrc('/go.png')).toMatchObject({ kind: 'input-image', alt: 'Search', width: 80, height: 30 }));

  it('area: the image of its map, the size of its shape, and a link whose only text is its alt', () => {
    const areas = images.filter((i) => i.kind === 'area');
    expect(areas).toHaveLength(2); // the unused map is never shown
    expect(areas[0]).toMatchObject({ src: `${ORIGIN}/map.png`, alt: 'Room 1', width: 100, height: 50, linkText: '' });
    expect(areas[1]).toMatchObject({ alt: null, width: 80, height: 80 });
  });

  it('adjacent text leaves out scripts and styles', () => {
    expect(bySrc('/d.png')?.adjacentText).toBe('Text next to it');
  });

  it('a lazy image that has not loaded: its srcset; one with no source at all: none', () => {
    expect(bySrc('/lazy.png')).toMatchObject({ alt: 'Far below' });
    expect(find((i) => i.key === '#nosrc')).toMatchObject({ src: '' });
  });

  it('images inside a web component (open shadow root), with a key that finds them again', async () => {
    const inner = bySrc('/shadow.png')!;
    expect(inner).toMatchObject({ kind: 'img', alt: null, adjacentText: 'Inside a component' });
    expect(inner.key).toBe('#host >>> #inner');
    const outlined = await page.evaluate((key) => {
      (window as any).glimpseCollect.highlight(key);
      return (document.getElementById('host')!.shadowRoot!.getElementById('inner') as HTMLElement).style.outline;
    }, inner.key);
    expect(outlined).toMatch(/solid.*4px|4px.*solid/);
  });

  it('a canvas big enough to be a picture, as its own pixels (PNG); unnamed, so decoration to the audit', () => {
    const canvas = images.filter((i) => i.kind === 'canvas');
    expect(canvas).toHaveLength(1);
    expect(canvas[0]).toMatchObject({ key: '#chart', width: 120, height: 80, alt: null, presentational: true });
    expect(canvas[0]!.src).toMatch(/^data:image\/png;base64,/);
  });

  it('images in a same-origin frame, with a key through the frame; another origin\'s frame is not read', async () => {
    const framed = bySrc('/framed.png')!;
    expect(framed).toMatchObject({ kind: 'img', alt: null, adjacentText: 'In a frame' });
    expect(framed.key).toBe('#same |> #framed');
    expect(find((i) => i.key === '#same |> #fbg')).toMatchObject({ kind: 'css-background', src: `${ORIGIN}/fbg.png`, alt: null });
    expect(images.some((i) => i.src.endsWith('/cross.png'))).toBe(false);
    const outlined = await page.evaluate((key) => {
      (window as any).glimpseCollect.highlight(key);
      return ((document.getElementById('same') as HTMLIFrameElement).contentDocument!.getElementById('framed') as HTMLElement).style.outline;
    }, framed.key);
    expect(outlined).toMatch(/solid.*4px|4px.*solid/);
  });

  it('every key finds its element again; an area is shown on its image', async () => {
    const results = await page.evaluate((keys) => keys.map((k) => (window as any).glimpseCollect.highlight(k) as boolean), images.map((i) => i.key));
    expect(results.every(Boolean)).toBe(true);
    const area = images.find((i) => i.kind === 'area')!;
    await page.evaluate(() => ((document.getElementById('map') as HTMLElement).style.outline = ''));
    await page.evaluate((key) => (window as any).glimpseCollect.highlight(key), area.key);
    expect(await page.evaluate(() => document.getElementById('map')!.style.outline)).toMatch(/solid.*4px|4px.*solid/);
  });
});
