// The SROIE receipts in the shared corpus (../shared/corpus/receipts/sroie, see SOURCES.md): OCR line boxes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export const SROIE = '../shared/corpus/receipts/sroie';
export const hasSroie = () => existsSync(`${SROIE}/sroie_301.boxes.csv`);
/** Receipt names (sroie_000, …) that have both an image and OCR boxes. */
export const sroieNames = () => (hasSroie() ? readdirSync(SROIE).filter((f) => f.endsWith('.boxes.csv')).map((f) => f.replace('.boxes.csv', '')).sort() : []);

export interface Box { x0: number; y0: number; x1: number; y1: number; text: string }

/** SROIE boxes: x1,y1,…,x4,y4,text (the text may contain commas). */
export function boxes(name: string): Box[] {
  return readFileSync(`${SROIE}/${name}.boxes.csv`, 'utf8').split('\n').flatMap((line) => {
    const p = line.trim().split(',');
    if (p.length < 9) return [];
    const n = p.slice(0, 8).map(Number);
    const xs = [n[0]!, n[2]!, n[4]!, n[6]!];
    const ys = [n[1]!, n[3]!, n[5]!, n[7]!];
    return [{ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), text: p.slice(8).join(',') }];
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Whether `b` lies whole inside the rectangle. */
export const inside = (b: Box, r: { x: number; y: number; width: number; height: number }) =>
  b.x0 >= r.x && b.y0 >= r.y && b.x1 <= r.x + r.width && b.y1 <= r.y + r.height;
