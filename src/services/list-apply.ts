// Applying an official list's recognitions in batches (the list import's transaction): 500 beneficiaries at
// a time are read, given the recognition their row adds, written back with one multi-row UPDATE and their fact
// history with one multi-row INSERT, screened before and after for the offers, and let go — so that an
// import of 100,000 rows holds neither every profile nor every statement at once.
//
// Only what the row adds is validated (the recognition, against the profile schema's Recognition): the rest of
// the profile is the stored one, validated when it was stored. The stored profile is canonical (storedProfile:
// keys sorted at every level; every writer stores it so), so the new text is the old one with the recognitions
// replaced by their canonical JSON — the same text storedProfile gives for the whole profile (test/imports/
// list-apply.test.ts compares both), without sorting every key of every profile again.
import { sql } from 'kysely';
import { Recognition, type Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { canonicalJson } from './audit.ts';
import type { OfferPlanner } from './entitlement-offers.ts';

export const APPLY_CHUNK = 500;

export interface ListedRecognition {
  line: number;
  recognition: Recognition;
  /** The profile_changes note (the list, the file, the line, the certificate). */
  note: string;
}

/** The stored profile text with recognitions set: top-level keys in order, nested values as stored (canonical). */
export function withRecognitions(stored: Record<string, unknown>, recognitions: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...new Set([...Object.keys(stored), 'recognitions'])].sort()) out[key] = key === 'recognitions' ? recognitions : stored[key];
  return out;
}

/**
 * Adds each listed recognition to its beneficiary's profile (codes sorted: the order the offers are planned
 * in), one profile_changes row per beneficiary, the importer as actor and the import as evidence; with a
 * planner, screens each beneficiary before and after. Every code must be registered (the import checked it).
 */
export async function applyRecognitions(trx: Db, actor: Actor, evidence: string, listed: Map<string, ListedRecognition>, planner?: OfferPlanner): Promise<void> {
  const codes = [...listed.keys()].sort();
  const label = actorLabel(actor);
  const at = new Date().toISOString();
  for (let i = 0; i < codes.length; i += APPLY_CHUNK) {
    const chunk = codes.slice(i, i + APPLY_CHUNK);
    const rows = new Map((await trx.selectFrom('beneficiaries').select(['credit_code', 'name', 'profile', 'version', 'contact_email']).where('credit_code', 'in', chunk).execute()).map((r) => [r.credit_code, r]));
    const updates: { code: string; profile: string }[] = [];
    const history: { credit_code: string; version: number; actor: string; at: string; evidence_id: string; note: string; fact: string; before: string | null; after: string | null }[] = [];
    const screens: { row: { credit_code: string; name: string; contact_email: string | null }; before: Profile; after: Profile }[] = [];
    for (const code of chunk) {
      const row = rows.get(code);
      const item = listed.get(code)!;
      if (!row) throw new Error(`list import: beneficiary ${code} (line ${item.line}) vanished during the import`);
      const checked = Recognition.safeParse(item.recognition);
      if (!checked.success) throw new Error(`list import: line ${item.line}: the recognition is not valid: ${checked.error.message}`);
      const current = JSON.parse(row.profile) as Record<string, unknown>;
      const held = (current.recognitions as unknown[] | undefined) ?? [];
      const recognitions = [...held, JSON.parse(canonicalJson(checked.data)) as unknown];
      const next = withRecognitions(current, recognitions);
      const version = row.version + 1;
      updates.push({ code, profile: JSON.stringify(next) });
      history.push({
        credit_code: code, version, actor: label, at, evidence_id: evidence, note: item.note, fact: 'recognitions',
        before: current.recognitions === undefined ? null : canonicalJson(held), after: canonicalJson(recognitions),
      });
      if (planner) screens.push({ row, before: current as unknown as Profile, after: next as unknown as Profile });
    }
    // One statement for the chunk on both databases (VALUES columns are column1, column2 on SQLite and PostgreSQL;
    // both plans look each row up by the primary key: on SQLite it measured as fast as one statement per row).
    await sql`UPDATE beneficiaries SET profile = v.column2, version = beneficiaries.version + 1, updated_at = ${at}
      FROM (VALUES ${sql.join(updates.map((u) => sql`(${u.code}, ${u.profile})`))}) AS v WHERE beneficiaries.credit_code = v.column1`.execute(trx);
    await trx.insertInto('profile_changes').values(history).execute();
    for (const s of screens) await planner!.add({ credit_code: s.row.credit_code, name: s.row.name, contact_email: s.row.contact_email }, s.before, s.after);
  }
}
