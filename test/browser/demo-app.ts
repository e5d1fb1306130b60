// The app on a fresh SQLite store seeded with the demo data, listening on a free port, and Chromium: the
// set-up of the browser walk-throughs that sign in as the demo accounts. Call useDemoBrowser() inside a
// describe; the store, the server, the browser and the evidence folder go away after its tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { DEMO_PASSWORD } from '../../src/services/demo-accounts.ts';
import { seedDemo } from '../../src/services/demo.ts';
import { dialects, type TestStore } from '../store/support/stores.ts';
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, WEB_DIR } from './support.ts';

export interface DemoBrowserOptions {
  /** Screenshots are written as <prefix>-<name>.png. */
  screenshotPrefix: string;
  /** The demo-only routes (demo mode). */
  demo: boolean;
  /** How long a screenshot waits for animations (antd's fade-ins, ECharts' first frame). */
  settleMs: number;
  /** The set-up's time limit. */
  timeoutMs: number;
}

export interface DemoBrowser {
  readonly base: string;
  readonly store: TestStore;
  /** Errors thrown in any page: a walk-through ends by expecting none. */
  readonly errors: string[];
  newPage(): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  /** Signs in through /login (and the TOTP step with totp()'s code when the account owes one); lands on the role's home. */
  signIn(page: Page, username: string, home: string, totp?: () => string): Promise<void>;
}

export function useDemoBrowser(options: DemoBrowserOptions): DemoBrowser {
  const sqlite = dialects.find((d) => d.dialect === 'sqlite')!;
  let store: TestStore | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let base = '';
  let evidenceDir: string | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    store = await sqlite.create();
    const pack = loadEdition();
    await seedDemo(store.db, pack);
    evidenceDir = mkdtempSync(join(tmpdir(), `zhida-${options.screenshotPrefix}-evidence-`));
    app = await buildApp({ pack, db: store.db, webDir: WEB_DIR, evidenceDir, demo: options.demo });
    base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, options.timeoutMs);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await store?.drop();
    if (evidenceDir) rmSync(evidenceDir, { recursive: true, force: true });
  });

  return {
    get base() { return base; },
    get store() {
      if (!store) throw new Error('the demo store is not set up');
      return store;
    },
    errors,
    async newPage() {
      const context = await browser!.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      return page;
    },
    async shot(page, name) {
      await page.waitForTimeout(options.settleMs);
      await page.screenshot({ path: join(SCREENSHOTS, `${options.screenshotPrefix}-${name}.png`), fullPage: true });
    },
    async signIn(page, username, home, totp) {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      if (totp) {
        await page.getByTestId('login-totp').fill(totp());
        await page.getByTestId('login-totp-submit').click();
      }
      await page.waitForURL(`${base}${home}`);
      expect(await page.getByTestId('user-menu').getAttribute('data-role')).toBeTruthy();
    },
  };
}
