/** Dashboard paths of the performance pages (kept tiny: the site page links here without loading the pages). */
export const unitPerformancePath = (unitId: string, search = ''): string => `/performance/units/${encodeURIComponent(unitId)}${search}`;
