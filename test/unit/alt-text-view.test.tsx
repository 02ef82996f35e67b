// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AltTextView } from '../../components/views/AltTextView';
import { altTextPrompt } from '../../utils/alt-text/prompt';
import type { Entry } from '../../utils/store/db';

afterEach(cleanup);

const entry = (answer: object): Entry => ({
  id: 'e1', threadId: 't1', createdAt: 1, updatedAt: 1, presetId: 'alt-text', status: 'done',
  prompt: altTextPrompt({ lang: 'en' } as never), text: JSON.stringify(answer),
});
const checks = () => screen.queryByTestId('alt-issues')?.textContent ?? '';

describe('AltTextView style checks', () => {
  it("a photo's alt text is not asked for a chart's key message, though the prompt mentions charts", () => {
    expect(entry({}).prompt).toMatch(/chart/i);
    render(<AltTextView entry={entry({ short: 'A harbour at night with fishing boats', long: 'Boats under lamps.', decorative: false })} />);
    expect(checks()).not.toMatch(/key message/i);
  });

  it("a chart's alt text without its message is still flagged", () => {
    render(<AltTextView entry={entry({ short: 'A bar chart of sales', long: 'Bars by region.', decorative: false })} />);
    expect(checks()).toMatch(/key message/i);
  });
});
