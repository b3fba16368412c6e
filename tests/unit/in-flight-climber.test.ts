// The number of objects in flight grows while it buys throughput and stays
// put where it does not. Simulated links: completions per second follow
// Little's law (in flight ÷ round trip) up to a ceiling the CPU or the link sets.
import { describe, expect, it } from 'vitest';
import { InFlightClimber } from '../../app/base/in-flight-climber';

interface Link {
  roundTripMs: number;
  /** Completions per second the machine or link can do at most. */
  ceiling: number;
}

/** Runs `items` completions through a saturated pipeline; returns the limits seen, in order. */
function run(climber: InFlightClimber, link: Link, items: number, clock: { t: number }, saturated = true): number[] {
  const seen = [climber.limit];
  let waits = 0;
  for (let i = 0; i < items; i++) {
    const rate = Math.min(climber.limit / (link.roundTripMs / 1000), link.ceiling);
    clock.t += 1000 / rate;
    if (saturated) waits++;
    const next = climber.done(waits);
    if (next !== null) seen.push(next);
  }
  return seen;
}

describe('objects in flight', () => {
  it('grows to the ceiling across a cloud round trip, where each doubling doubles throughput', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    const seen = run(climber, { roundTripMs: 50, ceiling: 100_000 }, 2_000, clock);
    expect(seen).toEqual([16, 32, 64, 128, 256]);
    // Reached within the first few hundred milliseconds of a 1,000-object job's worth of time.
    expect(climber.limit).toBe(256);
  });

  it('stops at the size that fills the link and steps back from the one that did not pay', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    // 50 ms round trip, 1,000 completions per second at most: 50 in flight fill it; 64 buys nothing over 50.
    const seen = run(climber, { roundTripMs: 50, ceiling: 1_000 }, 3_000, clock);
    expect(seen.slice(0, 3)).toEqual([16, 32, 64]);
    expect(climber.limit).toBe(64);
    run(climber, { roundTripMs: 50, ceiling: 1_000 }, 500, clock);
    expect([32, 64]).toContain(climber.limit);
  });

  it('keeps the configured size on loopback, where the CPU is full already', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    const seen = run(climber, { roundTripMs: 1, ceiling: 2_000 }, 3_000, clock);
    expect(seen).toEqual([16, 32, 16]);
    expect(climber.limit).toBe(16);
  });

  it('learns nothing from windows where nobody waited for a slot', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    run(climber, { roundTripMs: 50, ceiling: 100_000 }, 2_000, clock, false);
    expect(climber.limit).toBe(16);
  });

  it('starts over after a quiet spell, and a fixed size never changes', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    run(climber, { roundTripMs: 50, ceiling: 100_000 }, 2_000, clock);
    expect(climber.limit).toBe(256);
    clock.t += 6_000;
    expect(climber.done(0)).toBe(16);

    const fixed = new InFlightClimber({ start: 16, max: 16, now: () => clock.t });
    run(fixed, { roundTripMs: 50, ceiling: 100_000 }, 2_000, clock);
    expect(fixed.limit).toBe(16);
    expect(fixed.adapts).toBe(false);
  });
});
