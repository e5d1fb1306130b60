// One award from application to payout, in a real browser, as the people who do it: qiye (enterprise)
// applies for 新认定国家高新技术企业 (30万元 → 300000) with a PDF and submits; kejiju (科技局) approves the
// engine's amount and publishes the 公示; closing early is refused, so kejiju uses the demo-mode button that
// moves the period into the past (nobody waits five working days) and closes it; caizheng (finance, TOTP computed here from the
// demo secret) builds a payout batch, downloads the treasury order and the demo bank confirmation, uploads it;
// qiye then sees 已兑付. The app runs in-process on a fresh SQLite store seeded with the demo accounts;
// screenshots go to test-artifacts/screenshots/delivery-*.png.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/demo-accounts.ts';
import { useDemoBrowser } from './demo-app.ts';
import { hasChromium } from './support.ts';

const QIYE_CODE = '91330108MA2AY1234G';
/** 杭高新〔2025〕3号 第一条: 「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」 — new recognition: 30万元. */
const HIGH_TECH_NEW_YUAN = 300_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret: what an authenticator app shows. */
function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe.skipIf(!hasChromium)('delivery: one award from application to payout (browser)', () => {
  const demo = useDemoBrowser({ screenshotPrefix: 'delivery', demo: true, settleMs: 250, timeoutMs: 60_000 });
  const { newPage, shot, signIn } = demo;

  it('qiye applies, kejiju approves and publishes, caizheng pays, qiye sees 已兑付', async () => {
    // Anonymous: a delivery page sends to /login, which names where the demo accounts are.
    const qiye = await newPage();
    await qiye.goto(`${demo.base}/me`);
    await qiye.waitForURL(/\/login\?next=%2Fme$/);
    expect(await qiye.getByTestId('login-demo').textContent()).toContain('演示账号见 npm start 输出');
    await shot(qiye, 'login');

    // qiye: the high-tech award is eligible now, 30万元, with its reasons.
    await qiye.getByTestId('login-username').fill('qiye');
    await qiye.getByTestId('login-password').fill(DEMO_PASSWORD);
    await qiye.getByTestId('login-submit').click();
    await qiye.waitForURL(`${demo.base}/me`);
    const card = qiye.locator('[data-testid="eligible-card"][data-catalogue="M02"]');
    await card.waitFor();
    expect(await card.getByTestId('eligible-amount').textContent()).toBe('30万元');
    await card.getByTestId('eligible-why').click();
    expect(await card.getByTestId('trace').textContent()).toContain('「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」');
    await shot(qiye, 'me');

    // The form: nothing to type for a one-off award; a PDF as evidence; submit.
    await card.getByTestId('eligible-apply').click();
    await qiye.getByTestId('apply-form').waitFor();
    expect(await qiye.getByTestId('apply-amount').textContent()).toBe('30万元');
    expect(await qiye.getByTestId('apply-event-ref').count()).toBe(0);
    await qiye.locator('[data-testid="apply-form"] input[type=file]').setInputFiles({ name: '高新技术企业证书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await shot(qiye, 'apply');
    await qiye.getByTestId('apply-submit').click();
    await qiye.waitForURL(/\/me\/applications\/[^/]+$/);
    const applicationId = qiye.url().split('/').pop()!;
    await expect.poll(() => qiye.locator('[data-testid="case-facts"] [data-testid="status-tag"]').getAttribute('data-status')).toBe('submitted');
    expect(await qiye.getByTestId('evidence-item').count()).toBe(1);
    expect(await qiye.getByTestId('case-engine-amount').textContent()).toBe('30万元');
    await shot(qiye, 'application-submitted');

    // kejiju: the case in the inbox; the reasons beside the evidence; approve the engine's amount.
    const kejiju = await newPage();
    await signIn(kejiju, 'kejiju', '/review');
    const row = kejiju.locator(`[data-testid="application-row"][data-id="${applicationId}"]`);
    await row.waitFor();
    await shot(kejiju, 'review-inbox');
    await row.getByTestId('application-link').click();
    await kejiju.getByTestId('case-trace').getByTestId('trace').waitFor();
    expect(await kejiju.getByTestId('case-evidence').getByTestId('evidence-item').textContent()).toContain('高新技术企业证书.pdf');
    expect(await kejiju.getByTestId('approve-granted').inputValue()).toMatch(/^300,?000$/);
    await shot(kejiju, 'review-case');
    await kejiju.getByTestId('approve-submit').click();
    await expect.poll(() => kejiju.locator('[data-testid="case-facts"] [data-testid="status-tag"]').getAttribute('data-status')).toBe('approved');
    expect(await kejiju.getByTestId('case-granted').textContent()).toBe('30万元');

    // Publish the 公示 with this case.
    await kejiju.goto(`${demo.base}/review/notices`);
    const approvedRow = kejiju.locator(`[data-testid="approved-table"] [data-testid="application-row"][data-id="${applicationId}"]`);
    await approvedRow.locator('input[type=checkbox]').check();
    await kejiju.getByTestId('publish-submit').click();
    // The demo cases' notice is already listed: wait for the card that carries this application.
    const notice = kejiju.locator(`[data-testid="dept-notice"]:has(tr[data-row-key="${applicationId}"])`);
    await notice.waitFor();
    const noticeId = (await notice.getAttribute('data-id'))!;
    expect(await notice.getByTestId('notice-item-amount').first().textContent()).toBe('30万元');
    await shot(kejiju, 'review-notices');

    // The public sees the notice without signing in, masked, with the XLSX.
    const anonymous = await newPage();
    await anonymous.goto(`${demo.base}/notices/${noticeId}`);
    await anonymous.getByTestId('notice-items').waitFor();
    const noticeText = await anonymous.getByTestId('notice-items').textContent();
    expect(noticeText).toContain('滨江示例科技有限公司');
    expect(noticeText).not.toContain(QIYE_CODE);
    expect(await anonymous.getByTestId('notice-xlsx').getAttribute('href')).toBe(`/api/v1/notices/${noticeId}/xlsx`);
    await shot(anonymous, 'public-notice');

    // Closing before the period ends is refused; in demo mode kejiju ends the period (audited), then closes.
    const noticeCard = kejiju.locator(`[data-testid="dept-notice"][data-id="${noticeId}"]`);
    await noticeCard.getByTestId('notice-close').click();
    await kejiju.getByText(/runs until/).first().waitFor();
    expect((await demo.store.db.selectFrom('applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status).toBe('in-notice');
    await noticeCard.getByTestId('notice-demo-end').click();
    await expect.poll(async () => (await demo.store.db.selectFrom('notices').select('ends_on').where('id', '=', noticeId).executeTakeFirstOrThrow()).ends_on < new Date().toISOString().slice(0, 10)).toBe(true);
    await noticeCard.getByTestId('notice-demo-end').waitFor({ state: 'detached' });
    await noticeCard.getByTestId('notice-close').click();
    await expect.poll(async () => (await demo.store.db.selectFrom('applications').select('status').where('id', '=', applicationId).executeTakeFirstOrThrow()).status).toBe('payable');

    // caizheng: the budget, the payable case → a batch; the treasury order; the bank's confirmation.
    const caizheng = await newPage();
    const { totp_secret: secret } = await demo.store.db.selectFrom('accounts').select('totp_secret').where('username', '=', 'caizheng').executeTakeFirstOrThrow();
    await signIn(caizheng, 'caizheng', '/finance', () => totp(secret!));
    await caizheng.getByTestId('budget-line').first().waitFor();
    await shot(caizheng, 'finance-budget');
    await caizheng.goto(`${demo.base}/finance/payouts`);
    const payableRow = caizheng.locator(`[data-testid="payable-table"] [data-testid="application-row"][data-id="${applicationId}"]`);
    await payableRow.locator('input[type=checkbox]').check();
    await shot(caizheng, 'payouts');
    await caizheng.getByTestId('payout-build').click();
    await caizheng.waitForURL(/\/finance\/payouts\/[^/]+$/);
    expect(await caizheng.getByTestId('batch-total').textContent()).toBe('30万元');
    const [download] = await Promise.all([caizheng.waitForEvent('download'), caizheng.getByTestId('batch-treasury').click()]);
    const xlsx = readFileSync((await download.path())!);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

    const batchId = caizheng.url().split('/').pop()!;
    const item = await demo.store.db.selectFrom('payout_items').selectAll().where('batch_id', '=', batchId).executeTakeFirstOrThrow();
    const beneficiary = await demo.store.db.selectFrom('beneficiaries').selectAll().where('credit_code', '=', QIYE_CODE).executeTakeFirstOrThrow();
    expect(item.amount_yuan).toBe(HIGH_TECH_NEW_YUAN);
    // Demo mode offers the bank's confirmation (every line paid); it is checked here, then uploaded.
    const [bankFile] = await Promise.all([caizheng.waitForEvent('download'), caizheng.getByTestId('batch-demo-confirmation').click()]);
    const csv = readFileSync((await bankFile.path())!, 'utf8');
    expect(csv).toBe(`序号,业务编号,收款人名称,收款人账号,金额,支付状态,银行流水号\n1,${applicationId},${beneficiary.name},${beneficiary.bank_account ?? ''},${HIGH_TECH_NEW_YUAN},成功,DEMO-${batchId.slice(0, 8)}-1\n`);
    await caizheng.locator('[data-testid="batch-page"] input[type=file]').setInputFiles({ name: '回单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => caizheng.getByTestId('batch-confirm-result').textContent().catch(() => '')).toContain('已支付 1 笔');
    await expect.poll(() => caizheng.locator('[data-testid="batch-item"]').first().getAttribute('data-status')).toBe('paid');
    await shot(caizheng, 'batch-paid');

    // qiye: 已兑付.
    await qiye.goto(`${demo.base}/me`);
    const mine = qiye.locator(`[data-testid="my-application"][data-id="${applicationId}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('paid');
    expect(await mine.getByTestId('status-tag').first().textContent()).toBe('已兑付');
    await shot(qiye, 'me-paid');

    expect(demo.errors).toEqual([]);
  }, 90_000);
});

