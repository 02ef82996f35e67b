import { makePng } from './png';
import type { FakeProvider } from './fake-provider';

/** How many of each kind the page holds; 100 images in all. */
export const MIX = { img: 41, picture: 15, 'css-background': 15, svg: 10, 'input-image': 10, area: 9 } as const;

const png = (i: number, w = 120, h = 90) => makePng(w, h, (x, y) => [(x * (i + 3)) % 256, (y * 5 + i * 11) % 256, (i * 37) % 256]);
const ALTS = (i: number) => [null, `IMG_${2000 + i}.jpg`, 'photo', '', `A harbour scene at dusk, boat number ${i}`][i % 5];
const altAttr = (a: string | null) => (a === null ? '' : ` alt="${a}"`);

/**
 * A long article page with 100 images of every collected kind, between ~3,000 elements of ordinary
 * text (headings, paragraphs, links), served by `fake` at /audit.html with all its images.
 */
export function serveAuditPage(fake: FakeProvider): string {
  const parts: string[] = [];
  let n = 0;
  const img = (path: string) => {
    fake.pages.set(path, { type: 'image/png', body: png(n++) });
    return path;
  };
  const filler = (i: number) =>
    `<h3>Section ${i}</h3><p>Paragraph ${i} about the harbour, its <a href="/s${i}">boats</a> and <em>people</em>, with <span>several</span> inline <b>elements</b>.</p><ul><li>Point ${i}a</li><li>Point ${i}b</li></ul>`;
  for (let i = 0; i < MIX.img - 1; i++) {
    const el = `<img src="${img(`/b/img${i}.png`)}" width="160" height="120"${altAttr(ALTS(i) ?? null)}>`;
    parts.push(i % 3 === 0 ? `<figure>${el}<figcaption>Figure ${i}: the harbour</figcaption></figure>` : i % 3 === 1 ? `<p><a href="/go${i}">${el}</a></p>` : `<p>${el} Next to image ${i}.</p>`);
  }
  for (let i = 0; i < MIX.picture; i++) {
    parts.push(`<picture><source srcset="${img(`/b/pic${i}.png`)}" type="image/png"><img src="/b/pic${i}-fallback.png" width="160" height="120"${altAttr(ALTS(i + 1) ?? null)}></picture>`);
  }
  for (let i = 0; i < MIX['css-background']; i++) {
    const named = i % 2 === 0 ? ` role="img" aria-label="Banner ${i}: the quay at night"` : '';
    parts.push(`<div style="width:200px;height:100px;background:url(${img(`/b/bg${i}.png`)}) center/cover"${named}></div>`);
  }
  for (let i = 0; i < MIX.svg; i++) {
    parts.push(`<svg role="img" width="80" height="80" viewBox="0 0 80 80"${i % 2 ? ` aria-label="Chart ${i}"` : ''}><circle cx="40" cy="40" r="${10 + i * 3}" fill="#${(i * 1234567).toString(16).slice(0, 6).padEnd(6, '0')}"/></svg>`);
  }
  for (let i = 0; i < MIX['input-image']; i++) {
    parts.push(`<form><input type="image" src="${img(`/b/in${i}.png`)}" width="100" height="40"${altAttr(i % 2 ? `Submit form ${i}` : null)}></form>`);
  }
  // One image map: its <img> is the 41st img; each <area> is a link with its own alt.
  const areas = Array.from({ length: MIX.area }, (_, i) => `<area shape="rect" coords="${i * 30},0,${i * 30 + 30},60" href="/area${i}"${altAttr(i % 3 ? `Region ${i}` : null)}>`).join('');
  parts.push(`<img src="${img('/b/map.png')}" usemap="#m" width="270" height="60" alt="Map of the quays"><map name="m">${areas}</map>`);

  const body: string[] = [];
  for (let i = 0; i < 400; i++) {
    body.push(filler(i));
    if (i % 4 === 0 && parts.length) body.push(parts.shift()!);
  }
  body.push(...parts);
  fake.pages.set('/audit.html', {
    type: 'text/html',
    body: `<!doctype html><html lang="en"><head><title>Harbour gallery</title></head><body><h1>Harbour</h1>${body.join('\n')}</body></html>`,
  });
  return `${fake.origin}/audit.html`;
}
