import { browser } from 'wxt/browser';
import { ALL_SITES } from '../utils/worker/pointer-memory';

/** Asks for access to all sites; false when refused. Call it first thing in a click: browsers ask only during a gesture. */
export const requestAllSites = (): Promise<boolean> => browser.permissions.request(ALL_SITES).catch(() => false);
