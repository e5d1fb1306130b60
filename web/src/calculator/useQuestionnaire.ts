// The guided questionnaire: the answers, the profile they give, its evaluation, and which question
// comes next — the missing fact group that blocks the most provisions and has not been answered yet.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { buildProfile, hasEntries, type Answer, type Draft, type Identity, type Row } from './draft.ts';
import { useEvaluation, type EvaluationState } from './useEvaluation.ts';
import { isGroup, type GroupId } from './vocabulary.ts';

const EMPTY: Draft = { identity: { name: '', id: '', kind: undefined }, rows: {}, answers: {} };

export interface Questionnaire {
  draft: Draft;
  year: number;
  profile: Record<string, unknown>;
  /** The profile as JSON: what the evaluation is keyed by. */
  key: string;
  /** The identity was accepted by the engine: questions and results are shown. */
  started: boolean;
  /** Start was pressed and the identity is being checked. */
  starting: boolean;
  /** The question on screen; null when nothing more is asked. */
  current: GroupId | null;
  /** Waiting for the evaluation of the latest answers to choose the next question. */
  advancing: boolean;
  /** Facts still missing that have been answered already (e.g. a certificate's expiry): could be completed. */
  open: GroupId[];
  /** Missing facts not yet answered, most blocking first. */
  queue: GroupId[];
  ev: EvaluationState;
  setIdentity: (patch: Partial<Identity>) => void;
  start: () => void;
  setRows: (group: GroupId, rows: Row[]) => void;
  answer: (group: GroupId, how: Answer) => void;
  ask: (group: GroupId) => void;
  reset: () => void;
}

export function useQuestionnaire(year: number): Questionnaire {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [started, setStarted] = useState(false);
  const [starting, setStarting] = useState(false);
  const [current, setCurrent] = useState<GroupId | null>(null);
  const [advancing, setAdvancing] = useState(false);
  // Once Start was pressed, every change is evaluated (so problems with the identity update as they are fixed).
  const [attempted, setAttempted] = useState(false);

  const profile = useMemo(() => buildProfile(draft, year), [draft, year]);
  const key = useMemo(() => JSON.stringify(profile), [profile]);
  const active = started || starting || attempted;
  const ev = useEvaluation(profile, active ? key : null, year);

  const missing = useMemo(() => (ev.evaluation?.next_questions ?? []).map((q) => q.fact).filter(isGroup), [ev.evaluation]);
  const queue = useMemo(() => missing.filter((g) => draft.answers[g] === undefined), [missing, draft.answers]);
  const open = useMemo(() => missing.filter((g) => draft.answers[g] === 'answered' || draft.answers[g] === 'none'), [missing, draft.answers]);

  // Once the evaluation of the latest answers is in, move on to the most blocking unanswered question.
  useEffect(() => {
    if (!advancing || !ev.settled) return;
    setAdvancing(false);
    if (ev.evaluatedKey !== key) {
      setStarting(false); // the answers have problems: stay where we are
      return;
    }
    if (starting) {
      setStarting(false);
      setStarted(true);
    }
    setCurrent(queue[0] ?? null);
  }, [advancing, ev.settled, ev.evaluatedKey, key, queue, starting]);

  const setIdentity = useCallback((patch: Partial<Identity>) => setDraft((d) => ({ ...d, identity: { ...d.identity, ...patch } })), []);
  const start = useCallback(() => {
    setAttempted(true);
    setStarting(true);
    setAdvancing(true);
  }, []);
  const setRows = useCallback((group: GroupId, rows: Row[]) => setDraft((d) => {
    const answers = { ...d.answers };
    // Typing into a question that was skipped or answered "none" answers it anew.
    if (answers[group] === 'skipped' || answers[group] === 'none') delete answers[group];
    return { ...d, rows: { ...d.rows, [group]: rows }, answers };
  }), []);
  const answer = useCallback((group: GroupId, how: Answer) => {
    setDraft((d) => {
      const given = how === 'answered' && !hasEntries(group, d.rows[group], year) ? 'none' : how;
      return { ...d, answers: { ...d.answers, [group]: given } };
    });
    setAdvancing(true);
  }, [year]);
  const ask = useCallback((group: GroupId) => {
    setCurrent(group);
    setAdvancing(false);
  }, []);
  const reset = useCallback(() => {
    setDraft(EMPTY);
    setAttempted(false);
    setStarted(false);
    setStarting(false);
    setCurrent(null);
    setAdvancing(false);
  }, []);

  return { draft, year, profile, key, started, starting, current, advancing, open, queue, ev, setIdentity, start, setRows, answer, ask, reset };
}
