// Policy editions (政策版本) in a real browser, on a fresh SQLite store seeded with the demo: zhengce (政策)
// drafts an edition raising 新认定国家高新技术企业 from 30万元 to 40万元 (（一）…给予30万元、10万元奖励), sees
// the diff — the clause wording with 3 struck out and 4 inserted, the parameter and the provision in tables —
// runs the what-if on a small stored population (imported here through the service: the demo has none) and
// sees the chart and the table, then publishes it. Screenshots go to test-artifacts/screenshots/editions-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importPopulation } from '../../src/services/populations.ts';
import { tinyJsonLines } from '../simulation/fixtures.ts';
import { useDemoBrowser } from './demo-app.ts';
import { hasChromium } from './support.ts';

describe.skipIf(!hasChromium)('policy editions: draft, diff, what-if, publish (browser)', () => {
  const demo = useDemoBrowser({ screenshotPrefix: 'editions', demo: false, settleMs: 300, timeoutMs: 90_000 });
  const { newPage, shot, signIn } = demo;
  const rows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] tbody tr.ant-table-row`);

  it('zhengce drafts a raise of one amount, sees it highlighted, runs the what-if and publishes', async () => {
    // Eight profiles, three of them 新认定国家高新技术企业 (test/simulation/fixtures.ts).
    await importPopulation(demo.store.db, { name: 'editions-tiny', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
    const page = await newPage();
    await signIn(page, 'zhengce', '/policy-office/parameters');
    expect(await page.getByTestId('nav-editions').textContent()).toBe('政策版本');
    await page.getByTestId('nav-editions').click();
    await page.getByTestId('edition-form').waitFor();

    await page.getByTestId('edition-id').fill('reform-hte-browser');
    await page.getByTestId('edition-title').fill('关于调整新认定国家高新技术企业奖励标准的通知');
    await page.getByTestId('edition-parameter').click();
    await page.keyboard.type('hte-new.amount');
    await page.locator('.ant-select-item-option[title*="hte-new.amount"], .ant-select-item-option:has-text("hte-new.amount")').first().click();
    await page.getByPlaceholder('新数值').fill('400000');
    expect(await page.getByTestId('edition-current').first().textContent()).toContain('300000');
    await shot(page, 'draft');
    await page.getByTestId('edition-save').click();

    // The diff: the clause wording in Chinese, 3 struck out and 4 inserted (30万元 → 40万元).
    await page.waitForURL(/\/editions\/reform-hte-browser$/);
    const wording = page.locator('[data-testid="diff-wording"][data-id="hte-new.amount"]');
    await wording.waitFor();
    expect(await wording.locator('del').allTextContents()).toEqual(['3']);
    expect(await wording.locator('ins').allTextContents()).toEqual(['4']);
    expect(await wording.getByTestId('diff-wording-text').textContent()).toBe('对新认定及通过复审的国家高新技术企业给予340万元、10万元奖励');
    expect(await rows(page, 'diff-parameters').count()).toBe(1);
    expect(await page.locator('[data-testid="diff-parameters"] [data-testid="diff-before"]').textContent()).toBe('300,000');
    expect(await page.locator('[data-testid="diff-parameters"] [data-testid="diff-after"]').textContent()).toBe('400,000');
    expect(await rows(page, 'diff-provisions').first().textContent()).toContain('hte-new');
    expect(await page.getByTestId('edition-status').getAttribute('data-status')).toBe('draft');
    await shot(page, 'diff');

    // The what-if: three winners, none losing; (400,000 − 300,000) × 3 = 300,000 more, all in domain 一.
    await page.getByTestId('whatif-run').click();
    await page.getByTestId('whatif-result').waitFor();
    expect(await page.getByTestId('whatif-winners').textContent()).toBe('3');
    expect(await page.getByTestId('whatif-losers').textContent()).toBe('0');
    expect(await page.getByTestId('whatif-total').textContent()).toBe('300,000');
    for (const chart of ['domains', 'provisions']) {
      expect(await page.locator(`[data-testid="chart-whatif-${chart}"] canvas`).count()).toBeGreaterThan(0);
    }
    expect(await rows(page, 'table-whatif-provisions').count()).toBe(1);
    expect(await page.locator('[data-testid="table-whatif-provisions"] [data-testid="whatif-change"]').textContent()).toBe('+300,000');
    expect(await page.locator('[data-testid="table-whatif-domains"] [data-testid="whatif-change"][data-key="1"]').textContent()).toBe('+300,000');
    await shot(page, 'what-if');

    // Publish (confirmed): the edition is in force and read-only.
    await page.getByTestId('edition-publish').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('[data-testid="edition-status"][data-status="published"]').waitFor();
    expect(await page.getByTestId('edition-publish').count()).toBe(0);
    const setting = await demo.store.db.selectFrom('parameter_settings').selectAll().where('parameter', '=', 'hte-new.amount').executeTakeFirstOrThrow();
    expect(setting).toMatchObject({ value: 400000, effective_from: '2025-07-01', effective_to: '2025-12-31' });
    await shot(page, 'published');
    expect(demo.errors).toEqual([]);
  });
});
