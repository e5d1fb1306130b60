// Demo mode's notice clock and bank confirmation (the paid path is in test/browser/delivery.test.ts): only the reviewer who owns a notice may move its period into the past, the move
// is audited, the cases follow, and closing still goes through closeNotice; without demo mode the routes
// do not exist.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { verifyAudit } from '../../src/services/audit.ts';
import { publishNotice } from '../../src/services/notices.ts';
import { todayInChina } from '../../src/services/working-days.ts';
import { approvedCase, fundedLine } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

for (const dialect of dialects) {
  describe(`demo notice clock on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect, { demo: true });

    it('lets the owning reviewer end the period (audited), then the notice closes and the case is payable', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'DC1-2025', 1000000);
      const c = await approvedCase(h, reviewer, 'DC1-2025');
      const today = todayInChina();
      const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: [c.id], today });
      expect(notice.ends_on > today).toBe(true);

      expect((await reviewer.inject({ method: 'GET', url: '/api/v1/demo' })).json()).toEqual({ demo: true });
      // Another department's reviewer, finance and anonymous users cannot move it.
      const other = await h.signIn('reviewer', { department: '经信局' });
      expect((await other.inject({ method: 'POST', url: `/api/v1/demo/notices/${notice.id}/end-period` })).statusCode).toBe(404);
      expect((await (await h.signIn('finance')).inject({ method: 'POST', url: `/api/v1/demo/notices/${notice.id}/end-period` })).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'POST', url: `/api/v1/demo/notices/${notice.id}/end-period` })).statusCode).toBe(401);
      expect((await h.store.db.selectFrom('notices').select('ends_on').where('id', '=', notice.id).executeTakeFirstOrThrow()).ends_on).toBe(notice.ends_on);

      const moved = await reviewer.inject({ method: 'POST', url: `/api/v1/demo/notices/${notice.id}/end-period` });
      expect(moved.statusCode).toBe(200);
      const yesterday = new Date(`${today}T00:00:00Z`);
      yesterday.setUTCDate(yesterday.getUTCDate() - 1);
      const endsOn = yesterday.toISOString().slice(0, 10);
      expect(moved.json()).toEqual({ notice: notice.id, starts_on: endsOn, ends_on: endsOn, cases: 1 });
      expect((await h.store.db.selectFrom('applications').select('notice_ends_on').where('id', '=', c.id).executeTakeFirstOrThrow()).notice_ends_on).toBe(endsOn);
      // A second move has nothing to do.
      expect((await reviewer.inject({ method: 'POST', url: `/api/v1/demo/notices/${notice.id}/end-period` })).statusCode).toBe(409);

      const closed = await reviewer.inject({ method: 'POST', url: `/api/v1/notices/${notice.id}/close` });
      expect(closed.statusCode).toBe(200);
      expect(closed.json().payable).toEqual([c.id]);
      const audit = await h.store.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('subject', '=', `notice:${notice.id}`).orderBy('seq').execute();
      expect(audit.map((r) => r.action)).toEqual(['notice.publish', 'notice.demo-end-period', 'notice.close']);
      expect(JSON.parse(audit[1]!.before!)).toEqual({ starts_on: notice.starts_on, ends_on: notice.ends_on });
      expect((await verifyAudit(h.store.db)).ok).toBe(true);
    });

    it('gives the demo bank confirmation to finance only, for a batch that exists', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      expect((await reviewer.inject({ method: 'GET', url: '/api/v1/demo/payouts/none/bank-confirmation.csv' })).statusCode).toBe(403);
      const finance = await h.signIn('finance');
      expect((await finance.inject({ method: 'GET', url: '/api/v1/demo/payouts/none/bank-confirmation.csv' })).statusCode).toBe(404);
    });

    it('does not exist outside demo mode', async () => {
      const h = harness();
      const plain = await buildApp({ pack: testPack(), db: h.store.db });
      try {
        expect((await plain.inject({ method: 'GET', url: '/api/v1/demo' })).statusCode).toBe(404);
        expect((await plain.inject({ method: 'POST', url: '/api/v1/demo/notices/x/end-period' })).statusCode).toBe(404);
        expect((await plain.inject({ method: 'GET', url: '/api/v1/demo/payouts/x/bank-confirmation.csv' })).statusCode).toBe(404);
      } finally {
        await plain.close();
      }
    });
  });
}
