/**
 * Groups a unit report's figures for display (energy, efficiency, defrost, cycling, temperatures, comfort,
 * weather). The server names figures by key; a key the dashboard does not know still shows, under "other".
 */
export const FIGURE_GROUPS = ['energy', 'efficiency', 'defrost', 'cycling', 'load', 'temperatures', 'comfort', 'weather', 'other'] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

const RULES: readonly [FigureGroup, RegExp][] = [
  ['defrost', /defrost/i],
  ['efficiency', /^(spf|cop)/i],
  ['cycling', /start|cycl|running(h|hours)|runtime/i],
  ['load', /load/i],
  ['comfort', /comfort|below|indoor/i],
  ['weather', /hdd|outdoor|weather|degreeday/i],
  ['temperatures', /flow|return|deltat|carnot|supply/i],
  ['energy', /kwh|heat|electric|standby|pump|backup/i],
];

export const figureGroup = (key: string): FigureGroup => RULES.find(([, re]) => re.test(key))?.[0] ?? 'other';

export function groupFigures<T extends { key: string }>(figures: readonly T[]): [FigureGroup, T[]][] {
  const by = new Map<FigureGroup, T[]>();
  for (const f of figures) {
    const g = figureGroup(f.key);
    by.set(g, [...(by.get(g) ?? []), f]);
  }
  return FIGURE_GROUPS.filter((g) => by.has(g)).map((g) => [g, by.get(g) ?? []]);
}
