// The simulation API: policy and finance run simulations and list populations; other roles are refused;
// bad requests get 400 naming the field; the report is the service's (figures checked in simulation.test.ts).
// Enterprise callers are refused too (the access matrix, test/delivery/access-matrix.test.ts).
import { describe, expect, it } from 'vitest';
import { importPopulation } from '../../src/services/populations.ts';
import { dialects, useDeliveryApp } from '../delivery/support.ts';
import { tinyJsonLines } from './fixtures.ts';

for (const dialect of dialects) {
  describe(`simulation API (${dialect.name})`, () => {
    const harness = useDeliveryApp(dialect);

    it('policy and finance simulate a stored population, baseline against reform; other roles are refused', async () => {
      const h = harness();
      await importPopulation(h.store.db, { name: 'tiny', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
      const body = { population: 'tiny', takeUp: { 'hte-new': 50 }, reform: { 'hte-new.amount': 400_000 } };
      for (const role of ['policy', 'finance'] as const) {
        const caller = await h.signIn(role);
        const list = await caller.inject({ method: 'GET', url: '/api/v1/populations' });
        expect(list.statusCode).toBe(200);
        expect(list.json().populations.map((p: { name: string }) => p.name)).toEqual(['tiny']);
        const response = await caller.inject({ method: 'POST', url: '/api/v1/simulations', payload: body });
        expect(response.statusCode, response.body).toBe(200);
        const report = response.json();
        // Baseline hte-new: 3 × 300,000 × 50% = 450,000; reform: 3 × 400,000 × 50% = 600,000.
        expect(report.comparison.provisions.find((p: { id: string }) => p.id === 'hte-new')).toEqual({ id: 'hte-new', baseline_yuan: 450_000, reform_yuan: 600_000, change_yuan: 150_000 });
        expect([report.comparison.winners, report.comparison.losers]).toEqual([3, 0]);
      }
      for (const role of ['auditor', 'admin', 'leader'] as const) {
        const caller = await h.signIn(role);
        expect((await caller.inject({ method: 'POST', url: '/api/v1/simulations', payload: body })).statusCode, role).toBe(403);
        expect((await caller.inject({ method: 'GET', url: '/api/v1/populations' })).statusCode, role).toBe(403);
      }
      const reviewer = await h.signIn('reviewer');
      expect((await reviewer.inject({ method: 'POST', url: '/api/v1/simulations', payload: body })).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/simulations', payload: body })).statusCode).toBe(401);
    });

    it('400 names the parameter of a refused reform; 404 for an unknown population', async () => {
      const policy = await harness().signIn('policy');
      const negative = await policy.inject({ method: 'POST', url: '/api/v1/simulations', payload: { population: 'tiny', reform: { 'hte-new.amount': -5 } } });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.message).toBe('reform.hte-new.amount: -5 is negative');
      const rate = await policy.inject({ method: 'POST', url: '/api/v1/simulations', payload: { population: 'tiny', reform: { 'incubatee-rent.rate': 150 } } });
      expect(rate.statusCode).toBe(400);
      expect(rate.json().error.message).toBe('reform.incubatee-rent.rate: 150% is above 100%');
      const missing = await policy.inject({ method: 'POST', url: '/api/v1/simulations', payload: { population: 'nowhere' } });
      expect(missing.statusCode).toBe(404);
    });
  });
}
