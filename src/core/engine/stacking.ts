// Stacking rules (叠加规则): pack data that say which awards may not be paid together, e.g. the common
// implementing rule 同一事项就高不重复 (of several awards for one event, only the highest). Applied the same
// way to single and batch results. Two enabled rules that pick different winners among the same awards
// are a conflict: it is reported, and neither rule is applied to those awards.

export interface StackingRuleSpec {
  id: string;
  /** highest: the largest amount stays; first: the first listed in the group stays. */
  policy: 'highest' | 'first';
  /** Groups of result slots (indices) that count as one event. */
  groups: number[][];
}

export interface StackingOutcome {
  /** slot → the rule that excluded it and the slot that stayed. */
  excluded: Map<number, { rule: string; winner: number }>;
  conflicts: { rules: [string, string]; slots: number[] }[];
}

const live = (v: number) => v >= 0 || v === -3; // eligible (an amount) or pending
const amountOf = (v: number) => (v >= 0 ? v : -1);

function winnerOf(values: ArrayLike<number>, group: number[], policy: 'highest' | 'first'): number | undefined {
  const candidates = group.filter((slot) => live(values[slot]!));
  if (candidates.length < 2) return undefined;
  if (policy === 'first') return candidates[0];
  return candidates.reduce((best, slot) => (amountOf(values[slot]!) > amountOf(values[best]!) ? slot : best));
}

export function resolveStacking(values: ArrayLike<number>, rules: readonly StackingRuleSpec[]): StackingOutcome {
  const decisions: { rule: string; group: number[]; winner: number }[] = [];
  for (const rule of rules) {
    for (const group of rule.groups) {
      const winner = winnerOf(values, group, rule.policy);
      if (winner !== undefined) decisions.push({ rule: rule.id, group, winner });
    }
  }
  const conflicts: StackingOutcome['conflicts'] = [];
  const contested = new Set<number>();
  for (let i = 0; i < decisions.length; i++) {
    for (let j = i + 1; j < decisions.length; j++) {
      const [a, b] = [decisions[i]!, decisions[j]!];
      if (a.rule === b.rule) continue;
      const shared = a.group.filter((slot) => b.group.includes(slot) && live(values[slot]!));
      if (shared.length >= 2 && a.winner !== b.winner && shared.includes(a.winner) && shared.includes(b.winner)) {
        conflicts.push({ rules: [a.rule, b.rule], slots: shared });
        for (const slot of [...a.group, ...b.group]) contested.add(slot);
      }
    }
  }
  const excluded: StackingOutcome['excluded'] = new Map();
  for (const d of decisions) {
    if (d.group.some((slot) => contested.has(slot))) continue;
    for (const slot of d.group) if (slot !== d.winner && live(values[slot]!) && !excluded.has(slot)) excluded.set(slot, { rule: d.rule, winner: d.winner });
  }
  return { excluded, conflicts };
}
