// The pace rule (src/core/pace.ts) and target units (src/core/target-units.ts), with expectations worked by hand.
import { describe, expect, it } from 'vitest';
import { elapsedShare, measureOf, nextReportDue, paceOf, paceRatio } from '../../src/core/pace.ts';
import { convertValue, valueRule } from '../../src/core/target-units.ts';

const K07 = { id: 'K07', value: 40, unit: '项', direction: '>=' as const };

describe('elapsed share of the year', () => {
  it('is linear by day: 30 June 2025 is day 181 of 365; 1 January day 1; 31 December all of it', () => {
    expect(elapsedShare('2025-06-30', 2025)).toBeCloseTo(181 / 365, 12);
    expect(elapsedShare('2025-01-01', 2025)).toBeCloseTo(1 / 365, 12);
    expect(elapsedShare('2025-12-31', 2025)).toBe(1);
  });

  it('counts 366 days in a leap year: 1 March 2024 is day 61', () => {
    expect(elapsedShare('2024-03-01', 2024)).toBeCloseTo(61 / 366, 12);
  });

  it('is 0 before the year and 1 after it', () => {
    expect(elapsedShare('2024-12-31', 2025)).toBe(0);
    expect(elapsedShare('2026-01-05', 2025)).toBe(1);
  });

  it('follows a seasonal profile, interpolated by day inside the month', () => {
    const shares = [0.05, 0.1, 0.19, 0.27, 0.36, 0.45, 0.53, 0.61, 0.7, 0.79, 0.89, 1];
    expect(elapsedShare('2025-03-31', 2025, shares)).toBeCloseTo(0.19, 12);
    // 15 April: 0.19 + (0.27 − 0.19) × 15/30 = 0.23
    expect(elapsedShare('2025-04-15', 2025, shares)).toBeCloseTo(0.23, 12);
    // 31 January: the first month's own share
    expect(elapsedShare('2025-01-31', 2025, shares)).toBeCloseTo(0.05, 12);
  });

  it('refuses what is not a date', () => {
    expect(() => elapsedShare('2025-02-30', 2025)).toThrow('not a date');
    expect(() => elapsedShare('30/06/2025', 2025)).toThrow('YYYY-MM-DD');
  });
});

describe('pace of a cumulative target (K07: 40 项 or more)', () => {
  // expected on 30 June = 40 × 181/365 = 19.8356 (4 places); 80% of it = 15.8685
  it('is at risk at 18: below 19.8356 expected, above 80% of it; forecast 18 × 365/181 = 36.2983', () => {
    expect(paceOf(K07, { value: 18, asOf: '2025-06-30' }, 2025)).toEqual({
      status: 'at-risk', expected: 19.8356, forecast: 36.2983, rule: '线性：预期 = 目标 × 已过年度天数比例',
    });
  });

  it('is on track at 20, behind at 15, met at 40 whatever the date', () => {
    expect(paceOf(K07, { value: 20, asOf: '2025-06-30' }, 2025).status).toBe('on-track');
    expect(paceOf(K07, { value: 15, asOf: '2025-06-30' }, 2025).status).toBe('behind');
    expect(paceOf(K07, { value: 40, asOf: '2025-03-31' }, 2025).status).toBe('met');
  });

  it('draws the at-risk line at exactly 80% of the expected value', () => {
    // 31 December: expected 40; 32 = 80% is at risk, 31.9 behind
    expect(paceOf(K07, { value: 32, asOf: '2025-12-31' }, 2025).status).toBe('at-risk');
    expect(paceOf(K07, { value: 31.9, asOf: '2025-12-31' }, 2025).status).toBe('behind');
  });

  it('has no report, no expected value and no forecast when nothing was reported', () => {
    expect(paceOf(K07, null, 2025)).toEqual({ status: 'no-report', expected: null, forecast: null, rule: '线性：预期 = 目标 × 已过年度天数比例' });
  });

  it('needs more than the target for 突破 (>): K27 at exactly 6500亿元 on 31 December is on track, not met', () => {
    const K27 = { id: 'K27', value: 6500, unit: '亿元', direction: '>' as const };
    expect(paceOf(K27, { value: 6500, asOf: '2025-12-31' }, 2025)).toMatchObject({ status: 'on-track', expected: 6500, forecast: 6500 });
    expect(paceOf(K27, { value: 6500.5, asOf: '2025-12-31' }, 2025).status).toBe('met');
  });

  it('meets a = target (达到) by reaching it: K09 2 家 at 2 or 3', () => {
    const K09 = { id: 'K09', value: 2, unit: '家', direction: '=' as const };
    expect(paceOf(K09, { value: 2, asOf: '2025-05-31' }, 2025).status).toBe('met');
    expect(paceOf(K09, { value: 3, asOf: '2025-05-31' }, 2025).status).toBe('met');
  });
});

describe('pace of a seasonal target', () => {
  it('K02 (350亿元, investment profile): 60 on 31 March against 350 × 0.19 = 66.5 is at risk; forecast 60 ÷ 0.19 = 315.7895', () => {
    const K02 = { id: 'K02', value: 350, unit: '亿元', direction: '>=' as const };
    expect(paceOf(K02, { value: 60, asOf: '2025-03-31' }, 2025)).toMatchObject({ status: 'at-risk', expected: 66.5, forecast: 315.7895 });
    expect(paceOf(K02, { value: 60, asOf: '2025-03-31' }, 2025).rule).toContain('季节性');
  });

  it('K01 (high-tech recognitions announced in Q4): nothing is expected by 30 June, so 0 is on track with no forecast', () => {
    const K01 = { id: 'K01', value: 330, unit: '家', direction: '>=' as const };
    expect(paceOf(K01, { value: 0, asOf: '2025-06-30' }, 2025)).toMatchObject({ status: 'on-track', expected: 0, forecast: null });
    // 30 November: 0.6 → 198 expected; 150 is below 80% (158.4): behind
    expect(paceOf(K01, { value: 150, asOf: '2025-11-30' }, 2025)).toMatchObject({ status: 'behind', expected: 198 });
  });
});

