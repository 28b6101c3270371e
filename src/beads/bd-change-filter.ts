/**
 * Which file events under `.beads/` should start a `bd list` read, when bd itself may write there
 * (locks, journals) while it answers one. Events during a read, or just after it, bring one
 * follow-up read; a follow-up that finds nothing changed ends the chain, so bd's own writes never
 * loop. Left open: a real change made in the short quiet time after such a follow-up is picked up
 * by the next change, not at once.
 */
export type BdEventAction = 'read' | 'follow-up' | 'ignore';

export class BdChangeFilter {
  private reading = false;
  private touchedDuringRead = false;
  private quietUntil = 0;
  private chainEnded = false;
  private nextIsFollowUp = false;
  private currentIsFollowUp = false;

  constructor(
    private readonly quietMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** ms until the quiet time after the last read is over (0 when it is). */
  get quietLeftMs(): number {
    return Math.max(0, this.quietUntil - this.now());
  }

  onEvent(): BdEventAction {
    if (this.reading) {
      this.touchedDuringRead = true;
      return 'ignore';
    }
    if (this.now() < this.quietUntil) return this.chainEnded ? 'ignore' : this.followUp();
    this.nextIsFollowUp = false;
    return 'read';
  }

  readStarted(): void {
    this.reading = true;
    this.currentIsFollowUp = this.nextIsFollowUp;
    this.nextIsFollowUp = false;
  }

  /** Whether another read must follow this one. */
  readEnded(changed: boolean): boolean {
    this.reading = false;
    this.chainEnded = this.currentIsFollowUp && !changed;
    this.quietUntil = this.now() + this.quietMs;
    const again = this.touchedDuringRead && !this.chainEnded;
    this.touchedDuringRead = false;
    if (again) this.nextIsFollowUp = true;
    return again;
  }

  private followUp(): BdEventAction {
    this.nextIsFollowUp = true;
    return 'follow-up';
  }
}
