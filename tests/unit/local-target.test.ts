import { describe, expect, it } from 'vitest';
import { safeLocalTarget } from '../../app/transfer/plan/destination';

describe('download targets', () => {
  it('places a plain name directly inside the folder; file..txt is a legitimate name', () => {
    expect(safeLocalTarget('/data/in', 'report.csv')).toBe('/data/in/report.csv');
    expect(safeLocalTarget('/data/in', 'file..txt')).toBe('/data/in/file..txt');
  });

  it.each(['..', '.', '', '../etc/passwd', 'a/../../b', '/etc/passwd', 'dir\\..\\x', 'nul\0byte'])('refuses %j', (name) => {
    expect(() => safeLocalTarget('/data/in', name)).toThrowError(expect.objectContaining({ code: 'unsafe-path' }));
  });
});
