// R1–R10 as a Publicodes model (the rules language of the French administration, publi.codes).
// Publicodes has no lists: each list of the enterprise is a fixed number of slots (the generator's
// LIMITS, checked when converting), and the financial years are one namespace per year of the window.
// An empty slot keeps the model's defaults. Publicodes has no floor either, only `arrondi` (to nearest):
// for x a whole number of yuan and p a whole percentage, x·p/100 has a fractional part that is a multiple
// of 0.01, so floor(x·p/100) = arrondi(x·p/100 − 0.495) exactly. Per enterprise: setSituation, then
// evaluate('r1') … evaluate('r10'); a rule that is not applicable (null) pays 0.
import Engine from 'publicodes';
import { P, RULES, RULE_IDS, Y } from '../params.ts';
import { LIMITS, type Enterprise } from '../population.ts';

type Rule = Record<string, unknown> | string | number | null;

const slots = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const RECOGNITIONS = slots('reco', LIMITS.recognitions);
const CONTRACTS = slots('contrat', LIMITS.contracts);
const PROJECTS = slots('projet', LIMITS.projects);
const PREMIUMS = slots('prime', LIMITS.premiums);
const FIRST_SLOT_YEAR = LIMITS.firstEntryYear; // covers every entry year (and so every financial year)
const YEARS = Array.from({ length: Y - FIRST_SLOT_YEAR }, (_, i) => FIRST_SLOT_YEAR + i); // FIRST_SLOT_YEAR … Y−1
const ex = (year: number) => `ex${year}`;

const dmy = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
const START = dmy(`${Y}-01-01`);
const END = dmy(`${Y}-12-31`);
const NEVER = '01/01/1900';
const str = (s: string) => `'${s}'`;
type Condition = string | Record<string, unknown>;
const all = (...conditions: Condition[]) => ({ 'toutes ces conditions': conditions });
const anyOf = (conditions: Condition[]) => ({ 'une de ces conditions': conditions });
/** floor(x · rate / 100) for whole x and a whole percentage rate. */
const floorPct = (x: string, rate: string) => ({ arrondi: 'oui', valeur: `(${x}) * ${rate} / 100 - 0.495` });
const param = (name: string) => `paramètres . ${name}`;

