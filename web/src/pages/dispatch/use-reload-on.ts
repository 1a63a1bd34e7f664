import { useEffect, useRef } from 'react';

/** Calls `reload` whenever `key` changes after the first render (the first load happens anyway). */
export function useReloadOn(key: number, reload: () => void): void {
  const first = useRef(key);
  useEffect(() => {
    if (key !== first.current) reload();
  }, [key, reload]);
}