describe('pace of a level target (rates, shares, standards)', () => {
  const K33 = { id: 'K33', value: 20, unit: '%', direction: '>=' as const };
  it('holds the value against the full target at any date: K33 20% — 20 met, 17 at risk (≥ 16), 15 behind; forecast is the value', () => {
    expect(paceOf(K33, { value: 20, asOf: '2025-02-28' }, 2025)).toMatchObject({ status: 'met', expected: 20, forecast: 20 });
    expect(paceOf(K33, { value: 17, asOf: '2025-02-28' }, 2025)).toMatchObject({ status: 'at-risk', expected: 20, forecast: 17 });
    expect(paceOf(K33, { value: 15, asOf: '2025-11-30' }, 2025)).toMatchObject({ status: 'behind', forecast: 15 });
    expect(paceOf(K33, null, 2025).rule).toBe('水平值：对照全年目标');
  });

  it('K06 (2/3 of spending as a share 0.6667): 0.7 met, 0.6 at risk', () => {
    const K06 = { id: 'K06', value: 0.6667, unit: 'share', direction: '>=' as const };
    expect(paceOf(K06, { value: 0.7, asOf: '2025-09-30' }, 2025).status).toBe('met');
    expect(paceOf(K06, { value: 0.6, asOf: '2025-09-30' }, 2025).status).toBe('at-risk');
  });

  it('treats stocks counted from the start of the year and K42 as levels; milestones accumulate', () => {
    expect(measureOf({ id: 'K44', unit: '个' })).toBe('level');
    expect(measureOf({ id: 'K42', unit: '亿美元' })).toBe('level');
    expect(measureOf({ id: 'K54', unit: '个' })).toBe('cumulative');
    expect(measureOf({ id: 'K68', unit: '元/年' })).toBe('level');
    expect(measureOf({ id: 'KM1', unit: '%', kind: 'milestone' })).toBe('cumulative');
  });
});

describe('ordering of lagging targets', () => {
  it('is the share of the expected value reached; nothing expected counts as on pace', () => {
    expect(paceRatio(10, 20)).toBe(0.5);
    expect(paceRatio(0, 0)).toBe(1);
    expect(paceRatio(3, null)).toBe(1);
  });
});

describe('reporting calendar: monthly, as of the month end, due by the 10th of the next month', () => {
  it('owes January by 10 February when nothing was reported; overdue from 11 February', () => {
    expect(nextReportDue(null, 2025, '2025-02-10')).toEqual({ forMonthEnd: '2025-01-31', dueBy: '2025-02-10', overdue: false });
    expect(nextReportDue(null, 2025, '2025-02-11')).toEqual({ forMonthEnd: '2025-01-31', dueBy: '2025-02-10', overdue: true });
  });

  it('after June reported (as of 30 June) owes July by 10 August', () => {
    expect(nextReportDue('2025-06-30', 2025, '2025-08-05')).toEqual({ forMonthEnd: '2025-07-31', dueBy: '2025-08-10', overdue: false });
  });

  it('counts a mid-month report for the month before: as of 15 June still owes June by 10 July', () => {
    expect(nextReportDue('2025-06-15', 2025, '2025-07-11')).toEqual({ forMonthEnd: '2025-06-30', dueBy: '2025-07-10', overdue: true });
  });

  it('owes December by 10 January of the next year, and nothing once December is reported', () => {
    expect(nextReportDue('2025-11-30', 2025, '2025-12-31')).toEqual({ forMonthEnd: '2025-12-31', dueBy: '2026-01-10', overdue: false });
    expect(nextReportDue('2025-12-31', 2025, '2026-03-01')).toEqual({ forMonthEnd: null, dueBy: null, overdue: false });
  });
});

describe('target units', () => {
  it('converts within a family: 5000万元 = 0.5亿元, 0.045亿元 = 450万元, 50% = 0.5 share, 3.2万平方米 = 32000平方米', () => {
    expect(convertValue(5000, '万元', '亿元')).toBe(0.5);
    expect(convertValue(0.045, '亿元', '万元')).toBe(450);
    expect(convertValue(50, '%', 'share')).toBe(0.5);
    expect(convertValue(3.2, '万平方米', '平方米')).toBe(32000);
  });

  it('does not convert across families', () => {
    expect(convertValue(1, '家', '亿元')).toBeUndefined();
    expect(convertValue(1, '亩', '平方米')).toBeUndefined();
  });

  it('bounds values: a percentage 0–100 (a growth rate from −100, unbounded above), a share 0–1, counts whole', () => {
    expect(valueRule('%', false)).toEqual({ min: 0, max: 100, integer: false });
    expect(valueRule('%', true)).toEqual({ min: -100, integer: false });
    expect(valueRule('share', false)).toEqual({ min: 0, max: 1, integer: false });
    expect(valueRule('家', false)).toEqual({ min: 0, integer: true });
    expect(valueRule('亿元', false)).toEqual({ min: 0, integer: false });
  });
});
