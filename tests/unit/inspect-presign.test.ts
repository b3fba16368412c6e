import { describe, expect, it } from 'vitest';
import { checkExpiry, parseDuration } from '../../app/inspect/presign';

describe('presigned link lifetimes', () => {
  it('reads durations the way people write them', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('7d')).toBe(604_800);
    expect(parseDuration('120')).toBe(120);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('lasts from one minute to seven days', () => {
    expect(() => checkExpiry(60)).not.toThrow();
    expect(() => checkExpiry(604_800)).not.toThrow();
    expect(() => checkExpiry(59)).toThrow(/1 minute to 7 days/);
    expect(() => checkExpiry(604_801)).toThrow(/604800 seconds/);
  });
});