export function publicodesModel(): Record<string, Rule> {
  const m: Record<string, Rule> = {};
  m['paramètres'] = null;
  const params: Record<string, number> = {
    'r1 montant': P.r1, 'r2 montant': P.r2, 'r3 montant': P.r3, 'r4 montant': P.r4,
    'r5 croissance': P.r5Growth, 'r5 intensité': P.r5Intensity, 'r5 augmentation': P.r5Increase, 'r5 taux': P.r5Rate, 'r5 plafond': P.r5Cap,
    'r6 seuil': P.r6Threshold, 'r6 montant': P.r6, 'r7 taux': P.r7Rate, 'r7 plafond': P.r7Cap, 'r8 taux': P.r8Rate,
    'r9 taux': P.r9Rate, 'r9 taux pays clé': P.r9KeyRate, 'r10 entrée': P.r10Entry, 'r10 maintien': P.r10Retention, 'r10 années': P.r10Years,
  };
  for (const [k, v] of Object.entries(params)) m[param(k)] = v;

  m['entreprise'] = null;
  m['entreprise . industrielle'] = 'non';
  m['entreprise . année entrée'] = 0; // 0: never entered the above-scale statistics

  for (const r of RECOGNITIONS) {
    m[r] = null;
    m[`${r} . type`] = str('aucun');
    m[`${r} . niveau`] = str('aucun');
    m[`${r} . événement`] = str('aucun');
    m[`${r} . date`] = NEVER;
    m[`${r} . fin validité`] = NEVER;
    m[`${r} . dans année`] = all(`${r} . date >= ${START}`, `${r} . date <= ${END}`);
    m[`${r} . hte nouveau`] = all(`${r} . type = ${str('high-tech-enterprise')}`, `${r} . événement = ${str('new')}`, `${r} . dans année`);
    m[`${r} . hte réexamen`] = all(`${r} . type = ${str('high-tech-enterprise')}`, `${r} . événement = ${str('reexam')}`, `${r} . dans année`);
    m[`${r} . pme nouvelle`] = all(`${r} . type = ${str('sci-tech-sme')}`, `${r} . événement = ${str('new')}`, `${r} . niveau = ${str('provincial')}`, `${r} . dans année`);
    m[`${r} . aiglon municipal`] = all(`${r} . type = ${str('eaglet')}`, `${r} . niveau = ${str('city')}`, `${r} . dans année`);
    m[`${r} . certificat valide`] = all(`${r} . type = ${str('high-tech-enterprise')}`, `${r} . date <= ${END}`, `${r} . fin validité >= ${START}`);
  }
  const some = (test: string) => anyOf(RECOGNITIONS.map((r) => `${r} . ${test}`));
  m['hte nouveau'] = some('hte nouveau');
  m['hte réexamen'] = some('hte réexamen');
  m['pme nouvelle'] = some('pme nouvelle');
  m['aiglon municipal'] = some('aiglon municipal');
  m['certificat valide'] = some('certificat valide');

  for (const y of YEARS) {
    m[ex(y)] = null;
    m[`${ex(y)} . présent`] = 'non';
    m[`${ex(y)} . rd`] = 0;
    m[`${ex(y)} . ca`] = 0;
    m[`${ex(y)} . en règle`] = 'non';
  }
  const highRd = (y: number) => all(
    `${ex(y)} . présent`, `${ex(y - 1)} . présent`,
    `${ex(y)} . rd * 100 >= ${ex(y - 1)} . rd * (100 + ${param('r5 croissance')})`,
    `${ex(y)} . rd * 100 >= ${ex(y)} . ca * ${param('r5 intensité')}`,
    `${ex(y)} . rd - ${ex(y - 1)} . rd >= ${param('r5 augmentation')}`,
  );
  m['haut rd 1'] = highRd(Y - 1);
  m['haut rd 2'] = highRd(Y - 2);

  for (const c of CONTRACTS) {
    m[c] = null;
    m[`${c} . date`] = NEVER;
    m[`${c} . montant`] = 0;
    m[`${c} . dans année`] = all(`${c} . date >= ${START}`, `${c} . date <= ${END}`);
    m[`${c} . retenu`] = { 'applicable si': `${c} . dans année`, valeur: `${c} . montant` };
  }
  for (const p of PROJECTS) {
    m[p] = null;
    m[`${p} . type`] = str('aucun');
    m[`${p} . année`] = 0;
    m[`${p} . secteur clé`] = 'non';
    m[`${p} . investissement`] = 0;
    m[`${p} . éligible`] = all(`${p} . type = ${str('equipment-upgrade')}`, `${p} . secteur clé`, `${p} . année = ${Y}`);
    m[`${p} . retenu`] = { 'applicable si': `${p} . éligible`, valeur: `${p} . investissement` };
  }
  for (const q of PREMIUMS) {
    m[q] = null;
    m[`${q} . type`] = str('aucun');
    m[`${q} . année`] = 0;
    m[`${q} . montant`] = 0;
    m[`${q} . pays clé`] = 'non';
    m[`${q} . éligible`] = all(`${q} . type = ${str('short-term-export-credit')}`, `${q} . année = ${Y}`);
    m[`${q} . taux`] = { variations: [{ si: `${q} . pays clé`, alors: param('r9 taux pays clé') }, { sinon: param('r9 taux') }] };
    m[`${q} . aide`] = { 'applicable si': `${q} . éligible`, ...floorPct(`${q} . montant`, `${q} . taux`) };
  }

  const entry = 'entreprise . année entrée';
  m['maintien en règle'] = all(
    `${entry} >= ${FIRST_SLOT_YEAR}`, // records exist only within the window: an earlier entry year has a year missing
    `${entry} + ${param('r10 années')} <= ${Y}`,
    ...YEARS.map((y) => anyOf([`${entry} > ${y}`, `${ex(y)} . en règle`])),
  );

  m['r1'] = { 'applicable si': 'hte nouveau', valeur: param('r1 montant') };
  m['r2'] = { 'applicable si': 'hte réexamen', 'non applicable si': 'hte nouveau', valeur: param('r2 montant') };
  m['r3'] = { 'applicable si': 'pme nouvelle', valeur: param('r3 montant') };
  m['r4'] = { 'applicable si': 'aiglon municipal', valeur: param('r4 montant') };
  m['r5'] = {
    'applicable si': all('certificat valide', 'haut rd 1', 'haut rd 2'),
    valeur: { 'le minimum de': [floorPct(`${ex(Y - 1)} . rd - ${ex(Y - 2)} . rd`, param('r5 taux')), param('r5 plafond')] },
  };
  m['r6'] = {
    'applicable si': all(`${ex(Y - 1)} . présent`, `${ex(Y - 1)} . en règle`, `${ex(Y - 1)} . rd >= ${param('r6 seuil')}`,
      ...YEARS.filter((y) => y < Y - 1).map((y) => `${ex(y)} . rd < ${param('r6 seuil')}`)),
    valeur: param('r6 montant'),
  };
  m['contrats retenus'] = { somme: CONTRACTS.map((c) => `${c} . retenu`) };
  m['r7'] = {
    'applicable si': anyOf(CONTRACTS.map((c) => `${c} . dans année`)),
    valeur: { 'le minimum de': [floorPct('contrats retenus', param('r7 taux')), param('r7 plafond')] },
  };
  m['projets retenus'] = { somme: PROJECTS.map((p) => `${p} . retenu`) };
  m['r8'] = { 'applicable si': anyOf(PROJECTS.map((p) => `${p} . éligible`)), ...floorPct('projets retenus', param('r8 taux')) };
  m['r9'] = { somme: PREMIUMS.map((q) => `${q} . aide`) };
  m['r10'] = {
    'applicable si': 'entreprise . industrielle',
    valeur: { variations: [{ si: `${entry} = ${Y}`, alors: param('r10 entrée') }, { si: 'maintien en règle', alors: param('r10 maintien') }, { sinon: 0 }] },
  };
  return m;
}

