/** Most used states remembered at once; beyond it the oldest are forgotten. */
const DEFAULT_CAPACITY = 50_000;

/**
 * The states this process has accepted, each remembered until its login would have expired,
 * so one state cookie never verifies twice here even when the browser (or a replayed request)
 * sends it again before the clearing `Set-Cookie` lands. Only used states are kept, never
 * abandoned ones, and at most `capacity` (~100 bytes each); across instances the provider's
 * single-use authorization code and the cleared cookie remain the guard.
 */
export class SpentHandles {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Marks `handle` as used until `expires`; `false` if it already was. */
  spend(handle: string, expires: number, now: number): boolean {
    const known = this.expiries.get(handle);
    if (known !== undefined && known > now) return false;
    this.expiries.delete(handle);
    this.prune(now);
    this.expiries.set(handle, expires);
    return true;
  }

  /** How many used states are remembered. */
  get size(): number {
    return this.expiries.size;
  }

  /**
   * Forgets the oldest entries while they are expired or there is no room. Entries are added
   * in about the order they expire (one lifetime for all), so this stops at the first live one
   * and costs O(1) per call on average.
   */
  private prune(now: number): void {
    for (const [handle, expires] of this.expiries) {
      if (expires > now && this.expiries.size < this.capacity) break;
      this.expiries.delete(handle);
    }
  }
}
