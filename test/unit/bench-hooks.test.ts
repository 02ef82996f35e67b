import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import compatible from '../../utils/providers/openai-compatible.provider';
import { benchAlt, benchCharts } from '../bench/real-key';

const CORPUS = '../shared/corpus';

/** A minimal OpenAI-style SSE server answering every request with `answer(body)`. */
async function fakeServer(answer: (prompt: string) => string) {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const body = JSON.parse(raw);
      const text = answer(body.messages.at(-1).content[0].text);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

describe.skipIf(!existsSync(CORPUS))('real-key benchmark hooks (run here against a fake server)', () => {
  it('charts: a model that returns the true table scores 100 %', async () => {
    const truth = Papa.parse<string[]>(readFileSync(`${CORPUS}/charts/truth/arc_donut.csv`, 'utf8').trim()).data;
    const json = JSON.stringify({ title: 't', chartType: 'pie', xAxis: null, yAxis: null, notes: [], columns: truth[0]!.map((name) => ({ name, unit: null })), rows: truth.slice(1).map((r) => r.map((v) => ({ value: v, source: 'label' }))) });
    const { server, base } = await fakeServer(() => json);
    const out = await benchCharts({ provider: compatible, baseUrl: base, apiKey: '', model: 'm', corpus: CORPUS, limit: 1 });
    server.close();
    expect(out).toEqual([{ name: 'arc_donut', accuracy: 1 }]);
  });
  it('alt: overlap with the human alt text is measured', async () => {
    const { server, base } = await fakeServer(() => '{"short": "Painting of a woman with short brown hair", "long": null, "decorative": false}');
    const out = await benchAlt({ provider: compatible, baseUrl: base, apiKey: '', model: 'm', corpus: CORPUS, limit: 1 });
    server.close();
    expect(out).toHaveLength(1);
    expect(out[0]!.overlap).toBeGreaterThan(0.1);
    expect(out[0]!.lengthRatio).toBeGreaterThan(0);
  });
});
