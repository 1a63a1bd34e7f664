import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../sim/index.js';
import { ItemHeap, SuffixRoom } from './cover-structures.js';

describe('household solver structures', () => {
  it('room: suffix minima after suffix updates match a direct computation (n = 96 and odd sizes)', () => {
    const rng = mulberry32(5);
    for (const n of [1, 7, 96, 101]) {
      const upper = Float64Array.from({ length: n }, () => 10 * rng.next());
      const room = new SuffixRoom(n);
      room.reset(upper);
      const direct = Float64Array.from(upper);
      for (let step = 0; step < 200; step++) {
        const j = Math.floor(rng.next() * n);
        const delta = rng.next() * 0.2;
        room.lowerFrom(j, delta);
        for (let m = j; m < n; m++) direct[m] = (direct[m] as number) - delta;
        const q = Math.floor(rng.next() * n);
        expect(room.roomFrom(q)).toBeCloseTo(Math.min(...direct.subarray(q)), 12);
      }
    }
  });

  it('heap: items come out cheapest first; ties give the heat pump, then the latest heat-pump slot, then the earliest backup slot', () => {
    const n = 4;
    const price = Float64Array.from([0.2, 0.1, 0.1, 0.3, /* backup */ 0.1, 0.5, 0.05, 0.1]);
    const heap = new ItemHeap(n);
    heap.reset(price);
    for (const id of [0, 1, 2, 3, 4, 5, 6, 7]) heap.push(id);
    const order: number[] = [];
    while (heap.size > 0) { order.push(heap.top()); heap.pop(); }
    expect(order).toEqual([6, 2, 1, 4, 7, 0, 3, 5]);
  });
});
