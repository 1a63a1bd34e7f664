/**
 * EnergyPlus Weather (EPW) parser. Format: EnergyPlus "Auxiliary Programs", ch. 2.9 (Weather File
 * Format): 8 header lines, then one comma-separated record per hour (or per sub-hourly interval
 * declared in DATA PERIODS) with 35 fields. See weather.md.
 */
export interface WeatherLocation {
  readonly city: string;
  readonly country: string;
  readonly latDeg: number;
  readonly lonDeg: number;
  /** Time zone of the file's local standard time, hours east of UTC (Beijing +8). */
  readonly tzHours: number;
  readonly elevationM: number;
}

export interface WeatherSeries {
  readonly location: WeatherLocation;
  readonly recordsPerHour: number;
  /** Number of records; record r ends at local standard time (day 0 00:00) + (r + 1) / recordsPerHour hours of the file's year. */
  readonly length: number;
  readonly tempC: Float64Array;
  readonly dewPointC: Float64Array;
  readonly rhPct: Float64Array;
  readonly ghiWm2: Float64Array;
  readonly dniWm2: Float64Array;
  readonly dhiWm2: Float64Array;
  readonly windMs: Float64Array;
  /** First record of each calendar day, indexed month * 32 + day; -1 where the file has no such day (Feb 29 in a non-leap file). */
  readonly dayStart: Int32Array;
  /** Monthly undisturbed ground temperatures at the deepest depth the header gives (°C), if any. */
  readonly groundTempC: readonly number[] | null;
}

interface FieldSpec { readonly index: number; readonly name: string; readonly min: number; readonly max: number; readonly missing?: number; readonly missingAs?: number }
const FIELDS = {
  tempC: { index: 6, name: 'dry-bulb temperature', min: -70, max: 70, missing: 99.9 },
  dewPointC: { index: 7, name: 'dew-point temperature', min: -90, max: 70, missing: 99.9 },
  rhPct: { index: 8, name: 'relative humidity', min: 0, max: 110, missing: 999 },
  ghiWm2: { index: 13, name: 'global horizontal radiation', min: 0, max: 2000, missing: 9999, missingAs: 0 },
  dniWm2: { index: 14, name: 'direct normal radiation', min: 0, max: 2000, missing: 9999, missingAs: 0 },
  dhiWm2: { index: 15, name: 'diffuse horizontal radiation', min: 0, max: 2000, missing: 9999, missingAs: 0 },
  windMs: { index: 21, name: 'wind speed', min: 0, max: 80, missing: 999, missingAs: 0 },
} as const satisfies Record<string, FieldSpec>;

const HEADER_LINES = 8;
const MIN_FIELDS = 22;

function num(text: string | undefined, where: string): number {
  const v = Number((text ?? '').trim());
  if ((text ?? '').trim() === '' || !Number.isFinite(v)) throw new Error(`EPW ${where}: "${text ?? ''}" is not a number`);
  return v;
}

function parseGround(line: string): number[] | null {
  const f = line.split(',');
  const depths = Number(f[1]);
  if (!Number.isInteger(depths) || depths < 1) return null;
  const start = 2 + (depths - 1) * 16;
  const monthly = f.slice(start + 4, start + 16).map(Number);
  return monthly.length === 12 && monthly.every(Number.isFinite) ? monthly : null;
}

