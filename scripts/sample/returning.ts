/**
 * Callers who call the hotline again: a share of cases come from someone who called about the
 * same kind of matter (case type) within the last weeks, with the same name, mobile and ID
 * number, so the sample city has repeat contacts to measure (site.yaml `repeatWindowDays`).
 * Draws from its own random stream: every other field of the sample stays as it was.
 */
import type { HotlineCase } from './hotline.ts';
import type { Rng } from './prng.ts';

interface Caller {
  caller: string;
  phone: string;
  idNumber: string;
  /** Day number of the call. */
  day: number;
}

/** How many recent callers are remembered per case type. */
const REMEMBERED = 32;

export class ReturningCallers {
  readonly #rng: Rng;
  readonly #share: number;
  readonly #withinDays: number;
  /** Recent callers per case type, oldest first. */
  readonly #recent = new Map<string, Caller[]>();

  /** `share` of cases are a returning caller's when one called within `withinDays` days. */
  constructor(rng: Rng, share = 0.05, withinDays = 28) {
    this.#rng = rng;
    this.#share = share;
    this.#withinDays = withinDays;
  }

  /** Gives `c` (called on `day`) a recent caller's identity, or remembers its caller. */
  visit(c: HotlineCase, day: number): void {
    const list = this.#recent.get(c.type) ?? [];
    while (list.length > 0 && (list[0]?.day ?? day) < day - this.#withinDays) list.shift();
    if (list.length > 0 && this.#rng.chance(this.#share)) {
      const back = list[this.#rng.int(list.length)] as Caller;
      c.caller = back.caller;
      c.phone = back.phone;
      c.idNumber = back.idNumber;
      return;
    }
    list.push({ caller: c.caller, phone: c.phone, idNumber: c.idNumber, day });
    if (list.length > REMEMBERED) list.shift();
    this.#recent.set(c.type, list);
  }
}
