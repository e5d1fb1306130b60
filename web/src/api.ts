// The web app reaches the server only through HTTP. Responses of the read-only policy API are
// cached for the session, so moving between pages does not refetch what was already shown.
import { useCallback, useEffect, useState } from 'react';

export const API_BASE = '/api/v1/policy';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

const cache = new Map<string, unknown>();

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** GETs a path under /api/v1/policy (e.g. "/articles/13") and returns its JSON; throws ApiError. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `${API_BASE}${path}`;
  if (cache.has(url)) return cache.get(url) as T;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', `network error: ${(error as Error).message}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message);
    throw new ApiError(response.status, 'http', `HTTP ${response.status} ${response.statusText}`);
  }
  if (body === undefined) throw new ApiError(response.status, 'invalid_response', 'the server sent no JSON');
  cache.set(url, body);
  return body as T;
}

/** Builds "?a=1&b=2" from the defined entries, or "" when none. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Fetches a path (null: nothing to fetch) and re-fetches when it changes. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>({ path: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => setState({ path, data }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setState({ path, error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const reload = useCallback(() => {
    if (path !== null) cache.delete(`${API_BASE}${path}`);
    setState({ path: null });
    setAttempt((n) => n + 1);
  }, [path]);

  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && !current,
    reload,
  };
}
