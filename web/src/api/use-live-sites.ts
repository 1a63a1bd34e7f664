import { useEffect, useRef, useState } from 'react';
import type { LiveSitesEvent } from '../../../src/contract/api.js';
import { API } from './client.js';

export type LiveStatus = 'connecting' | 'open' | 'error';

/**
 * Subscribes to a Server-Sent Events stream (`/live/fleet` or `/live/sites/:id`) and hands each
 * `sites` event to `onEvent`. The browser reconnects by itself after an error.
 */
export function useLiveSites(path: string | null, onEvent: (ev: LiveSitesEvent) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (path === null || typeof EventSource === 'undefined') return;
    setStatus('connecting');
    const es = new EventSource(`${API}${path}`, { withCredentials: true });
    const onSites = (msg: MessageEvent<string>): void => {
      try {
        handler.current(JSON.parse(msg.data) as LiveSitesEvent);
        setStatus('open');
      } catch {
        // A malformed event is dropped; the next one carries fresh state.
      }
    };
    es.addEventListener('sites', onSites);
    es.onopen = () => setStatus('open');
    es.onerror = () => setStatus('error');
    return () => {
      es.removeEventListener('sites', onSites);
      es.close();
    };
  }, [path]);

  return status;
}