export type PublicodesSituation = Record<string, string | number>;

const yesNo = (b: boolean) => (b ? 'oui' : 'non');

/** The enterprise as a Publicodes situation (only what differs from the model's defaults). */
export function toSituation(e: Enterprise): PublicodesSituation {
  if (e.recognitions.length > RECOGNITIONS.length || e.contracts.length > CONTRACTS.length || e.projects.length > PROJECTS.length || e.premiums.length > PREMIUMS.length) {
    throw new Error(`enterprise ${e.index} has more list items than the Publicodes model has slots`);
  }
  const s: PublicodesSituation = {};
  s['entreprise . industrielle'] = yesNo(e.industrial);
  if (e.above_scale_entry_year !== null) s['entreprise . année entrée'] = e.above_scale_entry_year;
  e.recognitions.forEach((r, i) => {
    const k = RECOGNITIONS[i]!;
    s[`${k} . type`] = str(r.type);
    s[`${k} . niveau`] = str(r.level);
    s[`${k} . événement`] = str(r.event);
    s[`${k} . date`] = dmy(r.date);
    if (r.valid_until !== undefined) s[`${k} . fin validité`] = dmy(r.valid_until);
  });
  for (const f of e.financial_years) {
    if (f.year < FIRST_SLOT_YEAR || f.year >= Y) throw new Error(`enterprise ${e.index}: financial year ${f.year} outside the model's window`);
    s[`${ex(f.year)} . présent`] = 'oui';
    s[`${ex(f.year)} . rd`] = f.rd_expense;
    s[`${ex(f.year)} . ca`] = f.revenue;
    s[`${ex(f.year)} . en règle`] = yesNo(f.above_scale);
  }
  e.contracts.forEach((c, i) => {
    const k = CONTRACTS[i]!;
    s[`${k} . date`] = dmy(c.registered_on);
    s[`${k} . montant`] = c.amount;
  });
  e.projects.forEach((p, i) => {
    const k = PROJECTS[i]!;
    s[`${k} . type`] = str(p.kind);
    s[`${k} . année`] = p.year;
    s[`${k} . secteur clé`] = yesNo(p.key_sector);
    s[`${k} . investissement`] = p.actual_investment;
  });
  e.premiums.forEach((q, i) => {
    const k = PREMIUMS[i]!;
    s[`${k} . type`] = str(q.kind);
    s[`${k} . année`] = q.year;
    s[`${k} . montant`] = q.amount;
    s[`${k} . pays clé`] = yesNo(q.key_country);
  });
  return s;
}

export function buildPublicodesEngine(): Engine {
  const silent = { log: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
  return new Engine(publicodesModel() as ConstructorParameters<typeof Engine>[0], { logger: silent });
}

export function runPublicodes(engine: Engine, situations: readonly PublicodesSituation[], out: Float64Array): void {
  for (let i = 0; i < situations.length; i++) {
    engine.setSituation(situations[i] as Parameters<Engine['setSituation']>[0]);
    const o = i * RULES;
    for (let r = 0; r < RULES; r++) {
      const v = engine.evaluate(RULE_IDS[r]!).nodeValue;
      out[o + r] = typeof v === 'number' ? v : 0;
    }
  }
}
