import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { quadrants } from '../support/png';
import { FakeProvider } from '../support/fake-provider';
import { dbRows, inspectImage, launch, openPanel, type Session, setProfile } from './harness';

let s: Session;
let fake: FakeProvider;
declare const chrome: any;
const PNG_B64 = quadrants(80, 40).toString('base64');

beforeAll(async () => {
  fake = await new FakeProvider().start();
  s = await launch();
  await setProfile(s.worker, { id: 'p', name: 'P', provider: 'openai-compatible', baseUrl: `${fake.origin}/v1`, model: 'm' });
});
afterAll(async () => {
  await s?.close();
  await fake?.stop();
});
beforeEach(() => fake.reset());

/** Dispatches a real paste or drop event carrying an image File, as the browser does for a user. */
function dispatch(kind: 'paste' | 'drop', name: string) {
  return ({ b64, kind, name }: { b64: string; kind: string; name: string }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'image/png' }));
    const target = document.querySelector('.panel')!;
    if (kind === 'paste') document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    else {
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  };
}

describe('paste or drop an image into the panel', () => {
  it.each(['paste', 'drop'] as const)('%s: the image is attached, nothing is sent until the user asks', async (kind) => {
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    await panel.evaluate(dispatch(kind, `${kind}.png`), { b64: PNG_B64, kind, name: `${kind}.png` });
    await expect.poll(() => panel.getByText(kind === 'paste' ? 'pasted' : 'dropped', { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^ask-/);
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.keyboard.type('What is this?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const url = fake.providerRequests()[0]!.body.messages.at(-1).content[1].image_url.url;
    const img = await inspectImage(panel, url, [[0.25, 0.25], [0.75, 0.75]]);
    expect(img).toEqual({ width: 80, height: 40, px: [[255, 0, 0], [255, 255, 0]] });
    const images = await dbRows(s.worker, 'images');
    expect(images.some((i) => i.source.method === kind)).toBe(true);
    await panel.close();
  });

  it('a file that is not an image is refused with a clear message', async () => {
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    await panel.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
      document.querySelector('.panel')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('notes.txt');
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.close();
  });
});

describe('SVG files are drawn in the panel and sent as PNG', () => {
  const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="20" height="20" fill="#f00"/><rect x="20" width="20" height="20" fill="#00f"/><script>document.title="ran"</script><image href="http://127.0.0.1:9/x.png" width="1" height="1"/></svg>';
  const dropFile = (body: string, name: string) =>
    ({ body, name }: { body: string; name: string }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body], name, { type: 'image/svg+xml' }));
      document.querySelector('.panel')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    };

  it('a dropped SVG icon arrives as a 512-px PNG with its colours, and nothing in it ran', async () => {
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    const title = await panel.title();
    await panel.evaluate(dropFile(SVG, 'logo.svg'), { body: SVG, name: 'logo.svg' });
    await expect.poll(() => panel.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^ask-/);
    await panel.keyboard.type('What is this?');
    await panel.keyboard.press('Enter');
    await expect.poll(() => fake.providerRequests().length).toBe(1);
    const url: string = fake.providerRequests()[0]!.body.messages.at(-1).content[1].image_url.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const img = await inspectImage(panel, url, [[0.25, 0.5], [0.75, 0.5]]);
    expect(img).toEqual({ width: 512, height: 256, px: [[255, 0, 0], [0, 0, 255]] });
    expect(await panel.title()).toBe(title);
    expect(fake.requests.filter((r) => r.path === '/x.png')).toHaveLength(0);
    await panel.close();
  });

  it('an SVG that cannot be drawn is refused with a clear message, and nothing is sent', async () => {
    const panel = await openPanel(s);
    await panel.getByTestId('history').waitFor();
    await panel.evaluate(dropFile('<svg><nope', 'broken.svg'), { body: '<svg><nope', name: 'broken.svg' });
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('This SVG file could not be drawn');
    expect(fake.providerRequests()).toHaveLength(0);
    await panel.close();
  });
});
