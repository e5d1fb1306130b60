// Loads the executable rules of a pack (d<N>/a<NN>.rules.ts beside each article file) and proves them
// against the pack: one rule per monetary provision and stated tax preference, reading only the
// parameters its provision declares, and no number but 0 and 1 written in a rule.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Pack } from '../core/pack.ts';
import type { Expr } from '../core/engine/expr.ts';
import { childrenOf, parametersOf } from '../core/engine/expr.ts';
import type { ProvisionRule } from '../core/engine/engine.ts';
import { packDir } from './loader.ts';

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`the pack's rules are inconsistent:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export function ruleFiles(dir: string): string[] {
  const files: string[] = [];
  for (const domain of readdirSync(dir).filter((d) => /^d\d+$/.test(d)).sort()) {
    for (const file of readdirSync(join(dir, domain)).filter((f) => /^a\d{2}\.rules\.ts$/.test(f)).sort()) files.push(join(dir, domain, file));
  }
  return files;
}

const cache = new Map<string, Promise<ProvisionRule[]>>();

/** The rules of an edition, proven against its pack; loaded once per process. */
export function loadRules(pack: Pack, dir = packDir(pack.meta.edition), options: { partial?: boolean } = {}): Promise<ProvisionRule[]> {
  const key = `${dir}${options.partial ? '#partial' : ''}`;
  let rules = cache.get(key);
  if (!rules) {
    rules = importRules(dir).then((list) => {
      const problems = checkRules(pack, list, options);
      if (problems.length > 0) throw new RulesError(problems);
      return list;
    });
    cache.set(key, rules);
  }
  return rules;
}

async function importRules(dir: string): Promise<ProvisionRule[]> {
  if (!existsSync(dir)) throw new Error(`no pack directory ${dir}`);
  const rules: ProvisionRule[] = [];
  for (const file of ruleFiles(dir)) {
    const module = (await import(pathToFileURL(file).href)) as { rules?: ProvisionRule[] };
    if (!Array.isArray(module.rules)) throw new RulesError([`${file}: exports no "rules" array`]);
    rules.push(...module.rules);
  }
  return rules;
}

/** Problems of a rule set; partial: while rules are being written, a provision without a rule is no problem. */
export function checkRules(pack: Pack, rules: ProvisionRule[], options: { partial?: boolean } = {}): string[] {
  const problems: string[] = [];
  const expected = [
    ...pack.provisions.map((p) => ({ id: p.id, label: p.catalogue, parameters: p.parameters })),
    ...pack.taxPreferences.filter((t) => t.basis === 'stated').map((t) => ({ id: t.id, label: t.catalogue, parameters: t.parameters })),
  ];
  for (const item of expected) {
    const count = rules.filter((r) => r.provision === item.id).length;
    if (count !== 1 && !(options.partial && count === 0)) problems.push(`${item.label} (${item.id}) has ${count} rules, expected exactly 1`);
  }
  for (const rule of rules) {
    const item = expected.find((e) => e.id === rule.provision);
    if (!item) {
      problems.push(`rule for "${rule.provision}", which is neither a provision nor a stated tax preference of the pack`);
      continue;
    }
    for (const id of [...parametersOf(rule.when), ...parametersOf(rule.amount)]) {
      if (!item.parameters.includes(id)) problems.push(`${item.label} (${item.id}) reads parameter "${id}", which the pack does not list for it`);
    }
    for (const literal of numericLiterals(rule.when).concat(numericLiterals(rule.amount))) {
      if (literal !== 0 && literal !== 1) problems.push(`${item.label} (${item.id}) writes the number ${literal}: amounts, rates and thresholds are parameters`);
    }
  }
  return problems;
}

function numericLiterals(expr: Expr): number[] {
  const own = expr.k === 'lit' && typeof expr.value === 'number' ? [expr.value] : [];
  return own.concat(childrenOf(expr).flatMap(numericLiterals));
}
