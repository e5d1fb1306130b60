// 免申即享 end to end in a real browser: kejiju (科技局) imports the sample 新认定高新技术企业 2025 list (XLSX,
// skip-bad) through the API; gaoqi, one of the listed enterprises, finds the award waiting on /me with an
// unread message, reads why clause by clause, gives its bank account and the 信用承诺 and confirms — the
// application is created, submitted; kejiju sees the offers of the import and the case's 免申即享 origin,
// approves, publishes, ends the period (demo button) and closes; caizheng pays; gaoqi sees 已兑付.
// Screenshots go to test-artifacts/screenshots/entitlements-*.png.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/demo-accounts.ts';
import { GAOQI_CREDIT_CODE } from '../../src/services/demo-beneficiaries.ts';
import { totpCode } from '../../src/services/totp.ts';
import { useDemoBrowser } from './demo-app.ts';
import { hasChromium } from './support.ts';

/** 杭高新〔2025〕3号 第一条: 「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」 — new recognition: 30万元. */
const HIGH_TECH_NEW_YUAN = 300_000;
const SAMPLE = new URL('../../examples/lists/新认定高新技术企业-2025.xlsx', import.meta.url);

/** Signs in through the API (the import wizard is another page's business) and imports the sample list. */
async function importSample(base: string): Promise<{ id: string; offers: { offered: number } }> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kejiju', password: DEMO_PASSWORD }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const form = new FormData();
  form.append('kind', 'high-tech-new-2025');
  form.append('mode', 'skip-bad');
  form.append('file', new Blob([readFileSync(SAMPLE)]), '新认定高新技术企业-2025.xlsx');
  const imported = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf }, body: form });
  expect(imported.status).toBe(201);
  return (await imported.json()) as { id: string; offers: { offered: number } };
}

