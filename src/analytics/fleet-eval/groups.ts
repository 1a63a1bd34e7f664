/** Grouping of units by model or manufacturer, shared by rankings, credit rules and after-sales metrics. */
import { z } from 'zod';
import type { EvaluatedUnit } from './evaluated-unit.js';

export const GroupBySchema = z.enum(['model', 'manufacturer']);
export type GroupBy = z.infer<typeof GroupBySchema>;

export interface GroupLabel { readonly key: string; readonly manufacturer: string; readonly model: string | null }

/** A model is named by manufacturer and model together: two makers may use the same model name. */
export function groupOf(u: EvaluatedUnit, by: GroupBy): GroupLabel {
  return by === 'model'
    ? { key: `${u.unit.manufacturer} / ${u.unit.model}`, manufacturer: u.unit.manufacturer, model: u.unit.model }
    : { key: u.unit.manufacturer, manufacturer: u.unit.manufacturer, model: null };
}

export function groupUnits(units: readonly EvaluatedUnit[], by: GroupBy): Map<string, { label: GroupLabel; units: EvaluatedUnit[] }> {
  const out = new Map<string, { label: GroupLabel; units: EvaluatedUnit[] }>();
  for (const u of units) {
    const label = groupOf(u, by);
    let g = out.get(label.key);
    if (!g) { g = { label, units: [] }; out.set(label.key, g); }
    g.units.push(u);
  }
  return out;
}
