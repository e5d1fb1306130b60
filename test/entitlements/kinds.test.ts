// The provision a 新认定高新技术企业 list entitles to is the pack's award for a NEW national high-tech
// recognition, and its clause says so: 「对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励」, 30万元 pairing
// with 新认定 (E02). The credit list entitles to nothing.
import { describe, expect, it } from 'vitest';
import { listKind } from '../../src/services/list-import-kinds.ts';
import { testPack } from '../delivery/support.ts';

describe('list kinds and the awards they entitle to', () => {
  it('high-tech-new-<year> entitles to hte-new, whose clause rewards 新认定 国家高新技术企业 with 30万元', () => {
    const kind = listKind('high-tech-new-2025');
    expect(kind.entitles).toEqual(['hte-new']);
    const pack = testPack();
    const provision = pack.provisions.find((p) => p.id === 'hte-new')!;
    expect(provision.quote).toBe('对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励');
    expect(provision.title.zh).toBe('新认定国家高新技术企业奖励');
    expect(provision.department).toBe(kind.department);
    const amount = pack.parameters.find((p) => p.id === 'hte-new.amount')!;
    expect(amount.values.map((v) => v.value)).toEqual([300000]);
    // The re-examination award (10万元) is for 复审, which a list of new recognitions does not state.
    expect(kind.entitles).not.toContain('hte-reexam');
  });

  it('the credit list entitles to nothing', () => {
    expect(listKind('credit-list').entitles).toEqual([]);
  });
});