/** Parses EPW text. Throws an Error naming the line and field of the first problem. */
export function parseEpw(text: string): WeatherSeries {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  const loc = (lines[0] ?? '').split(',');
  if (loc[0]?.trim().toUpperCase() !== 'LOCATION') throw new Error('EPW line 1: expected a LOCATION header (is this an EPW file?)');
  const location: WeatherLocation = {
    city: loc[1]?.trim() ?? '',
    country: loc[3]?.trim() ?? '',
    latDeg: num(loc[6], 'line 1, field 7 (latitude)'),
    lonDeg: num(loc[7], 'line 1, field 8 (longitude)'),
    tzHours: num(loc[8], 'line 1, field 9 (time zone)'),
    elevationM: num(loc[9], 'line 1, field 10 (elevation)'),
  };
  if (Math.abs(location.latDeg) > 90) throw new Error(`EPW line 1, field 7 (latitude): ${location.latDeg} is outside −90…90`);
  if (Math.abs(location.lonDeg) > 180) throw new Error(`EPW line 1, field 8 (longitude): ${location.lonDeg} is outside −180…180`);
  if (Math.abs(location.tzHours) > 14) throw new Error(`EPW line 1, field 9 (time zone): ${location.tzHours} is outside −14…14`);
  const header = lines.slice(0, HEADER_LINES);
  const periods = header.find((l) => l.toUpperCase().startsWith('DATA PERIODS'));
  if (!periods) throw new Error(`EPW header: no DATA PERIODS line in the first ${HEADER_LINES} lines (truncated header?)`);
  const recordsPerHour = num(periods.split(',')[2], `line ${header.indexOf(periods) + 1}, field 3 (records per hour)`);
  if (!Number.isInteger(recordsPerHour) || recordsPerHour < 1 || recordsPerHour > 60) throw new Error(`EPW DATA PERIODS: records per hour ${recordsPerHour} is not an integer 1…60`);
  const groundLine = header.find((l) => l.toUpperCase().startsWith('GROUND TEMPERATURES'));
  const rows = lines.slice(HEADER_LINES);
  const expected = [8760 * recordsPerHour, 8784 * recordsPerHour];
  if (!expected.includes(rows.length)) {
    throw new Error(`EPW truncated or padded: expected ${expected[0]} (or ${expected[1]} for a leap year) data records after ${HEADER_LINES} header lines, found ${rows.length} (the file ends at line ${lines.length})`);
  }
  const n = rows.length;
  const arrays = Object.fromEntries(Object.keys(FIELDS).map((k) => [k, new Float64Array(n)])) as Record<keyof typeof FIELDS, Float64Array>;
  const dayStart = new Int32Array(13 * 32).fill(-1);
  let prevKey = -1;
  for (let r = 0; r < n; r++) {
    const lineNo = HEADER_LINES + r + 1;
    const f = (rows[r] as string).split(',');
    if (f.length < MIN_FIELDS) throw new Error(`EPW line ${lineNo}: ${f.length} fields, expected at least ${MIN_FIELDS} (35 in a complete record)`);
    const month = num(f[1], `line ${lineNo}, field 2 (month)`);
    const day = num(f[2], `line ${lineNo}, field 3 (day)`);
    const hour = num(f[3], `line ${lineNo}, field 4 (hour)`);
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`EPW line ${lineNo}, field 2 (month): ${month} is not 1…12`);
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error(`EPW line ${lineNo}, field 3 (day): ${day} is not 1…31`);
    if (!Number.isInteger(hour) || hour < 1 || hour > 24) throw new Error(`EPW line ${lineNo}, field 4 (hour): ${hour} is not 1…24`);
    const key = month * 32 + day;
    if (key !== prevKey) {
      if (key < prevKey || dayStart[key] !== -1) throw new Error(`EPW line ${lineNo}: day ${month}/${day} is out of order`);
      dayStart[key] = r;
      prevKey = key;
    }
    for (const [k, spec] of Object.entries(FIELDS) as [keyof typeof FIELDS, FieldSpec][]) {
      const where = `line ${lineNo}, field ${spec.index + 1} (${spec.name})`;
      let v = num(f[spec.index], where);
      if (spec.missing !== undefined && v >= spec.missing) {
        if (spec.missingAs === undefined) throw new Error(`EPW ${where}: missing value ${v}`);
        v = spec.missingAs;
      } else if (v < spec.min || v > spec.max) throw new Error(`EPW ${where}: ${v} is outside ${spec.min}…${spec.max}`);
      arrays[k][r] = v;
    }
  }
  return { location, recordsPerHour, length: n, ...arrays, dayStart, groundTempC: groundLine ? parseGround(groundLine) : null };
}
