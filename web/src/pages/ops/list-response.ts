/** Lists come as `{ items: [...] }`; tolerate a bare array too. */
export const itemsOf = <T,>(body: { items: T[] } | T[] | undefined): T[] => (Array.isArray(body) ? body : (body?.items ?? []));
