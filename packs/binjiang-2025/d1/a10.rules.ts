// （十）强化人才支撑保障 — M26. The ceiling is a parameter of a10.yaml.
import { param, recognisedInYear, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // A ceiling (reading 2): set at review, never above 500万元. 新入选 = a new city-level selection in the year.
    provision: 'leading-team-city',
    who: ['team'],
    when: recognisedInYear('leading-innovation-team', { event: 'new', levels: ['city'], quote: '对新入选的市领军型创新创业团队' }),
    amount: param('leading-team-city.ceiling', { quote: '给予最高500万元补助' }),
  },
];
