// Long names in the Objects grid are cut in the middle: the parts join back
// to the name, the extension and a few characters before it stay whole, and
// no character (an emoji, a surrogate pair) is ever split.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { middleSplit } from '../../renderer/src/listing/middle-ellipsis';

describe('the middle split of a long name', () => {
  it('keeps the extension and four characters before it in the tail', () => {
    expect(middleSplit('quarterly-report-final-2026.csv')).toEqual(['quarterly-report-final-', '2026.csv']);
    expect(middleSplit('a-very-long-folder-name-here/')).toEqual(['a-very-long-folder-n', 'ame-here/']);
    expect(middleSplit('archive-without-extension-xyz')).toEqual(['archive-without-exten', 'sion-xyz']);
    expect(middleSplit('v1.2.3-release-notes-for-everyone')).toEqual(['v1.2.3-release-notes-for-', 'everyone']);
  });

  it('leaves short names whole', () => {
    expect(middleSplit('visitors.csv')).toBeNull();
    expect(middleSplit('sixteen-chars.md')).toBeNull();
  });

  it('always joins back to the name and never splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (name) => {
        const parts = middleSplit(name);
        if (!parts) return;
        expect(parts.join('')).toBe(name);
        expect(parts[0].length).toBeGreaterThan(0);
        expect(parts[1].length).toBeGreaterThan(0);
        expect(Array.from(parts[0]).join('') + Array.from(parts[1]).join('')).toBe(name);
        expect(/[\uD800-\uDBFF]$/.test(parts[0])).toBe(false);
      }),
    );
  });
});
