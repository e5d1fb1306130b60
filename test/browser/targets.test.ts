// Targets and the leadership dashboard (目标责任), in a real browser, on a fresh SQLite store seeded with
// the demo (accounts and a year of demo reports): lingdao (领导) sees the dashboard — the 7 domain cards,
// every chart with its table, the lagging targets and the pace rule — downloads the XLSX, prints the
// monthly report (print media) and drills into article （六）; kejiju (科技局) opens its targets, files a
// report on K07 (实施市级及以上重大科技项目40项以上) with a link and a PDF as evidence, and then corrects it: the corrected report stays,
// struck through and tagged 已更正 — and, as the lead of its domain, splits K07 among its units.
// Screenshots go to test-artifacts/screenshots/targets-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './demo-app.ts';
import { hasChromium } from './support.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.skipIf(!hasChromium)('targets: the leadership dashboard and a department report (browser)', () => {
  const demo = useDemoBrowser({ screenshotPrefix: 'targets', demo: false, settleMs: 300, timeoutMs: 90_000 });
  const { newPage, shot, signIn } = demo;

  /** Rows of an antd table (the measure row antd adds for fixed layouts is not a data row). */
  const rows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] tbody tr.ant-table-row`);

  /** The browser's window, for code evaluated in the page (the tests' own types have no DOM). */
  type Window = { getComputedStyle(element: unknown): { textDecorationLine: string } };

  it('lingdao sees the dashboard, every chart as a table, downloads the XLSX, prints and drills to an article', async () => {
    const lingdao = await newPage();
    await signIn(lingdao, 'lingdao', '/dashboard');
    expect(await lingdao.getByTestId('user-menu').getAttribute('data-role')).toBe('leader');
    expect(await lingdao.getByTestId('nav-dashboard').textContent()).toBe('领导驾驶舱');

    // The 7 domains, each with its status counts; together they count the 71 quantified targets (the 8
    // milestones are listed with the targets, not counted on the cards).
    await lingdao.getByTestId('domain-card').first().waitFor();
    expect(await lingdao.getByTestId('domain-card').count()).toBe(7);
    const counts = await lingdao.locator('[data-testid="domain-status"] .status-count b').allTextContents();
    expect(counts.reduce((sum, n) => sum + Number(n), 0)).toBe(71);

    // Every chart is drawn (a canvas) and given as a table.
    for (const chart of ['status', 'budget', 'awards-domain', 'awards-department']) {
      expect(await lingdao.locator(`[data-testid="chart-${chart}-canvas"] canvas`).count()).toBeGreaterThan(0);
      expect(await lingdao.getByTestId(`table-${chart}`).count()).toBe(1);
    }
    expect(await rows(lingdao, 'table-status').count()).toBe(7);
    expect(await rows(lingdao, 'table-budget').count()).toBeGreaterThan(0);
    // The demo year has targets behind or at risk: the lagging list shows at most 10, none of them on track.
    const lagging = await lingdao.locator('[data-testid="lagging-table"] [data-testid="target-row"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')));
    expect(lagging.length).toBeGreaterThan(0);
    expect(lagging.length).toBeLessThanOrEqual(10);
    expect(lagging.every((s) => s === 'behind' || s === 'at-risk')).toBe(true);
    expect(await lingdao.getByTestId('pace-rule-text').textContent()).toMatch(/80%/);
    expect(await lingdao.locator('[data-testid="pace-tag"]').first().textContent()).toMatch(/^(进度滞后|存在风险)$/);
    await shot(lingdao, 'dashboard');

    // The XLSX of the whole report: a zip (PK), more than an empty workbook.
    const [download] = await Promise.all([lingdao.waitForEvent('download'), lingdao.getByTestId('dashboard-xlsx').click()]);
    const xlsx = readFileSync((await download.path())!);
    expect(xlsx.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(xlsx.length).toBeGreaterThan(8_000);

    // The printed monthly report: the shell and the buttons go, the report's own heading comes.
    await lingdao.emulateMedia({ media: 'print' });
    expect(await lingdao.locator('.app-header').isVisible()).toBe(false);
    expect(await lingdao.getByTestId('dashboard-print').isVisible()).toBe(false);
    expect(await lingdao.locator('.print-header').isVisible()).toBe(true);
    await shot(lingdao, 'print');
    await lingdao.emulateMedia({ media: 'screen' });

    // Drill down: 科技创新 (d1) → its articles → （六） with its text, its targets and their reports.
    const d1 = lingdao.locator('[data-testid="domain-card"][data-id="d1"]');
    await d1.getByTestId('domain-articles-toggle').click();
    await d1.locator('[data-testid="domain-article-link"][data-id="A06"]').click();
    await lingdao.waitForURL(`${demo.base}/dashboard/articles/A06`);
    expect(await lingdao.getByTestId('article-text').textContent()).toContain('实施市级及以上重大科技项目40项以上');
    const articleTargets = lingdao.locator('[data-testid="article-targets"] [data-testid="target-row"]');
    await articleTargets.first().waitFor();
    expect(await articleTargets.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual(['K07', 'K08']);
    await articleTargets.first().locator('.ant-table-row-expand-icon').click();
    await lingdao.locator('[data-testid="target-detail"][data-id="K07"]').waitFor();
    // Its one provision (M23, 科技局) with its cases counted, not listed: the leader reads no personal data.
    const provision = lingdao.getByTestId('article-provision');
    expect(await provision.count()).toBe(1);
    expect(await provision.textContent()).toContain('M23');
    expect(await provision.getByTestId('provision-cases').textContent()).toMatch(/^\d+$/);
    await shot(lingdao, 'article');
    expect(demo.errors).toEqual([]);
  }, 120_000);

  it('kejiju files a report on K07 and corrects it; the corrected one shows as superseded', async () => {
    const kejiju = await newPage();
    await signIn(kejiju, 'kejiju', '/review');
    await kejiju.getByTestId('nav-department').click();
    await kejiju.waitForURL(`${demo.base}/department`);
    const k07 = kejiju.locator('[data-testid="dept-responsible"] [data-testid="target-row"][data-id="K07"]');
    await k07.waitFor();
    // 科技局 answers for its own articles' targets, not for another bureau's.
    const ids = await kejiju.locator('[data-testid="dept-responsible"] [data-testid="target-row"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    expect(ids).toContain('K08');
    expect(ids).not.toContain('K16'); // 供应工业用地: 规划资源分局、发改局、经信局
    await shot(kejiju, 'department');

    // A report: 36 项 as of 2025-10-31, with a note and an evidence link.
    await k07.getByTestId('target-open').click();
    await kejiju.waitForURL(`${demo.base}/department/targets/K07`);
    await kejiju.getByTestId('report-form').waitFor();
    expect(await kejiju.getByTestId('report-unit').inputValue()).toBe('科技局');
    const before = await kejiju.getByTestId('report-row').count();
    await kejiju.getByTestId('report-value-input').fill('36');
    await kejiju.getByTestId('report-asof').fill('2025-10-31');
    await kejiju.getByTestId('report-note').fill('浏览器测试：1—10月累计立项');
    await kejiju.getByTestId('report-evidence-url').fill('https://kjj.example.gov.cn/k07-2025-10.pdf');
    await kejiju.locator('[data-testid="report-card"] input[type=file]').setInputFiles({ name: '立项清单.pdf', mimeType: 'application/pdf', buffer: PDF });
    await kejiju.locator('[data-testid="report-card"] .ant-upload-list-item', { hasText: '立项清单.pdf' }).waitFor();
    await shot(kejiju, 'report');
    await kejiju.getByTestId('report-submit').click();
    await expect.poll(() => kejiju.getByTestId('report-row').count()).toBe(before + 1);
    const filed = kejiju.locator('[data-testid="report-row"]', { hasText: '浏览器测试：1—10月累计立项' });
    expect(await filed.getByTestId('report-value').textContent()).toBe('36 项');
    expect(await filed.getAttribute('data-superseded')).toBe('false');
    expect(await filed.getByTestId('report-evidence').textContent()).toBe('https://kjj.example.gov.cn/k07-2025-10.pdf');
    const evidenceLink = filed.getByTestId('report-evidence-file');
    expect(await evidenceLink.textContent()).toBe('立项清单.pdf');
    expect(await evidenceLink.getAttribute('href')).toMatch(/^\/api\/v1\/targets\/K07\/evidence\/[0-9a-f]{64}$/);
    const filedId = (await filed.getAttribute('data-id'))!;

    // The correction: 38, superseding the report just filed; both stay, the old one struck through.
    await filed.getByTestId('report-correct').click();
    expect(await kejiju.getByTestId('correcting').textContent()).toContain('2025-10-31');
    await kejiju.getByTestId('report-value-input').fill('38');
    await kejiju.getByTestId('report-note').fill('更正：补录两项');
    await kejiju.getByTestId('report-submit').click();
    await expect.poll(() => kejiju.getByTestId('report-row').count()).toBe(before + 2);
    const old = kejiju.locator(`[data-testid="report-row"][data-id="${filedId}"]`);
    expect(await old.getAttribute('data-superseded')).toBe('true');
    expect(await old.getByTestId('superseded-tag').textContent()).toBe('已更正');
    expect(await old.locator('.report-struck').first().evaluate((el) => (globalThis as unknown as Window).getComputedStyle(el).textDecorationLine)).toBe('line-through');
    const correction = kejiju.locator('[data-testid="report-row"]', { hasText: '更正：补录两项' });
    expect(await correction.getByTestId('report-value').textContent()).toBe('38 项');
    expect(await correction.getByTestId('correction-tag').count()).toBe(1);
    await shot(kejiju, 'correction');

    // 科技局 leads 科技创新 (d1): it splits K07 among the responsible units (here itself alone: 100%) with an owner.
    const editor = kejiju.getByTestId('decomposition-editor');
    expect(await editor.getByTestId('decomposition-sum').textContent()).toBe('合计 100%');
    await editor.getByTestId('decomposition-owner').first().fill('张科长');
    await editor.getByTestId('decomposition-save').click();
    await kejiju.getByTestId('assignments').waitFor();
    expect(await kejiju.getByTestId('assignments').textContent()).toContain('张科长');
    expect(await kejiju.getByTestId('assignments').textContent()).toContain('100%');

    // A share above 100% is refused with the server's message, and nothing is filed.
    await kejiju.goto(`${demo.base}/department/targets/K08`);
    await kejiju.getByTestId('report-form').waitFor();
    const k08Rows = await kejiju.getByTestId('report-row').count();
    await kejiju.getByTestId('report-value-input').fill('120');
    await kejiju.getByTestId('report-submit').click();
    await kejiju.locator('.ant-message-error').waitFor();
    expect(await kejiju.locator('.ant-message-error').textContent()).toMatch(/100/);
    expect(await kejiju.getByTestId('report-row').count()).toBe(k08Rows);
    expect(demo.errors).toEqual([]);
  }, 120_000);
});
