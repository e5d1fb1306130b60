// Budget impact and list import, in a real browser, on a fresh SQLite store seeded with the demo: zhengce
// (政策) generates a population of 2,000, refuses a take-up of 150%, runs the current policy against a reform
// (新认定国家高新技术企业 30万元 → 40万元), sees the progress end, the charts each with its table and the winners,
// and downloads the XLSX (read back with exceljs: the expected sheets), then cancels a larger run; kejiju (科技局) imports the sample list
// through the wizard (skip bad rows): 193 ok, 7 bad, line 19 among the errors; the same file again is replayed.
// Screenshots go to test-artifacts/screenshots/simulation-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REFORM_SHEET, SIMULATION_SHEETS } from '../../src/services/simulation-xlsx.ts';
import { useDemoBrowser } from './demo-app.ts';
import { hasChromium } from './support.ts';

const SAMPLE = new URL('../../examples/lists/新认定高新技术企业-2025.xlsx', import.meta.url);
const SAMPLE_BENEFICIARIES = new URL('../../examples/lists/新认定高新技术企业-2025.beneficiaries.json', import.meta.url);

describe.skipIf(!hasChromium)('simulation and list import pages (browser)', () => {
  const demo = useDemoBrowser({ screenshotPrefix: 'simulation', demo: false, settleMs: 300, timeoutMs: 90_000 });
  const { newPage, shot, signIn } = demo;
  const rows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] tbody tr.ant-table-row`);

  it('zhengce generates a population, runs current against a reform, sees progress, charts and tables, downloads the XLSX', async () => {
    const page = await newPage();
    await signIn(page, 'zhengce', '/policy-office/parameters');
    await page.getByTestId('nav-simulate').click();
    await page.getByTestId('sim-title').waitFor();
    // The demo stores no population: generate one of 2,000 (seed 1).
    await page.getByTestId('sim-no-population').waitFor();
    await page.locator('[data-testid="sim-gen-size"] input').fill('2000');
    await page.getByTestId('sim-generate').click();
    await page.getByTestId('sim-population').waitFor();
    expect(await page.getByTestId('sim-population').textContent()).toContain('synthetic-2000-seed1');

    // A take-up of 150% is refused on the page (Run disabled) until it is a percent again.
    const takeUp = page.locator('[data-testid="takeup-hte-new"] input');
    await takeUp.fill('150');
    await takeUp.blur();
    await page.getByTestId('sim-takeup-invalid').waitFor();
    expect(await page.getByTestId('sim-run').isDisabled()).toBe(true);
    await takeUp.fill('80');
    await takeUp.blur();
    await page.getByTestId('sim-takeup-invalid').waitFor({ state: 'detached' });

    // The reform: 新认定国家高新技术企业 from 300,000 to 400,000 yuan.
    await page.getByTestId('sim-reform-filter').fill('hte-new.amount');
    await page.locator('[data-testid="reform-hte-new.amount"] input').fill('400000');
    await page.locator('[data-testid="reform-hte-new.amount"] input').blur();
    await page.getByTestId('sim-run').click();
    await page.locator('[data-testid="sim-job"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sim-job').getAttribute('data-percent')).toBe('100');
    expect(await page.getByTestId('sim-job-status').textContent()).toBe('测算完成');
    await page.getByTestId('sim-results').waitFor();
    expect(await page.getByTestId('sim-evaluated').textContent()).toMatch(/2000/);

    // Every chart drawn and given as a table; current and reform side by side.
    for (const chart of ['domains', 'departments', 'distribution']) {
      expect(await page.locator(`[data-testid="sim-${chart}-canvas"] canvas`).count(), chart).toBeGreaterThan(0);
      expect(await rows(page, `sim-${chart}-table`).count(), chart).toBeGreaterThan(0);
    }
    expect(await rows(page, 'sim-budgets-table').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('sim-vs-total').textContent()).toContain('110.4亿元');
    // Raising one award makes winners and no losers: every new recognition gets more, nobody less.
    expect(Number(await page.getByTestId('sim-winners').textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('sim-losers').textContent())).toBe(0);
    await shot(page, 'results');

    // The XLSX: a zip holding the expected sheets, the reform comparison among them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sim-xlsx').click()]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...SIMULATION_SHEETS, REFORM_SHEET]);

    // A larger population (50,000: seconds of work) is cancelled while it runs.
    await page.locator('[data-testid="sim-gen-size"] input').fill('50000');
    await page.getByTestId('sim-generate').click();
    await page.locator('[data-testid="sim-population"]', { hasText: 'synthetic-50000-seed1' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-cancel').click();
    await page.locator('[data-testid="sim-job"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('sim-job-status').textContent()).toBe('已取消');
    expect(Number(await page.getByTestId('sim-job').getAttribute('data-percent'))).toBeLessThan(100);
    await shot(page, 'cancelled');
    expect(demo.errors).toEqual([]);
  }, 120_000);

  it('kejiju imports the sample list through the wizard: 193 ok, 7 bad, line 19 among the errors; again, replayed', async () => {
    // The demo data registers the sample's enterprises (seedDemo), as on a fresh npm start.
    const profiles = JSON.parse(readFileSync(SAMPLE_BENEFICIARIES, 'utf8')) as { id: string; name: string }[];
    const registered = await demo.store.db.selectFrom('beneficiaries').select('credit_code').where('credit_code', 'in', profiles.map((p) => p.id)).execute();
    expect(registered).toHaveLength(profiles.length);
    const page = await newPage();
    await signIn(page, 'kejiju', '/review');
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('imports-title').waitFor();

    // A file that is no list: the server's 415 is shown with its message, and the wizard stays on the upload step.
    await page.getByTestId('import-next').click();
    await page.locator('[data-testid="import-drop"] input[type=file]').setInputFiles({ name: 'list.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toMatch(/415/);
    await page.getByTestId('import-back').click();

    const importSample = async () => {
      await page.getByTestId('kind-high-tech-new-2025').click();
      await page.getByTestId('mode-skip-bad').click();
      await page.getByTestId('import-next').click();
      await page.locator('[data-testid="import-drop"] input[type=file]').setInputFiles(fileURLToPath(SAMPLE));
      await page.getByTestId('import-result').waitFor();
    };
    await importSample();
    expect(await page.getByTestId('import-status').textContent()).toBe('已导入');
    expect([await page.getByTestId('import-total').textContent(), await page.getByTestId('import-ok').textContent(), await page.getByTestId('import-bad').textContent()])
      .toEqual(['200', '193', '7']);
    expect(await page.getByTestId('import-entitlements').getAttribute('href')).toMatch(/^\/review\/entitlements\?import=/);
    await page.getByTestId('import-errors-only').click();
    const lines = await page.locator('[data-testid="import-report"] [data-testid="report-row"]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-line'))));
    expect(lines).toEqual([19, 43, 65, 90, 122, 144, 157]);
    await shot(page, 'import');
    // The row report as CSV: every row, the bad ones with their message.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download').click()]);
    const report = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(report).toHaveLength(201);

    // The same file again: nothing written twice, the first import answered.
    await page.getByTestId('import-again').click();
    await importSample();
    await page.getByTestId('import-replayed').waitFor();
    expect(await rows(page, 'import-list').count()).toBe(1);

    // en-US is available.
    await page.getByTestId('lang-switch').click();
    expect(await page.getByTestId('imports-title').textContent()).toBe('List import');
    expect(await page.getByTestId('import-replayed').textContent()).toMatch(/idempotent/);
    expect(demo.errors).toEqual([]);
  }, 120_000);
});
