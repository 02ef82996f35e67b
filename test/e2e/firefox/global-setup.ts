import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { TestProject } from 'vitest/node';
import { startFirefox } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Firefox's WebDriver BiDi endpoint and profile (downloads land there). */
    firefox: { endpoint: string; profileDir: string };
  }
}

/** One Firefox for the lane's files (each connects with its own session); files that restart it launch their own. */
export default async function setup(project: TestProject) {
  const profileDir = mkdtempSync(join(tmpdir(), 'glimpse-ff-shared-'));
  const b = await startFirefox(profileDir);
  const endpoint = b.wsEndpoint();
  const proc = b.process();
  // Firefox takes one BiDi session at a time: this one ends so the files can open theirs.
  await b.disconnect();
  project.provide('firefox', { endpoint, profileDir });
  return async () => {
    const exited = proc && proc.exitCode === null ? new Promise((r) => proc.once('exit', r)) : Promise.resolve();
    await (await puppeteer.connect({ browserWSEndpoint: endpoint, protocol: 'webDriverBiDi' })).close();
    // A connected browser's close() does not wait for the process; its profile is written until it exits.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  };
}
