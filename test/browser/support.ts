// Shared by the browser tests: the built web app served by the API on a free port, and Debian Chromium
// driven by playwright-core. Skipped (with a warning) when Chromium is not installed.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../src/api/app.ts';
import { loadEdition } from '../../src/pack/loader.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const WEB_DIR = join(ROOT, 'web/dist');
export const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying hosts this machine cannot reach.
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 375, height: 812 };

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (install it, or set CHROMIUM_PATH)`);

/** Starts the API with the built web app on a free loopback port, and launches Chromium. */
export async function startAppAndBrowser(): Promise<{ app: FastifyInstance; browser: Browser; base: string }> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR}/index.html is missing: run \`npm run build:web\` before the browser tests`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const app = await buildApp({ pack: loadEdition(), webDir: WEB_DIR });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return { app, browser, base: address.replace('localhost', '127.0.0.1') };
}
