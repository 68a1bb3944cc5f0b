/**
 * Percentiles in bounded memory: a histogram of logarithmic buckets 2% wide, so a reported
 * percentile is within 1% of a value actually seen at that rank. Zeros are counted apart; negative
 * values (ELB's -1, "not dispatched") are not added.
 */

const RATIO = 1.02;
const LOG_RATIO = Math.log(RATIO);
const MIN = 1e-6;
const BUCKETS = Math.ceil(Math.log(1e7 / MIN) / LOG_RATIO) + 2;

export const PERCENTILE_PRECISION = (RATIO - 1) / 2;

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  private zeros = 0;
  count = 0;
  max = Number.NEGATIVE_INFINITY;

  add(v: number): void {
    if (!(v >= 0)) return;
    this.count++;
    if (v > this.max) this.max = v;
    if (v === 0) {
      this.zeros++;
      return;
    }
    const b = v <= MIN ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(v / MIN) / LOG_RATIO) + 1);
    this.counts[b] = this.counts[b]! + 1;
  }

  /** The value at rank p (0-100): the geometric middle of its bucket, never above the maximum. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) {
        const mid = b === 0 ? MIN : MIN * RATIO ** (b - 0.5);
        return Math.min(mid, this.max);
      }
    }
    return this.max;
  }

  merge(o: Histogram): void {
    for (let b = 0; b < BUCKETS; b++) this.counts[b] = this.counts[b]! + o.counts[b]!;
    this.zeros += o.zeros;
    this.count += o.count;
    if (o.max > this.max) this.max = o.max;
  }
}
