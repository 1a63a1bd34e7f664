import { useEffect } from 'react';

/**
 * Asks again (`reload`) `retryAfterMs` after each answer (`answer`: the latest response object) while the server
 * says a result is still computing; null retryAfterMs: nothing is computing.
 */
export function useRefreshWhileComputing(answer: unknown, retryAfterMs: number | null, reload: () => void): void {
  useEffect(() => {
    if (retryAfterMs === null || answer === undefined) return;
    const timer = setTimeout(reload, retryAfterMs);
    return () => clearTimeout(timer);
  }, [answer, retryAfterMs, reload]);
}
