/** Where and why an import row was refused. Rows are numbered as a spreadsheet shows them. */
export interface ImportError {
  /** Name of the file as given to the importer. */
  readonly file: string;
  /** XLSX sheet, or the kind (array) of a JSON document. */
  readonly sheet?: string;
  /**
   * 1-based row as the spreadsheet shows it: the header is row 1, the first entity row 2. In JSON the
   * 1-based position in the kind's array. 0 means the file (or sheet) as a whole.
   */
  readonly row: number;
  /** Column (entity field) the error is about, or null when it concerns the whole row or file. */
  readonly column: string | null;
  readonly reason: string;
}

export interface RowLocation {
  readonly file: string;
  readonly sheet?: string;
  readonly row: number;
}

export const DEFAULT_MAX_ERRORS = 1000;

export const errorAt = (loc: RowLocation, column: string | null, reason: string): ImportError =>
  loc.sheet === undefined ? { file: loc.file, row: loc.row, column, reason } : { file: loc.file, sheet: loc.sheet, row: loc.row, column, reason };

/** "row 3 of sites.csv" / "row 3 of sheet sites in registry.xlsx", for messages that point elsewhere. */
export const describeLocation = (loc: RowLocation): string =>
  loc.sheet === undefined ? `row ${loc.row} of ${loc.file}` : `row ${loc.row} of ${loc.sheet} in ${loc.file}`;

/** Quote a user's value for a message, shortened so that one bad cell cannot flood the report. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value) ?? String(value);
  const short = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return `"${short}"`;
}
