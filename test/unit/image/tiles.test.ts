import { describe, expect, it } from 'vitest';
import { anthropicSize, fitLongEdge, type Size } from '../../../utils/image/resize';
import { targetSize } from '../../../utils/image/vision-rules';
import { base64Size, grid, imageLimits, LEGIBLE_INK_PX, MAX_TILES, planTiles, scaleOf, split, withinLimits } from '../../../utils/image/tiles';

const MB = 1024 * 1024;

describe('split and grid: overlap maths', () => {
  it.each([
    [4030, 2, 151],
    [4030, 3, 151],
    [7016, 6, 200],
    [1000, 4, 0],
  ])('%i px in %i pieces overlapping by %i: the pieces cover it, in order, each overlapping the next by at least the overlap', (length, n, overlap) => {
    const parts = split(length, n, overlap);
    expect(parts).toHaveLength(n);
    expect(parts[0]![0]).toBe(0);
    const [lastStart, lastLen] = parts.at(-1)!;
    expect(lastStart + lastLen).toBe(length);
    for (let i = 1; i < n; i++) {
      const [prev, prevLen] = parts[i - 1]!;
      const [start] = parts[i]!;
      expect(start).toBeGreaterThan(prev);
      expect(prev + prevLen - start).toBeGreaterThanOrEqual(overlap);
    }
  });
  it('one piece is the whole length', () => expect(split(500, 1, 40)).toEqual([[0, 500]]));
  it('every line shorter than the overlap lies whole in some piece, wherever it is', () => {
    const parts = split(4030, 3, 151);
    for (let y = 0; y + 150 <= 4030; y += 7) {
      expect(parts.some(([s, l]) => y >= s && y + 150 <= s + l)).toBe(true);
    }
  });
  it('a grid is row by row, offset by the area', () => {
    const g = grid({ x: 10, y: 20, width: 100, height: 200 }, 2, 2, 10);
    expect(g.map((r) => [r.x, r.y])).toEqual([[10, 20], [55, 20], [10, 115], [55, 115]]);
  });
});

describe('planTiles', () => {
  const ollama = (s: Size) => targetSize('ollama', 'llava', s);
  const crop = { x: 1582, y: 685, width: 1783, height: 4030 };

  it('one tile when the text is legible fitted whole, or when no line was measured', () => {
    const small = { x: 0, y: 0, width: 900, height: 2000 };
    expect(planTiles(small, 45, ollama).tiles).toEqual([small]);
    expect(planTiles(crop, undefined, ollama).tiles).toEqual([crop]);
    // Claude fits this crop at 0.39: 75 px ink lines arrive at 29 px.
    expect(planTiles(crop, 75, anthropicSize).tiles).toHaveLength(1);
  });

  it('sroie_301 for Ollama: two strips, each fitted, lines legible in both, no larger than needed', () => {
    const plan = planTiles(crop, 75, ollama);
    expect(plan.tiles).toHaveLength(2);
    expect(plan.tiles.every((t) => t.width === crop.width)).toBe(true);
    plan.sizes.forEach((s, i) => {
      expect(ollama(s)).toEqual(s);
      expect((75 * s.height) / plan.tiles[i]!.height).toBeGreaterThanOrEqual(LEGIBLE_INK_PX);
    });
    expect(plan.linePx).toBeLessThan(40);
    // The two overlap by two lines.
    expect(plan.tiles[0]!.y + plan.tiles[0]!.height - plan.tiles[1]!.y).toBeGreaterThanOrEqual(150);
  });

  it('a tall stitched page takes more strips, never more than the limit', () => {
    const page = { x: 0, y: 0, width: 1280, height: 12000 };
    const fit = (s: Size) => fitLongEdge(s, 1568);
    const plan = planTiles(page, 40, fit);
    expect(plan.tiles.length).toBeGreaterThan(2);
    expect(plan.tiles.length).toBeLessThanOrEqual(MAX_TILES);
    expect(plan.tiles.every((t) => scaleOf(t, fit) * 40 >= LEGIBLE_INK_PX * 0.999)).toBe(true);
    expect(planTiles(page, 40, fit, 1).tiles).toHaveLength(1);
  });

  it('when no allowed number of tiles reaches the legible height, the sharpest grid within the limit', () => {
    const page = { x: 0, y: 0, width: 1280, height: 12000 };
    const fit = (s: Size) => fitLongEdge(s, 1568);
    const plan = planTiles(page, 16, fit);
    expect(plan.tiles).toHaveLength(MAX_TILES);
    expect(plan.linePx!).toBeGreaterThan(16 * scaleOf(page, fit) * 1.25);
  });

  it('a page too wide for strips goes in columns as well', () => {
    const wide = { x: 0, y: 0, width: 6000, height: 6000 };
    const plan = planTiles(wide, 20, (s) => fitLongEdge(s, 1344));
    expect(new Set(plan.tiles.map((t) => t.x)).size).toBeGreaterThan(1);
  });
});

describe('per-provider limits', () => {
  it('Anthropic: ≤ 20 images (beyond that each must be ≤ 2000 px), 5 MB base64 each, under 32 MB a request', () => {
    const l = imageLimits('anthropic');
    expect(l.maxImages).toBeLessThanOrEqual(20);
    expect(l.maxImageBytes).toBeLessThanOrEqual(5 * MB);
    expect(l.maxRequestBytes).toBeLessThan(32 * MB);
  });
  it('Gemini and Ollama stay under a 20 MB request; OpenAI under 50 MB', () => {
    expect(imageLimits('gemini').maxRequestBytes).toBeLessThan(20 * MB);
    expect(imageLimits('ollama').maxRequestBytes).toBeLessThan(20 * MB);
    expect(imageLimits('openai').maxRequestBytes).toBeLessThan(50 * MB);
  });
  it('other OpenAI-compatible servers and the on-device model get one image', () => {
    expect(imageLimits('openai-compatible').maxImages).toBe(1);
    expect(imageLimits('chrome-ai').maxImages).toBe(1);
  });
  it('withinLimits counts base64 sizes, the count and the total', () => {
    const l = imageLimits('anthropic');
    expect(base64Size(3)).toBe(4);
    expect(withinLimits([3_900_000], l)).toBe(true);
    expect(withinLimits([4_000_000], l)).toBe(false); // 5.33 MB as base64
    expect(withinLimits(Array(7).fill(1000), l)).toBe(false);
    expect(withinLimits(Array(6).fill(3_900_000), imageLimits('gemini'))).toBe(false);
  });
});
