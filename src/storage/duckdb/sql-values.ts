/** Conversions at the adapter edge: DuckDB returns BIGINT/COUNT as `bigint`; the ports speak `number`. */

export const toNumber = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`expected a number from DuckDB, got ${typeof v}`);
};

export const toNumberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNumber(v));

export const toStringOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An integer rendered as a SQL literal; only for numbers the adapter computed itself (bounds, bucket sizes). */
export const intLiteral = (v: number): string => {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  return String(Math.trunc(v));
};

/** A string rendered as a SQL literal with quotes doubled (for identifiers-as-values built by the adapter). */
export const stringLiteral = (v: string): string => `'${v.replaceAll("'", "''")}'`;
