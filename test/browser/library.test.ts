// The web policy library in a real browser: the built app (web/dist) served by the API on a free
// port, driven by Debian Chromium through playwright-core. Screenshots of each step are saved to
// test-artifacts/screenshots/. Skipped (with a warning) when Chromium is not installed.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOTS, hasChromium, startAppAndBrowser } from './support.ts';

/** Evaluated in the page (the root tsconfig has no DOM types): the page's scroll and client widths. */
const WIDTHS = '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: window.innerWidth })';

describe.skipIf(!hasChromium)('web policy library (browser)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const errors = new WeakMap<Page, string[]>();

  beforeAll(async () => {
    ({ app, browser, base } = await startAppAndBrowser());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, viewport = DESKTOP, options: { isMobile?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: options.isMobile ?? false, hasTouch: options.isMobile ?? false, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    errors.set(page, problems);
    await page.goto(`${base}${path}`);
    return page;
  }

  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
  const pageErrors = (page: Page) => errors.get(page) ?? [];

  it('opens the library home with the document and its 7 domains', async () => {
    const page = await open('/');
    await expect.poll(() => page.getByTestId('domain-card').count()).toBe(7);
    await expect.poll(() => page.getByTestId('document-title').textContent()).toContain('关于推动经济高质量发展的若干政策');
    const meta = await page.getByTestId('document-meta').textContent();
    expect(meta).toContain('杭高新〔2025〕3号');
    expect(meta).toContain('杭州市滨江区人民政府');
    const stats = await page.getByTestId('stats').textContent();
    expect(stats).toContain('46');
    expect(stats).toContain('71');
    expect(await page.getByTestId('brand').textContent()).toContain('直达');
    await shot(page, 'home');
    expect(pageErrors(page)).toEqual([]);
  });

  it('searches 孵化器 from the home page: article （二） first, matches marked', async () => {
    const page = await open('/');
    const input = page.getByTestId('search-input');
    await input.fill('孵化器');
    await input.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.getByTestId('search-result');
    await results.first().waitFor();
    const first = results.first();
    expect(await first.getByTestId('search-result-title').textContent()).toContain('完善全链条科技企业孵化体系');
    expect(await first.locator('[data-testid="search-snippet"] mark').count()).toBeGreaterThan(0);
    expect(await first.locator('mark').first().textContent()).toBe('孵化器');
    await shot(page, 'search-incubator');

    await first.getByTestId('search-result-title').click();
    await page.waitForURL(/\/articles\/2\?q=/);
    const text = page.getByTestId('article-text');
    await text.waitFor();
    expect(await text.locator('mark').count()).toBeGreaterThan(0);
    expect(await text.locator('mark').first().textContent()).toBe('孵化器');
    await shot(page, 'search-to-article-2');
  });

  it('says so when a search finds nothing, and shows the API message on errors', async () => {
    const page = await open('/search');
    await page.getByTestId('search-empty').waitFor();
    await page.goto(`${base}/search?q=${encodeURIComponent('量子纠缠空间站')}`);
    await page.getByTestId('search-empty').waitFor();
    expect(await page.getByTestId('search-empty').textContent()).toContain('量子纠缠空间站');
    await page.goto(`${base}/articles/99`);
    await page.getByTestId('api-error').waitFor();
    expect(await page.getByTestId('api-error').textContent()).toContain('article 99 not found');
    await shot(page, 'api-error', false);
  });

  it('opens article （十三） with its quotes highlighted and the provision amounts', async () => {
    const page = await open('/articles/13');
    const text = page.getByTestId('article-text');
    await text.waitFor();
    expect(await text.textContent()).toContain('鼓励企业加大研发投入');
    const highlights = text.getByTestId('highlight');
    expect(await highlights.count()).toBeGreaterThanOrEqual(4);
    const kinds = await highlights.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['provision', 'tax_preference']));

    const provisions = page.getByTestId('item-provision');
    expect(await provisions.count()).toBe(3);
    const m29 = page.locator('[data-code="M29"]');
    expect(await m29.getByTestId('amount').textContent()).toMatch(/最高|100万元/);
    const m30 = page.locator('[data-code="M30"]');
    expect(await m30.getByTestId('amount').textContent()).toContain('10万元');
    const m28 = page.locator('[data-code="M28"]');
    expect(await m28.getByTestId('unset-tag').textContent()).toBe('待配套政策明确');
    expect(await page.getByTestId('responsible').getByTestId('dept-tag').first().textContent()).toBe('科技局');

    // Clicking the phrase of M30 emphasises its card; clicking the M29 card emphasises its phrase.
    await text.locator('[data-keys~="provision:rd-first-2m"]').first().click();
    await expect.poll(() => m30.getAttribute('class')).toContain('is-emphasised');
    await m29.locator('.item-title').click();
    await expect.poll(() => text.locator('[data-keys~="provision:high-rd-value"]').first().getAttribute('class')).toContain('is-emphasised');
    await page.mouse.move(0, 0);
    await shot(page, 'article-13');
    expect(pageErrors(page)).toEqual([]);

    await page.getByTestId('article-next').click();
    await page.waitForURL(/\/articles\/14$/);
    await expect.poll(() => page.getByTestId('article-title').textContent()).toContain('十四');
  });

  it('switches the interface to English and remembers the choice', async () => {
    const page = await open('/articles/13');
    await page.getByTestId('article-text').waitFor();
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('article-title').textContent()).toBe('Encourage enterprises to increase their R&D investment');
    expect(await page.getByTestId('nav-home').textContent()).toBe('Library');
    expect(await page.getByTestId('brand').textContent()).toContain('Zhida');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    // The policy text stays in the original Chinese.
    expect(await page.getByTestId('article-text').textContent()).toContain('鼓励企业加大研发投入');
    expect(await page.locator('[data-code="M30"]').textContent()).toContain('100,000 yuan');
    await shot(page, 'article-13-en');

    await page.reload();
    await expect.poll(() => page.getByTestId('nav-home').textContent()).toBe('Library');
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('domain-title').first().textContent()).toMatch(/^[A-Z]/);
    await shot(page, 'home-en');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-home').textContent()).toBe('政策库');
  });

  it('renders an article on a phone (375×812) without horizontal scroll, nav in a drawer', async () => {
    const page = await open('/articles/13', PHONE, { isMobile: true });
    await page.getByTestId('article-text').waitFor();
    await page.getByTestId('item-provision').first().waitFor();
    const widths = await page.evaluate<{ scroll: number; client: number; inner: number }>(WIDTHS);
    expect(widths.inner).toBe(PHONE.width);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Items stack under the text.
    const textBox = await page.getByTestId('article-text').boundingBox();
    const panelBox = await page.getByTestId('item-panel').boundingBox();
    expect(textBox && panelBox && panelBox.y > textBox.y + textBox.height).toBe(true);
    expect(await page.getByTestId('nav-home').count()).toBe(0);
    await shot(page, 'phone-article-13', false);
    await shot(page, 'phone-article-13-full');

    await page.getByTestId('menu-button').click();
    await page.locator('.ant-drawer-body').waitFor();
    await page.waitForTimeout(400);
    await shot(page, 'phone-nav-drawer', false);
    await page.locator('.ant-drawer-body').getByText('奖补政策').click();
    await page.waitForURL(/\/provisions$/);
    await page.getByTestId('provision-row').first().waitFor();
    const after = await page.evaluate<{ scroll: number; client: number }>(WIDTHS);
    expect(after.scroll).toBeLessThanOrEqual(after.client);
    await shot(page, 'phone-provisions', false);
  });

  it('lists provisions, targets, budgets and departments', async () => {
    const page = await open('/provisions?status=unset');
    await page.getByTestId('provision-row').first().waitFor();
    expect(await page.getByTestId('provision-row').count()).toBe(16);
    await shot(page, 'provisions-unset');
    await page.goto(`${base}/targets`);
    await page.getByTestId('target-row').first().waitFor();
    expect(await page.getByTestId('target-row').count()).toBeGreaterThan(0);
    await shot(page, 'targets', false);
    await page.goto(`${base}/budgets`);
    await page.getByTestId('budget-line').first().waitFor();
    expect(await page.getByTestId('budget-line').count()).toBe(9);
    await shot(page, 'budgets', false);
    await page.goto(`${base}/departments/kjj`);
    await page.getByTestId('department-articles').getByTestId('article-row').first().waitFor();
    expect(await page.getByTestId('department-name').textContent()).toBe('科技局');
    await shot(page, 'department-kjj', false);
    await page.goto(`${base}/domains/2`);
    await page.getByTestId('article-row').first().waitFor();
    expect(await page.getByTestId('article-row').count()).toBe(6);
    await shot(page, 'domain-2');
  });
});
