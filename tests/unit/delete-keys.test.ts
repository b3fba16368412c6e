// Which keys can travel in a DeleteObjects XML body and which must go one by
// one in the URL: XML 1.0 cannot carry most control characters or a lone
// surrogate, and CR/LF/tab survive only if a server unescapes them exactly.
import { describe, expect, it } from 'vitest';
import { needsSingleDelete } from '../../app/s3/delete-keys';

describe('keys for DeleteObjects', () => {
  it.each(['plain.txt', 'a b/c+d%25.txt', 'ünï cödé.txt', 'amp&<lt>"q\'.txt', 'emoji 😀.png', 'folder/'])('%j goes in a batch', (key) => {
    expect(needsSingleDelete(key)).toBe(false);
  });

  it.each([
    'tab\there',
    'line\nbreak',
    'cr\rhere',
    'bell\u0007',
    'del\u007f',
    'lone \ud800 surrogate',
    'lone \udc00 low',
    'nonchar \uffff',
  ])('%j goes alone', (key) => {
    expect(needsSingleDelete(key)).toBe(true);
  });
});
