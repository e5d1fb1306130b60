// （一）强化企业科技创新主体地位 — M01–M04. Amounts are parameters of a01.yaml.
import { param, recognisedInYear, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    provision: 'sme-province-new',
    who: ['enterprise'],
    when: recognisedInYear('sci-tech-sme', { event: 'new', levels: ['provincial'], quote: '对新认定的省科技型中小企业' }),
    amount: param('sme-province-new.amount'),
  },
  {
    provision: 'hte-new',
    who: ['enterprise'],
    when: recognisedInYear('high-tech-enterprise', { event: 'new', quote: '对新认定及通过复审的国家高新技术企业' }),
    amount: param('hte-new.amount'),
  },
  {
    provision: 'hte-reexam',
    who: ['enterprise'],
    when: recognisedInYear('high-tech-enterprise', { event: 'reexam', quote: '对新认定及通过复审的国家高新技术企业' }),
    amount: param('hte-reexam.amount'),
  },
  {
    // 「认定的」, not 「新认定的」 (E15): any recognition dated in the policy year.
    provision: 'eaglet-city',
    who: ['enterprise'],
    when: recognisedInYear('eaglet', { levels: ['city'], quote: '对认定的市级新雏鹰企业' }),
    amount: param('eaglet-city.amount'),
  },
];
