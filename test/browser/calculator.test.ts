// The web policy calculator in a real browser: a new user is guided through the questions that matter,
// sees the high-tech enterprise award with its reasons, a near miss for the R&D grant, switches to
// English and prints. The built app (web/dist) is served by the API on a free port and driven by
// Debian Chromium through playwright-core; screenshots go to test-artifacts/screenshots/calculator-*.png.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOTS, hasChromium, startAppAndBrowser } from './support.ts';

const WIDTHS = '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })';
/** Replaces window.print in the page by a recorder (the root tsconfig has no DOM types). */
const STUB_PRINT = '(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; })()';
const PRINTS = 'window.__prints';

describe.skipIf(!hasChromium)('web policy calculator (browser)', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ app, browser, base } = await startAppAndBrowser());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function open(path: string, viewport = DESKTOP, isMobile = false): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile, hasTouch: isMobile, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${path}`);
    return { page, errors };
  }

  /** A screenshot once the result matches the answers (and has stopped fading in). */
  async function shot(page: Page, name: string, fullPage = true): Promise<void> {
    await expect.poll(() => page.getByTestId('result-updating').count()).toBe(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, `calculator-${name}.png`), fullPage });
  }
  const question = (page: Page) => page.getByTestId('calculator-question');
  /** Waits for the question about `fact` to be the current one. */
  const expectQuestion = (page: Page, fact: string) => expect.poll(() => question(page).getAttribute('data-fact'), { timeout: 10_000 }).toBe(fact);

  /** Picks an option of an antd Select by its label (again if a click during the popup's animation was lost, under load). */
  async function choose(page: Page, select: Locator, label: string): Promise<void> {
    const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
    for (let attempt = 1; ; attempt++) {
      await select.click();
      await option.click();
      const chosen = await expect.poll(() => select.textContent(), { timeout: 2_000 }).toContain(label).then(() => true, () => false);
      if (chosen) return;
      if (attempt === 3) throw new Error(`could not choose "${label}"`);
      await page.keyboard.press('Escape');
    }
  }

  async function startAsEnterprise(page: Page): Promise<void> {
    await page.getByTestId('calculator-kind').getByText('企业', { exact: true }).click();
    await page.getByTestId('calculator-name').fill('滨江示例科技有限公司');
    await page.getByTestId('calculator-id').fill('91330108MA2AY1234G');
    await page.getByTestId('calculator-start').click();
  }

  it('guides a new enterprise to the high-tech award, its reasons and a near miss, in Chinese and English, and prints', async () => {
    const { page, errors } = await open('/calculator');
    expect(await page.getByTestId('nav-calculator').textContent()).toBe('政策计算器');
    await page.getByTestId('calculator-name').waitFor();
    await shot(page, 'start', false);
    await startAsEnterprise(page);

    // The first question is the fact group that blocks the most provisions: the recognitions.
    await expectQuestion(page, 'recognitions');
    expect(await question(page).getByTestId('question-blocks').textContent()).toContain('M02');
    await question(page).getByTestId('list-add').click();
    await choose(page, page.getByTestId('field-type-0'), '国家高新技术企业');
    await choose(page, page.getByTestId('field-level-0'), '国家级');
    await choose(page, page.getByTestId('field-event-0'), '新认定');
    await page.getByTestId('field-date-0').fill('2025-04-01');
    await page.getByTestId('field-certificate-0').fill('GR202533001234');
    await page.getByTestId('field-valid_until-0').fill('2028-03-31');
    await shot(page, 'recognitions');
    await page.getByTestId('calculator-next').click();

    // Then the prizes (4 provisions) — none; the financial years — skipped for now; the year above scale — none.
    await expectQuestion(page, 'prizes');
    await page.getByTestId('calculator-none').click();
    await expectQuestion(page, 'financial_years');
    await page.getByTestId('calculator-skip').click();
    await expectQuestion(page, 'above_scale_entry_year');
    await page.getByTestId('calculator-none').click();
    await expectQuestion(page, 'incubation');

    const m02 = page.locator('[data-testid="result-eligible"][data-catalogue="M02"]');
    await m02.waitFor();
    expect(await m02.getByTestId('award-amount').textContent()).toBe('30万元');
    expect(await page.getByTestId('total-exact').textContent()).toContain('30万元');
    expect(await page.getByTestId('edition').textContent()).toBe('binjiang-2025');
    await m02.getByTestId('trace-toggle').click();
    const trace = m02.getByTestId('trace');
    await trace.waitFor();
    const traceText = await trace.textContent();
    expect(traceText).toContain('「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」');
    expect(traceText).toContain('国家高新技术企业'); // the enum code in plain words
    expect(traceText).toContain('✓');
    expect(await m02.getByTestId('trace-parameter').first().textContent()).toContain('杭高新〔2025〕3号');
    expect(await m02.getByTestId('article-link').first().getAttribute('href')).toBe('/articles/1');
    await shot(page, 'm02-why');

    // Back to the skipped financial years: a near miss for the "high R&D value" grant (M29).
    await page.getByTestId('question-link-financial_years').click();
    await expectQuestion(page, 'financial_years');
    const years: [number, number, number][] = [[2022, 5_000_000, 50_000_000], [2023, 6_000_000, 60_000_000], [2024, 7_188_000, 71_880_000]];
    for (const [year, rd, revenue] of years) {
      await page.getByTestId(`fy-rd_expense-${year}`).fill(String(rd));
      await page.getByTestId(`fy-revenue-${year}`).fill(String(revenue));
    }
    await page.getByTestId('fy-revenue-2024').press('Tab');
    const m29 = page.locator('[data-testid="result-near-miss"][data-catalogue="M29"]');
    await m29.waitFor({ timeout: 10_000 });
    expect(await m29.getByTestId('near-miss-advice').textContent()).toContain('1.2万元');
    await page.getByTestId('calculator-next').click();
    await m29.getByTestId('trace-toggle').click();
    expect(await m29.getByTestId('trace').textContent()).toContain('19.8% < 20%');
    await shot(page, 'near-miss');

    // Incubation, with the same rent for every month of 2025: the rent subsidy (M11) up to 50% of it.
    await expectQuestion(page, 'incubation');
    await question(page).getByTestId('list-add').click();
    await choose(page, page.getByTestId('field-carrier-0'), '科技企业孵化器');
    await choose(page, page.getByTestId('field-carrier_level-0'), '市级');
    await page.getByTestId('field-entered-0').fill('2024-03-01');
    await page.getByTestId('rent-same').fill('5000');
    await page.getByTestId('rent-same').press('Tab');
    const m11 = page.locator('[data-testid="result-eligible"][data-catalogue="M11"]');
    await m11.waitFor({ timeout: 10_000 });
    expect(await m11.getByTestId('award-amount').textContent()).toBe('最高 3万元');
    await expect.poll(() => page.getByTestId('total-ceilings').textContent()).toContain('3万元');
    await shot(page, 'incubation');
    await page.getByTestId('calculator-next').click();
    await expect.poll(() => question(page).getAttribute('data-fact')).not.toBe('incubation');

    // English: the same result in English words, amounts in yuan.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-calculator').textContent()).toBe('Calculator');
    expect(await m02.getByTestId('award-amount').textContent()).toBe('300,000 yuan');
    expect(await m29.getByTestId('near-miss-advice').textContent()).toContain('12,000 yuan');
    expect(await page.getByTestId('print-button').textContent()).toContain('Print');
    await shot(page, 'english');

    // Print: window.print is called; the print stylesheet hides the form and expands every "why".
    await page.evaluate(STUB_PRINT);
    await page.getByTestId('print-button').click();
    expect(await page.evaluate<number>(PRINTS)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('calculator-question').isVisible()).toBe(false);
    expect(await page.getByTestId('nav-calculator').isVisible()).toBe(false);
    expect(await m29.getByTestId('trace').isVisible()).toBe(true);
    expect(await page.getByTestId('parameters-used').isVisible()).toBe(true);
    await shot(page, 'print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });

  it('says what is wrong with an identity, and asks a household only about its circumstances', async () => {
    const { page, errors } = await open('/calculator');
    await page.getByTestId('calculator-kind').getByText('企业', { exact: true }).click();
    await page.getByTestId('calculator-name').fill('错误代码公司');
    await page.getByTestId('calculator-id').fill('91330108MA2AY1234X');
    await page.getByTestId('calculator-start').click();
    await page.getByTestId('calculator-problems').waitFor();
    expect(await page.getByTestId('calculator-problems').textContent()).toContain('统一社会信用代码');
    expect(await page.getByTestId('calculator-question').count()).toBe(0);

    await page.getByTestId('calculator-kind').getByText('家庭', { exact: true }).click();
    await page.getByTestId('calculator-name').fill('张三');
    await page.getByTestId('calculator-id').fill('330108198001010016');
    await page.getByTestId('calculator-start').click();
    await expectQuestion(page, 'welfare');
    await page.getByTestId('field-dibao_household').getByText('是', { exact: true }).click();
    for (const flag of ['elderly_in_hardship', 'assisted_reproduction_needed', 'trade_in_digital_purchase', 'event_hotel_stay']) {
      await page.getByTestId(`field-${flag}`).getByText('否', { exact: true }).click();
    }
    const m39 = page.locator('[data-testid="result-eligible"][data-catalogue="M39"]');
    await m39.waitFor({ timeout: 10_000 });
    expect(await m39.getByTestId('award-amount').textContent()).toMatch(/^不低于 /);
    await shot(page, 'household-welfare', false);
    await page.getByTestId('calculator-next').click();
    await page.getByTestId('calculator-done').waitFor();
    expect(await page.getByTestId('count-undetermined').textContent()).toContain('0');
    await shot(page, 'household', false);
    expect(errors).toEqual([]);
  });

  /** Starts as `kind` and answers the recognitions question with the given entries. */
  async function answerRecognitions(page: Page, kind: string, entries: { type: string; level: string; event: string; date: string }[]): Promise<void> {
    await page.getByTestId('calculator-kind').getByText(kind, { exact: true }).click();
    await page.getByTestId('calculator-name').fill('滨江示例孵化器有限公司');
    await page.getByTestId('calculator-id').fill('91330108MA2AY1234G');
    await page.getByTestId('calculator-start').click();
    await question(page).waitFor();
    // An incubator is first asked about its assessments: the recognitions are opened from the list.
    if (await question(page).getAttribute('data-fact') !== 'recognitions') await page.getByTestId('question-link-recognitions').click();
    await expectQuestion(page, 'recognitions');
    for (const [i, e] of entries.entries()) {
      await question(page).getByTestId('list-add').click();
      await choose(page, page.getByTestId(`field-type-${i}`), e.type);
      await choose(page, page.getByTestId(`field-level-${i}`), e.level);
      await choose(page, page.getByTestId(`field-event-${i}`), e.event);
      await page.getByTestId(`field-date-${i}`).fill(e.date);
    }
    await page.getByTestId('calculator-next').click();
    await expect.poll(() => question(page).getAttribute('data-fact')).not.toBe('recognitions');
  }

  it('names the parameter when an amount is left to implementing rules, and the reason when awards exclude each other', async () => {
    const { page, errors } = await open('/calculator');
    await answerRecognitions(page, '孵化器', [{ type: '科技企业孵化器', level: '国家级', event: '新认定', date: '2025-04-01' }]);
    const m05 = page.locator('[data-testid="result-pending"][data-catalogue="M05"]');
    await m05.waitFor();
    expect(await m05.getByTestId('pending-parameters').textContent()).toContain('待配套政策明确');
    expect(await m05.getByTestId('pending-parameters').locator('.param-tag').count()).toBeGreaterThan(0);
    await shot(page, 'pending', false);

    const second = await open('/calculator');
    await answerRecognitions(second.page, '企业', [
      { type: '国家高新技术企业', level: '国家级', event: '新认定', date: '2025-02-01' },
      { type: '国家高新技术企业', level: '国家级', event: '通过复审', date: '2025-10-01' },
    ]);
    const excluded = second.page.getByTestId('result-excluded');
    await excluded.first().waitFor();
    expect(await excluded.first().textContent()).toContain('同一事项只享受一项');
    expect(await second.page.locator('[data-testid="result-eligible"][data-catalogue="M02"]').count()).toBe(1);
    await excluded.first().scrollIntoViewIfNeeded();
    await shot(second.page, 'excluded', false);
    expect([...errors, ...second.errors]).toEqual([]);
  });

  it('fits a phone (375×812) without horizontal scroll', async () => {
    const { page, errors } = await open('/calculator', PHONE, true);
    await page.getByTestId('calculator-name').waitFor();
    await startAsEnterprise(page);
    await expectQuestion(page, 'recognitions');
    await page.getByTestId('calculator-none').click();
    await expectQuestion(page, 'prizes');
    await page.getByTestId('calculator-none').click();
    await page.getByTestId('calculator-result').waitFor();
    const widths = await page.evaluate<{ scroll: number; client: number }>(WIDTHS);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await shot(page, 'phone');
    expect(errors).toEqual([]);
  });
});
