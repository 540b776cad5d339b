/**
 * A partial quicksort: sorts an array only as far as needed to put the right elements, in order,
 * at positions [lo, hi]. This is Bentley and McIlroy's three-way-partitioning quicksort
 * ("Engineering a Sort Function", 1993: insertion sort under 7 elements, median of three or
 * Tukey's ninther as pivot, equal keys gathered at both ends then swapped to the middle) that
 * skips every partition lying wholly outside [lo, hi]. Redis 7.0 sorts a geo search with COUNT
 * this way, and the order it leaves equal elements in (points at the same distance) is visible in
 * the reply, so the engine follows the same steps.
 */

export function partialSort<T>(a: T[], cmp: (x: T, y: T) => number, lo: number, hi: number): void {
  const swap = (i: number, j: number) => {
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  };
  /** Swap the runs [i, i+n) and [j, j+n), element by element. */
  const swapRuns = (i: number, j: number, n: number) => {
    for (let k = 0; k < n; k++) swap(i + k, j + k);
  };
  const med3 = (x: number, y: number, z: number) =>
    cmp(a[x], a[y]) < 0
      ? cmp(a[y], a[z]) < 0
        ? y
        : cmp(a[x], a[z]) < 0
          ? z
          : x
      : cmp(a[y], a[z]) > 0
        ? y
        : cmp(a[x], a[z]) < 0
          ? x
          : z;
  /** Whether the run [from, from+n) holds any position in [lo, hi]. */
  const wanted = (from: number, n: number) => !((lo < from && hi < from) || (lo >= from + n && hi >= from + n));

  const sort = (start: number, n: number): void => {
    for (;;) {
      if (n < 7) {
        for (let m = start + 1; m < start + n; m++) {
          for (let l = m; l > start && cmp(a[l - 1], a[l]) > 0; l--) swap(l, l - 1);
        }
        return;
      }
      let pm = start + (n >> 1);
      if (n > 7) {
        let pl = start;
        let pn = start + n - 1;
        if (n > 40) {
          const d = n >> 3;
          pl = med3(pl, pl + d, pl + 2 * d);
          pm = med3(pm - d, pm, pm + d);
          pn = med3(pn - 2 * d, pn - d, pn);
        }
        pm = med3(pl, pm, pn);
      }
      swap(start, pm);
      let pa = start + 1;
      let pb = pa;
      let pc = start + n - 1;
      let pd = pc;
      for (;;) {
        let r = 0;
        while (pb <= pc && (r = cmp(a[pb], a[start])) <= 0) {
          if (r === 0) swap(pa++, pb);
          pb++;
        }
        while (pb <= pc && (r = cmp(a[pc], a[start])) >= 0) {
          if (r === 0) swap(pc, pd--);
          pc--;
        }
        if (pb > pc) break;
        swap(pb++, pc--);
      }
      const end = start + n;
      let r = Math.min(pa - start, pb - pa);
      swapRuns(start, pb - r, r);
      r = Math.min(pd - pc, end - pd - 1);
      swapRuns(pb, end - r, r);
      const left = pb - pa;
      if (left > 1 && wanted(start, left)) sort(start, left);
      const right = pd - pc;
      if (right <= 1) return;
      start = end - right;
      n = right;
      if (!wanted(start, n)) return;
    }
  };
  sort(0, a.length);
}
