import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { isAwsEndpoint, normaliseEndpoint } from '../../app/providers/endpoint';

function errorOf(fn: () => unknown): FerryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FerryError) return err;
    throw err;
  }
  throw new Error('expected a FerryError');
}

describe('endpoint URLs', () => {
  it('keeps a good URL and drops trailing slashes the SDK would double', () => {
    expect(normaliseEndpoint(' http://127.0.0.1:9000/ ')).toBe('http://127.0.0.1:9000');
    expect(normaliseEndpoint('https://s3.eu-central-1.amazonaws.com')).toBe('https://s3.eu-central-1.amazonaws.com');
  });

  it.each([
    ['127.0.0.1:9000', 'not a URL'],
    ['ftp://files.example.com', 'http:// or https://'],
    ['https://key:secret@s3.example.com', 'key fields'],
    ['https://s3.example.com/?x=1', 'query'],
  ])('refuses %s with a reason naming the field', (raw, reason) => {
    const err = errorOf(() => normaliseEndpoint(raw));
    expect(err.code).toBe('invalid-arguments');
    expect(err.message).toContain(reason);
    expect(err.details?.field).toBe('endpoint');
  });

  it('recognises AWS endpoints only by their host', () => {
    expect(isAwsEndpoint('https://s3.us-west-2.amazonaws.com')).toBe(true);
    expect(isAwsEndpoint('https://amazonaws.com.evil.example')).toBe(false);
    expect(isAwsEndpoint('http://127.0.0.1:9000')).toBe(false);
  });
});
