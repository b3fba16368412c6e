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

/** Completions in bursts: across a round trip the whole pipeline answers at about the same moment, once per round. */
function runBursts(climber: InFlightClimber, roundTripMs: number, items: number, clock: { t: number }): number[] {
  const seen = [climber.limit];
  let waits = 0;
  let done = 0;
  while (done < items) {
    const burst = climber.limit;
    clock.t += roundTripMs;
    for (let i = 0; i < burst && done < items; i++, done++) {
      clock.t += 0.01;
      waits++;
      const next = climber.done(waits);
      if (next !== null) seen.push(next);
    }
  }
  return seen;
}

describe('objects in flight', () => {
  it('climbs when completions come in bursts once per round trip, as they do across a cloud', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    const seen = runBursts(climber, 50, 3_000, clock);
    expect(seen.slice(0, 5)).toEqual([16, 32, 64, 128, 256]);
    expect(climber.limit).toBe(256);
  });

  it('grows to the ceiling across a cloud round trip, where each doubling doubles throughput', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    const seen = run(climber, { roundTripMs: 50, ceiling: 100_000 }, 2_000, clock);
    expect(seen).toEqual([16, 32, 64, 128, 256]);
    // Reached within the first few hundred milliseconds of a 1,000-object job's worth of time.
    expect(climber.limit).toBe(256);
  });

  it('settles on the smallest size that fills the link and does not creep up on re-tests', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    // 50 ms round trip, 1,000 completions per second at most: 50 in flight fill it; 128 buys nothing over 64.
    const seen = run(climber, { roundTripMs: 50, ceiling: 1_000 }, 3_000, clock);
    expect(seen.slice(0, 5)).toEqual([16, 32, 64, 128, 64]);
    // Re-tests (one every 2 s) each try 128, find nothing, and step back to 64.
    const later = run(climber, { roundTripMs: 50, ceiling: 1_000 }, 30_000, clock);
    const changes = [...seen.slice(5), ...later.slice(1)];
    expect(changes.filter((l) => l === 128).length).toBeGreaterThanOrEqual(5);
    expect(changes.every((l, i) => l === (i % 2 === 0 ? 128 : 64))).toBe(true);
  });

  it('steps back from a doubling that made things worse', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    // A server that slows down past 32 requests at once (its own queueing): 64 in flight is worse than 32.
    const seen: number[] = [climber.limit];
    let waits = 0;
    for (let i = 0; i < 2_000; i++) {
      const l = climber.limit;
      const rate = l <= 32 ? l / 0.05 : 32 / 0.05 / 2;
      clock.t += 1000 / rate;
      const next = climber.done(++waits);
      if (next !== null) seen.push(next);
    }
    expect(seen.slice(0, 4)).toEqual([16, 32, 64, 32]);
  });

  it('goes at most one step past the configured size on loopback, where the CPU is full already', () => {
    const clock = { t: 0 };
    const climber = new InFlightClimber({ start: 16, max: 256, now: () => clock.t });
    run(climber, { roundTripMs: 1, ceiling: 2_000 }, 20_000, clock);
    expect(climber.limit).toBeLessThanOrEqual(32);
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
