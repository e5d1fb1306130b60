// （十八）持续做旺消费 — M34. The subsidy standard is an unset parameter of a18.yaml.
import { eq, fact, lit, param, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // No amount, rate or cap in the text; pending until the implementing rules set it.
    provision: 'concert-hotel-stay',
    who: ['individual'],
    when: eq(fact('welfare.event_hotel_stay'), lit(true), {
      quote: '鼓励观演人员入住消费',
      label: { zh: '观演人员入住消费', en: 'stayed in a hotel as a concert or event attendee' },
    }),
    amount: param('concert-hotel-stay.amount', { quote: '给予住宿优惠补助' }),
  },
];