describe.skipIf(!hasChromium)('免申即享: an award offered from an imported list, confirmed and paid (browser)', () => {
  const demo = useDemoBrowser({ screenshotPrefix: 'entitlements', demo: true, settleMs: 250, timeoutMs: 90_000 });
  const { newPage, shot, signIn } = demo;

  it('kejiju imports the list, gaoqi confirms, kejiju approves and publishes, caizheng pays, gaoqi sees 已兑付', async () => {
    const listImport = await importSample(demo.base);
    // 193 good rows: the 192 registered list enterprises get the recognition and an offer each; the demo
    // enterprise qiye (line 2) holds the recognition already (unchanged: no offer).
    expect(listImport.offers.offered).toBe(192);

    // gaoqi: the award waits on /me, with an unread message.
    const gaoqi = await newPage();
    await signIn(gaoqi, 'gaoqi', '/me');
    const card = gaoqi.locator('[data-testid="entitlement-card"][data-provision="hte-new"]');
    await card.waitFor();
    expect(await card.getByTestId('entitlement-amount').textContent()).toBe('30万元');
    expect(await gaoqi.getByTestId('me-inbox-unread').getAttribute('data-unread')).toBe('1');
    await shot(gaoqi, 'me');
    await gaoqi.getByTestId('me-inbox-link').click();
    await gaoqi.getByTestId('inbox-message').first().waitFor();
    expect(await gaoqi.getByTestId('inbox-message').first().getAttribute('data-kind')).toBe('entitlement');
    await shot(gaoqi, 'inbox');

    // The offer: amount, why clause by clause, the list as evidence; bank account and the pledge; confirm.
    await gaoqi.getByTestId('inbox-open').first().click();
    await gaoqi.waitForURL(/\/me\/entitlements\/[^/]+$/);
    await gaoqi.getByTestId('trace').waitFor();
    expect(await gaoqi.getByTestId('trace').textContent()).toContain('「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」');
    expect(await gaoqi.getByTestId('entitlement-origin').textContent()).toContain('免申即享 · 名单导入 新认定高新技术企业-2025.xlsx');
    await gaoqi.getByTestId('entitlement-bank-name').fill('中国农业银行杭州滨江支行');
    await gaoqi.getByTestId('entitlement-bank-account').fill('19033101040012345');
    await gaoqi.getByTestId('entitlement-confirm').click();
    await gaoqi.getByText('请勾选信用承诺').waitFor();
    await gaoqi.getByTestId('entitlement-pledge').check();
    await shot(gaoqi, 'confirm');
    await gaoqi.getByTestId('entitlement-confirm').click();
    await gaoqi.getByTestId('entitlement-confirmed').waitFor();
    expect(await gaoqi.getByTestId('entitlement-status').getAttribute('data-status')).toBe('confirmed');
    const applicationId = (await gaoqi.getByTestId('entitlement-case').getAttribute('href'))!.split('/').pop()!;
    const created = await demo.store.db.selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
    expect(created).toMatchObject({ status: 'submitted', credit_code: GAOQI_CREDIT_CODE, provision: 'hte-new' });
    await shot(gaoqi, 'confirmed');

    // kejiju: the import's offers; the case with its 免申即享 origin; approve the engine's amount.
    const kejiju = await newPage();
    await signIn(kejiju, 'kejiju', '/review');
    await kejiju.goto(`${demo.base}/review/entitlements?import=${listImport.id}`);
    await kejiju.locator(`[data-testid="review-entitlement"][data-code="${GAOQI_CREDIT_CODE}"][data-status="confirmed"]`).waitFor();
    await shot(kejiju, 'review-entitlements');
    await kejiju.goto(`${demo.base}/review/${applicationId}`);
    expect(await kejiju.getByTestId('case-origin').textContent()).toContain('免申即享 · 名单导入 新认定高新技术企业-2025.xlsx');
    await kejiju.getByTestId('case-trace').getByTestId('trace').waitFor();
    expect(await kejiju.getByTestId('approve-granted').inputValue()).toMatch(/^300,?000$/);
    await shot(kejiju, 'review-case');
    await kejiju.getByTestId('approve-submit').click();
    await expect.poll(() => kejiju.locator('[data-testid="case-facts"] [data-testid="status-tag"]').getAttribute('data-status')).toBe('approved');

    // Publish, end the period (demo), close: payable.
    await kejiju.goto(`${demo.base}/review/notices`);
    await kejiju.locator(`[data-testid="approved-table"] [data-testid="application-row"][data-id="${applicationId}"]`).locator('input[type=checkbox]').check();
    await kejiju.getByTestId('publish-submit').click();
    const notice = kejiju.locator(`[data-testid="dept-notice"]:has(tr[data-row-key="${applicationId}"])`);
    await notice.waitFor();
    await notice.getByTestId('notice-demo-end').click();
    await notice.getByTestId('notice-demo-end').waitFor({ state: 'detached' });
    await notice.getByTestId('notice-close').click();
    await expect.poll(async () => (await demo.store.db.selectFrom('applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status).toBe('payable');

    // caizheng: a batch of this case, the bank's confirmation (demo), paid.
    const caizheng = await newPage();
    const { totp_secret: secret } = await demo.store.db.selectFrom('accounts').select('totp_secret').where('username', '=', 'caizheng').executeTakeFirstOrThrow();
    await signIn(caizheng, 'caizheng', '/finance', () => totpCode(secret!));
    await caizheng.goto(`${demo.base}/finance/payouts`);
    await caizheng.locator(`[data-testid="payable-table"] [data-testid="application-row"][data-id="${applicationId}"]`).locator('input[type=checkbox]').check();
    await caizheng.getByTestId('payout-build').click();
    await caizheng.waitForURL(/\/finance\/payouts\/[^/]+$/);
    expect(await caizheng.getByTestId('batch-total').textContent()).toBe('30万元');
    const [bankFile] = await Promise.all([caizheng.waitForEvent('download'), caizheng.getByTestId('batch-demo-confirmation').click()]);
    const csv = readFileSync((await bankFile.path())!, 'utf8');
    expect(csv).toContain(`,19033101040012345,${HIGH_TECH_NEW_YUAN},成功,`);
    await caizheng.locator('[data-testid="batch-page"] input[type=file]').setInputFiles({ name: '回单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => caizheng.locator('[data-testid="batch-item"]').first().getAttribute('data-status')).toBe('paid');
    await shot(caizheng, 'batch-paid');

    // gaoqi: 已兑付, and nothing left to confirm.
    await gaoqi.goto(`${demo.base}/me`);
    const mine = gaoqi.locator(`[data-testid="my-application"][data-id="${applicationId}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('paid');
    expect(await mine.getByTestId('status-tag').first().textContent()).toBe('已兑付');
    expect(await gaoqi.getByTestId('entitlement-card').count()).toBe(0);
    await shot(gaoqi, 'me-paid');
    expect(demo.errors).toEqual([]);
  }, 120_000);
});
