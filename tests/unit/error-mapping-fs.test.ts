// Local file-system failures reach the user in words they can act on. The errors are built in Node's own shape
// (code, errno, syscall, and path where Node gives one); a real ENOSPC and EFBIG are produced by the fault matrix's
// disk-full cells (tests/integration/fault-kinds.ts).
import { describe, expect, it } from 'vitest';
import { toFerryError } from '../../app/s3/requests/error-mapping.js';

const nodeError = (code: string, text: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code}: ${text}`), { code, errno: -1, ...extra });

describe('file-system errors', () => {
  it('a full disk says so, names the file when Node does, and may be retried', () => {
    const e = toFerryError(nodeError('ENOSPC', 'no space left on device, open', { syscall: 'open', path: '/data/out/a.bin' }));
    expect(e.code).toBe('local-fs');
    expect(e.message).toBe('The disk is full (/data/out/a.bin): free some space, then resume the job.');
    expect(e.retryable).toBe(true);
  });

  it('a file-size limit names the limit, not "file too large, write"', () => {
    const e = toFerryError(nodeError('EFBIG', 'file too large, write', { syscall: 'write' }));
    expect(e.message).toContain('larger than this system lets Ferry write');
    expect(e.message).toContain('ulimit -f');
    expect(e.message).not.toContain('EFBIG');
    expect(e.retryable).toBe(false);
  });

  it("other file-system errors keep Node's text, which names the path", () => {
    const e = toFerryError(nodeError('ENOENT', "no such file or directory, open '/nope'", { syscall: 'open', path: '/nope' }));
    expect(e.message).toBe("ENOENT: no such file or directory, open '/nope'");
  });
});
