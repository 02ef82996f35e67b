// A minimal PDF written by hand: each page is filled with solid coloured blocks, so a capture of it can be
// checked pixel by pixel. Colours are 0–1 RGB; blocks are [x, y, width, height] in points from the bottom left.
export interface PdfBlock {
  rgb: [number, number, number];
  at: [number, number, number, number];
}

export function makePdf(pages: PdfBlock[][], size: [number, number] = [600, 800]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) && objects.length;
  const catalog = add(''); // filled in below
  const tree = add('');
  const kids = pages.map((blocks) => {
    const ops = blocks.map((b) => `${b.rgb.join(' ')} rg ${b.at.join(' ')} re f`).join('\n');
    const content = add(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`);
    return add(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${size.join(' ')}] /Contents ${content} 0 R /Resources << >> >>`);
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
