/**
 * The two data structures behind the specialised household solver's greedy (household-fast.ts,
 * household-lp.md): the room left under every later ceiling, and the cheapest open item. Both replace
 * linear scans over all earlier slots, so a solve costs O(n √n) instead of O(n²). Typed arrays only,
 * reused across solves (the solver runs millions of times per fleet plan).
 */

/**
 * Slack r_m = U_m − s_m of every ceiling (s_m = prefix sum of what has been bought up to slot m), with
 * suffix updates (buying δ in slot j lowers r_m by δ for every m ≥ j) and suffix minima (the room of slot
 * j is min_{m ≥ j} r_m). Square-root decomposition: blocks of ⌈√n⌉ entries, each with a pending add and
 * its minimum, so both operations touch one partial block and the block summaries.
 */
export class SuffixRoom {
  private readonly r: Float64Array;
  private readonly blockAdd: Float64Array;
  private readonly blockMin: Float64Array;
  private readonly size: number;
  constructor(private readonly n: number) {
    this.size = Math.max(1, Math.ceil(Math.sqrt(n)));
    this.r = new Float64Array(n);
    const blocks = Math.ceil(n / this.size);
    this.blockAdd = new Float64Array(blocks);
    this.blockMin = new Float64Array(blocks);
  }

  reset(upper: Float64Array): void {
    this.r.set(upper);
    this.blockAdd.fill(0);
    for (let b = 0; b < this.blockMin.length; b++) this.refreshBlock(b);
  }

  private refreshBlock(b: number): void {
    const end = Math.min(this.n, (b + 1) * this.size);
    let m = Number.POSITIVE_INFINITY;
    for (let i = b * this.size; i < end; i++) if ((this.r[i] as number) < m) m = this.r[i] as number;
    this.blockMin[b] = m;
  }

  /** Lowers r_m by `delta` for every m ≥ j. */
  lowerFrom(j: number, delta: number): void {
    const b0 = Math.floor(j / this.size);
    const end = Math.min(this.n, (b0 + 1) * this.size);
    for (let i = j; i < end; i++) this.r[i] = (this.r[i] as number) - delta;
    this.refreshBlock(b0);
    for (let b = b0 + 1; b < this.blockAdd.length; b++) this.blockAdd[b] = (this.blockAdd[b] as number) - delta;
  }

  /** min_{m ≥ j} r_m: how much more may be bought in slot j without breaking a later ceiling. */
  roomFrom(j: number): number {
    const b0 = Math.floor(j / this.size);
    const end = Math.min(this.n, (b0 + 1) * this.size);
    let m = Number.POSITIVE_INFINITY;
    for (let i = j; i < end; i++) if ((this.r[i] as number) < m) m = this.r[i] as number;
    m += this.blockAdd[b0] as number;
    for (let b = b0 + 1; b < this.blockMin.length; b++) {
      const v = (this.blockMin[b] as number) + (this.blockAdd[b] as number);
      if (v < m) m = v;
    }
    return m;
  }
}

/**
 * Binary min-heap of item ids 0…2n−1 (id < n: the heat pump in slot id; id ≥ n: the backup heater in slot
 * id − n) ordered by unit price, ties broken as the original linear scan did: a heat-pump item before a
 * backup item, the latest heat-pump slot first (heat just in time), the earliest backup slot first.
 */
export class ItemHeap {
  private readonly ids: Int32Array;
  private count = 0;
  private price: Float64Array = new Float64Array(0);
  constructor(private readonly n: number) { this.ids = new Int32Array(2 * n); }

  /** Empties the heap; `price[id]` is the unit price of item id for this solve. */
  reset(price: Float64Array): void { this.count = 0; this.price = price; }
  get size(): number { return this.count; }
  top(): number { return this.ids[0] as number; }

  private before(a: number, b: number): boolean {
    const pa = this.price[a] as number;
    const pb = this.price[b] as number;
    if (pa !== pb) return pa < pb;
    const aPump = a < this.n;
    const bPump = b < this.n;
    if (aPump !== bPump) return aPump;
    return aPump ? a > b : a < b;
  }

  push(id: number): void {
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.ids[parent] as number;
      if (!this.before(id, p)) break;
      this.ids[i] = p;
      i = parent;
    }
    this.ids[i] = id;
  }

  pop(): void {
    const last = this.ids[--this.count] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) break;
      const r = l + 1;
      const c = r < this.count && this.before(this.ids[r] as number, this.ids[l] as number) ? r : l;
      if (!this.before(this.ids[c] as number, last)) break;
      this.ids[i] = this.ids[c] as number;
      i = c;
    }
    if (this.count > 0) this.ids[i] = last;
  }
}
