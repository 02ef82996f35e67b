/**
 * Pasted or dropped SVG has no pixels, and the worker cannot draw it. The panel has a DOM, so it
 * draws the file there (as an <img>: no script runs and nothing is fetched) and sends a PNG.
 */

/** Vectors scale freely: icons are drawn at 512 px on the long side so a model can see them; big art keeps its size, within 2048. */
export function svgRasterSize(w: number, h: number): { width: number; height: number } {
  const long = Math.max(w, h);
  const scale = Math.min(2048 / long, Math.max(1, 512 / long));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

export const isSvgFile = (f: Blob & { name?: string }) => f.type === 'image/svg+xml' || /\.svgz?$/i.test(f.name ?? '');

/** The SVG drawn on white (transparent line art on a dark default would vanish) as PNG bytes. */
export async function rasteriseSvg(file: Blob, unreadable: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([file], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode().catch(() => {
      throw new Error(unreadable);
    });
    // An SVG without width and height has no natural size in some engines; its viewBox ratio still shows.
    const w = img.naturalWidth || 1024;
    const h = img.naturalHeight || (img.naturalWidth ? img.naturalWidth : 1024);
    const size = svgRasterSize(w, h);
    const canvas = document.createElement('canvas');
    Object.assign(canvas, size);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(img, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(unreadable))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
