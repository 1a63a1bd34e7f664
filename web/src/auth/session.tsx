import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionView, UserView } from '../../../src/contract/api.js';
import { ApiError, apiPost, apiRequest, onUnauthenticated, setCsrfToken } from '../api/client.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; session: SessionView };

interface SessionApi {
  state: SessionState;
  login: (username: string, password: string) => Promise<SessionView>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const adopt = useCallback((session: SessionView | null, expired = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'authenticated', session } : { status: 'anonymous', expired });
  }, []);

  useEffect(() => {
    apiRequest<SessionView>('/auth/me', { quiet401: true })
      .then((s) => adopt(s))
      .catch(() => adopt(null));
    // Any 401 from a later call means the session is gone: back to the login page.
    return onUnauthenticated(() => adopt(null, true));
  }, [adopt]);

  const login = useCallback(
    async (username: string, password: string) => {
      const s = await apiRequest<SessionView>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
      adopt(s);
      return s;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await apiPost('/auth/logout');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
    adopt(null);
  }, [adopt]);

  const value = useMemo(() => ({ state, login, logout }), [state, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only call below the authenticated part of the tree. */
export function useUser(): UserView {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a session');
  return state.session.user;
}

export const may = (user: UserView, action: string): boolean => user.actions.includes(action);
/** Households see their own site only; everything fleet-wide is hidden from them. */
export const isHousehold = (user: UserView): boolean => user.role === 'household';
export const homePath = (user: UserView): string => (isHousehold(user) && user.siteId ? `/sites/${encodeURIComponent(user.siteId)}` : '/');
