// @vitest-environment happy-dom
// What each page says when the browser's host-access question is refused or dismissed. In headless Chromium the
// prompt cannot be answered (the prod e2e lane checks the waiting state); here the browser answers "no".
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AttachImage } from '../../components/panel/AttachImage';
import { FullQualityOffer } from '../../components/panel/FullQualityOffer';
import { ServerAccess, saveWithAccess } from '../../components/options/ServerAccess';
import { profilesItem } from '../../utils/settings/items';

let answer: (ok: boolean) => void;
beforeEach(() => {
  fakeBrowser.reset();
  // The prompt stays open until the test answers it.
  vi.spyOn(browser.permissions, 'request').mockImplementation(() => new Promise<boolean>((r) => (answer = r)));
  vi.spyOn(browser.permissions, 'contains').mockResolvedValue(false as never);
});
afterEach(cleanup);

const profile = { id: 'p1', name: 'LM Studio', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1', apiKey: '', model: 'm' };

describe('Options → Save for a server outside the provider hosts', () => {
  it('stores the profile at once, says it waits for the answer, then that access was refused and what to do', async () => {
    const status: string[] = [];
    saveWithAccess(profile, (s) => status.push(s), async () => undefined);
    expect(browser.permissions.request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    await waitFor(() => expect(status.at(-1)).toMatch(/^Saved “LM Studio”\. Waiting for your answer/));
    expect(await profilesItem.getValue()).toEqual([profile]);
    answer(false);
    await waitFor(() => expect(status.at(-1)).toContain('was not allowed to reach http://127.0.0.1:1234/v1'));
    expect(status.at(-1)).toContain('CORS');
  });

  it('a built-in provider host asks nothing and says Saved', async () => {
    const status: string[] = [];
    saveWithAccess({ ...profile, baseUrl: 'https://api.openai.com/v1' }, (s) => status.push(s), async () => undefined);
    await waitFor(() => expect(status).toEqual(['Saved “LM Studio”.']));
    expect(browser.permissions.request).not.toHaveBeenCalled();
  });

  it('the page says Glimpse may not reach the server, and Allow access asks again; a refusal is said', async () => {
    for (const ev of [browser.permissions.onAdded, browser.permissions.onRemoved]) {
      vi.spyOn(ev, 'addListener').mockImplementation(() => undefined);
      vi.spyOn(ev, 'removeListener').mockImplementation(() => undefined);
    }
    const status: string[] = [];
    render(<ServerAccess baseUrl={profile.baseUrl} setStatus={(s) => status.push(s)} />);
    await screen.findByText(/Glimpse may not reach 127\.0\.0\.1 yet/);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to 127.0.0.1' }));
    await waitFor(() => expect(status.at(-1)).toMatch(/^Waiting for your answer/));
    await act(async () => answer(false));
    await waitFor(() => expect(status.at(-1)).toMatch(/^Glimpse was not allowed to reach 127\.0\.0\.1\..*CORS/));
  });
});

describe('the panel', () => {
  it('full-quality offer refused: waiting while asked, then the crop stays and the user is told', async () => {
    const errors: string[] = [];
    render(<FullQualityOffer threadId="t1" onError={(m) => errors.push(m)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow Glimpse to download original images from all sites, for full quality' }));
    expect(browser.permissions.request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Waiting for your answer to the browser’s question whether Glimpse may download from all sites…');
    await act(async () => answer(false));
    await waitFor(() => expect(errors).toEqual(['Glimpse was not allowed to download from all sites; the crop from the screen stays.']));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('a pasted image URL refused: a clear message, and the address stays in the box', async () => {
    const errors: string[] = [];
    render(<AttachImage onAttached={() => undefined} onError={(m) => errors.push(m)} />);
    const field = screen.getByLabelText('Image URL') as HTMLInputElement;
    fireEvent.change(field, { target: { value: 'http://images.example/cat.png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Attach image' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Waiting for your answer to the browser’s question whether Glimpse may download from images.example…');
    await act(async () => answer(false));
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/^Glimpse was not allowed to download from images\.example, so nothing was fetched\. The address is still in the box/);
    expect(field.value).toBe('http://images.example/cat.png');
  });
});
