// Targets Zhida computes from the data it holds instead of waiting for a report (derived: true).
// K01 新认定高新技术企业: the beneficiaries whose profile records a national high-tech-enterprise
// certificate newly recognised (新认定, not 复审) in the policy year, on or before the as-of date — each
// beneficiary counted once. It counts only the enterprises registered in Zhida: a floor of the district's
// figure, growing as enterprises apply.
import type { Pack } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';

export async function derivedValues(db: Db, pack: Pack, asOf: string): Promise<Map<string, number>> {
  const year = pack.meta.validity.from.slice(0, 4);
  const rows = await db.selectFrom('beneficiaries').select(['credit_code', 'profile']).execute();
  let newHighTech = 0;
  for (const row of rows) {
    let profile: Profile;
    try {
      profile = JSON.parse(row.profile) as Profile;
    } catch {
      continue;
    }
    const recognised = (profile.recognitions ?? []).some((r) => r.type === 'high-tech-enterprise' && r.event === 'new'
      && typeof r.date === 'string' && r.date.startsWith(`${year}-`) && r.date <= asOf);
    if (recognised) newHighTech += 1;
  }
  return new Map([['K01', newHighTech]]);
}
