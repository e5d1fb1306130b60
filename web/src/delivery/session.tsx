// The signed-in session as the web app sees it: who is signed in (GET /auth/me), the CSRF token every
// state-changing request must carry, and apiFetch, the one way delivery pages call /api/v1. The session
// cookie itself is HttpOnly: the page never sees it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { ApiError, type ApiState } from '../api.ts';
import type { AuthAnswer, Me } from './types.ts';

export const DELIVERY_API = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The token lives outside React as well, so that apiFetch can be called from any handler.
let currentCsrf: string | null = null;

export interface FetchOptions {
  method?: string;
  /** JSON body, or FormData for a file upload. */
  body?: unknown;
  /** Sent as Idempotency-Key (money-moving routes). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

function errorOf(status: number, body: unknown, statusText: string): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.message === 'string') return new ApiError(status, typeof error.code === 'string' ? error.code : 'http', error.message);
  return new ApiError(status, 'http', `HTTP ${status} ${statusText}`);
}

/** Calls a path under /api/v1 ("/applications") with the session; returns the JSON (undefined for 204); throws ApiError. */
export async function apiFetch<T>(path: string, options: FetchOptions = {}): Promise<T> {
  const method = (options.method ?? (options.body === undefined ? 'GET' : 'POST')).toUpperCase();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (UNSAFE.has(method) && currentCsrf) headers['x-csrf-token'] = currentCsrf;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (UNSAFE.has(method)) {
    // Fastify refuses an empty body declared as JSON; send an empty object instead.
    headers['content-type'] = 'application/json';
    body = '{}';
  }
  let response: Response;
  try {
    response = await fetch(`${DELIVERY_API}${path}`, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', `network error: ${(error as Error).message}`);
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorOf(response.status, parsed, response.statusText);
  return parsed as T;
}

/** A file download link under /api/v1 (GET, cookie-authenticated; the browser saves it). */
export const downloadUrl = (path: string): string => `${DELIVERY_API}${path}`;

export interface Session {
  /** The account once fully signed in; null when anonymous; undefined while asking the server. */
  me: Me | null | undefined;
  /** Signed in with a password but the TOTP code is still owed. */
  pendingSecondFactor: Me | null;
  csrfToken: string | null;
  refresh: () => Promise<void>;
  /** Takes the answer of /auth/login or /auth/totp. */
  accept: (answer: AuthAnswer) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session>({
  me: null, pendingSecondFactor: null, csrfToken: null, refresh: async () => undefined, accept: () => undefined, logout: async () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ me: Me | null | undefined; pending: Me | null; csrf: string | null }>({ me: undefined, pending: null, csrf: null });

  const accept = useCallback((answer: AuthAnswer) => {
    currentCsrf = answer.csrf_token;
    if (answer.second_factor_required) setState({ me: null, pending: answer.account, csrf: answer.csrf_token });
    else setState({ me: answer.account, pending: null, csrf: answer.csrf_token });
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await apiFetch<AuthAnswer>('/auth/me'));
    } catch {
      // 401 (or no delivery API on this server): anonymous
      currentCsrf = null;
      setState({ me: null, pending: null, csrf: null });
    }
  }, [accept]);

  const logout = useCallback(async () => {
    try {
      await apiFetch('/auth/logout', { method: 'POST' });
    } finally {
      currentCsrf = null;
      setState({ me: null, pending: null, csrf: null });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo<Session>(() => ({
    me: state.me, pendingSecondFactor: state.pending, csrfToken: state.csrf, refresh, accept, logout,
  }), [state, refresh, accept, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** GETs a delivery path (null: nothing yet), uncached: these answers change as cases move. */
export function useDeliveryApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ path: string | null; attempt: number; data?: T; error?: ApiError }>({ path: null, attempt: -1 });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    apiFetch<T>(path, { signal: controller.signal }).then(
      (data) => setState({ path, attempt, data }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        setState({ path, attempt, error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A reload keeps the old data on screen until the new answer comes.
  const current = state.path === path;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: path !== null && (!current || state.attempt !== attempt), reload };
}

/** A random key; randomUUID exists only in secure contexts (https, localhost), so plain http falls back. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs a form's action: one Idempotency-Key per submission (a double click or a retry after a network
 * failure repeats the same key, so money moves once), a pending flag, and the server's message on failure.
 */
export function useAction() {
  const { message } = AntApp.useApp();
  const [pending, setPending] = useState(false);
  const key = useRef<string | null>(null);
  const run = useCallback(async <T,>(work: (idempotencyKey: string) => Promise<T>, success?: string): Promise<T | undefined> => {
    key.current ??= newKey();
    setPending(true);
    try {
      const result = await work(key.current);
      key.current = null;
      if (success) void message.success(success);
      return result;
    } catch (error) {
      // A 4xx answer is final: the next submission is a new request with a new key.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) key.current = null;
      void message.error((error as Error).message);
      return undefined;
    } finally {
      setPending(false);
    }
  }, [message]);
  return { run, pending };
}
