import { readFile } from 'node:fs/promises';
import { init, parse } from 'es-module-lexer';
import { marked } from 'marked';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// The SDK clients construct every API resource (assistants, audio, fine-tuning…) up front, so
// nothing tree-shakes. Glimpse calls only these; every other resource module becomes an empty
// class at build time, which cuts the worker by ~half. e2e covers each kept call.
export const SDK_RESOURCES_USED: Record<string, RegExp> = {
  openai: /^(chat\/|models\.mjs$|shared\.mjs$)/,
  '@anthropic-ai/sdk': /^(messages\/messages\.mjs$|models\.mjs$|shared\.mjs$)/,
};

export function trimSdkResources(): Plugin {
  return {
    name: 'glimpse:trim-sdk-resources',
    enforce: 'pre',
    async load(id) {
      const m = id.split('?')[0]!.match(/node_modules\/(openai|@anthropic-ai\/sdk)\/resources\/(.+\.mjs)$/);
      if (!m || m[2]!.endsWith('index.mjs') || SDK_RESOURCES_USED[m[1]!]!.test(m[2]!)) return null;
      await init;
      const src = await readFile(id.split('?')[0]!, 'utf8');
      const [imports, exports] = parse(src);
      // Keep re-exports so index modules still resolve; replace local exports with empty classes.
      const reexports = imports.filter((i) => src.startsWith('export', i.ss)).map((i) => `${src.slice(i.ss, i.se)};`);
      const locals = exports.filter((e) => e.ln !== undefined).map((e, k) => `const unused${k} = class {};\nexport { unused${k} as ${e.n} };`);
      return [...reexports, ...locals].join('\n');
    },
  };
}

/** PRIVACY.md as a page of the extension (privacy.html), so Options links to it offline; its text is ours, not a page's. */
export async function privacyPage(): Promise<string> {
  const body = await marked.parse(await readFile(new URL('./PRIVACY.md', import.meta.url), 'utf8'));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="color-scheme" content="light dark"><title>Glimpse privacy</title><link rel="stylesheet" href="/privacy.css"></head>
<body><main>${body}</main></body></html>`;
}

// Hosts of the built-in cloud providers. User-entered base URLs (LM Studio, Ollama,
// gateways) are requested at runtime from optional_host_permissions.
const PROVIDER_HOSTS = [
  'https://api.openai.com/*',
  'https://api.anthropic.com/*',
  'https://generativelanguage.googleapis.com/*',
  'https://openrouter.ai/*',
];

/**
 * The extension's CSP (MV3 `extension_pages` covers the service worker too): nothing but the extension's own
 * scripts, styles, fonts and frames; no plugins, no <base>, no form posts; images also from data: and blob:, so
 * model output can never load a remote one. Connections may go out, because the worker calls the providers and
 * downloads images; the pages themselves are held to the extension (PAGE_CSP).
 */
export const EXTENSION_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self' https: http: data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' data: blob:";
/** Added to every HTML page as a second policy (both must pass): the panel and options reach nothing remote themselves. */
export const PAGE_CSP = "default-src 'self'; connect-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' data: blob:";

/** The page policy as a <meta> tag in each built page; not while developing, where the dev server needs its socket. */
export function pageCsp(): Plugin {
  return {
    name: 'glimpse:page-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}" />`),
  };
}

export default defineConfig({
  // Separate output folders let parallel builds (e.g. two developers' e2e runs) not collide.
  outDir: process.env.GLIMPSE_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  // `wxt zip -b firefox` also writes the sources zip AMO asks for: what `npm ci && npm run build:firefox` needs.
  zip: { excludeSources: ['test/**', 'vitest*.config.ts', 'test-results/**', 'coverage/**', '**/*.log'] },
  hooks: {
    'build:publicAssets': async (_wxt, files) => void files.push({ relativeDest: 'privacy.html', contents: await privacyPage() }),
  },
  vite: ({ mode }) => ({
    plugins: [trimSdkResources(), pageCsp()],
    // The test hooks (__e2e, timing marks, keep-alive counters) exist only in the e2e builds: `e2e` (Chrome and
    // Firefox, with <all_urls>) and `e2e-prod` (production permissions). A constant, so production drops the code.
    define: { 'import.meta.env.GLIMPSE_E2E': JSON.stringify(mode === 'e2e' || mode === 'e2e-prod') },
  }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    minimum_chrome_version: '116',
    permissions: [
      'contextMenus',
      'storage',
      'activeTab',
      'scripting',
      // The one-click Ollama 403 fix: a session rule on this extension's own requests to one host:port.
      'declarativeNetRequestWithHostAccess',
      // Chromium: a document that decodes large photos at reduced size (its service worker has no ImageDecoder).
      ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen']),
    ],
    // The e2e build stands in <all_urls> for the grants a user gives with a click; e2e-prod does not.
    host_permissions: mode === 'e2e' ? [...PROVIDER_HOSTS, '<all_urls>'] : PROVIDER_HOSTS,
    optional_host_permissions: browser === 'firefox' ? undefined : ['<all_urls>'],
    optional_permissions: browser === 'firefox' ? ['<all_urls>'] : undefined,
    // public/icon/<size>.png (drawn by test/store/icons.ts); WXT lists them under `icons` by itself.
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' } },
    commands: {
      'capture-region': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_commandRegion__',
      },
      'label-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandLabelPage__',
      },
    },
    content_security_policy: browser === 'firefox' ? EXTENSION_CSP : { extension_pages: EXTENSION_CSP },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'glimpse@glimpse.dev',
              strict_min_version: '142.0',
              // The image and the page text around it go to the provider the user chose, when asked (PRIVACY.md).
              data_collection_permissions: { required: ['websiteContent'] },
            },
          }
        : undefined,
  }),
});
