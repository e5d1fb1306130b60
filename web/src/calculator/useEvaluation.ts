// Evaluates the profile over HTTP (POST /api/v1/evaluate), debounced while the user types. The last
// good evaluation stays on screen while the next one is computed or when the answers have problems.
import { useEffect, useState } from 'react';
import type { ProfileProblem } from '../../../src/core/profile.ts';
import type { EvaluationWithQuestions } from '../../../src/services/evaluation.ts';

export const EVALUATE_URL = '/api/v1/evaluate';
const DEBOUNCE_MS = 300;

export interface EvaluationState {
  /** The last evaluation that succeeded, and the profile key it was computed for. */
  evaluation: EvaluationWithQuestions | undefined;
  evaluatedKey: string | undefined;
  /** Problems of the current profile (400 invalid_profile). */
  problems: ProfileProblem[];
  /** Network or server failure of the current request. */
  error: string | undefined;
  /** The current profile has been answered (evaluation, problems or error). */
  settled: boolean;
}

type Outcome = { ok: true; evaluation: EvaluationWithQuestions } | { ok: false; problems: ProfileProblem[] } | { ok: false; error: string };

async function postEvaluate(profile: unknown, year: number, signal: AbortSignal): Promise<Outcome> {
  const response = await fetch(`${EVALUATE_URL}?year=${year}`, {
    method: 'POST',
    signal,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(profile),
  });
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; problems?: ProfileProblem[] } } | undefined;
  if (response.ok && body) return { ok: true, evaluation: body as unknown as EvaluationWithQuestions };
  if (body?.error?.code === 'invalid_profile' && body.error.problems) return { ok: false, problems: body.error.problems };
  return { ok: false, error: body?.error?.message ?? `HTTP ${response.status}` };
}

/** Evaluates `profile` (null: nothing yet) for the policy year; `key` identifies the profile. */
export function useEvaluation(profile: unknown, key: string | null, year: number): EvaluationState {
  const [state, setState] = useState<{ key: string | null; outcome?: Outcome }>({ key: null });
  const [last, setLast] = useState<{ key: string; evaluation: EvaluationWithQuestions }>();

  useEffect(() => {
    if (key === null) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      postEvaluate(profile, year, controller.signal).then(
        (outcome) => {
          setState({ key, outcome });
          if (outcome.ok) setLast({ key, evaluation: outcome.evaluation });
        },
        (error: unknown) => {
          if ((error as Error).name === 'AbortError') return;
          setState({ key, outcome: { ok: false, error: `network error: ${(error as Error).message}` } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // The key stands for the profile: re-evaluate when it changes, not when the object is rebuilt.
  }, [key, year]);

  const current = state.key === key ? state.outcome : undefined;
  return {
    evaluation: last?.evaluation,
    evaluatedKey: last?.key,
    problems: current && !current.ok && 'problems' in current ? current.problems : [],
    error: current && !current.ok && 'error' in current ? current.error : undefined,
    settled: current !== undefined,
  };
}
