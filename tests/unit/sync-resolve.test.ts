// A two-way conflict the user resolved becomes a copy from the side kept,
// while the plan's digest stays the one the compare showed (the resolution
// travels in the request), and only a two-way sync accepts resolutions.
import { describe, expect, it } from 'vitest';
import { syncRequestSchema } from '../../app/api/calls/sync-calls';
import type { CompareRow, SyncRequest } from '../../app/api/types';
import { actionFor, PlanTally } from '../../app/sync/sync-plan';

const conflict = (key: string): CompareRow => ({
  key,
  cls: 'different',
  reason: 'size',
  left: { size: 20, mtime: 1_000_000 },
  right: { size: 10, mtime: 1_000_500 },
});

const newer: Pick<SyncRequest, 'mode' | 'delete'> = { mode: 'newer', delete: false };

describe('resolving two-way conflicts', () => {
  it('copies from the side kept and leaves an unnamed key a conflict', () => {
    const resolve = { 'a.txt': 'left', 'b.txt': 'right' } as const;
    expect(actionFor(conflict('a.txt'), { ...newer, resolve })).toMatchObject({ kind: 'copy-right', bytes: 20, resolved: 'left' });
    expect(actionFor(conflict('b.txt'), { ...newer, resolve })).toMatchObject({ kind: 'copy-left', bytes: 10, resolved: 'right' });
    expect(actionFor(conflict('c.txt'), { ...newer, resolve })?.kind).toBe('conflict');
  });

  it('takes no resolution from an inherited property name', () => {
    const resolve = JSON.parse('{"x":"left"}') as Record<string, 'left' | 'right'>;
    for (const key of ['constructor', 'toString', '__proto__'])
      expect(actionFor(conflict(key), { ...newer, resolve })?.kind).toBe('conflict');
  });

  it('keeps the digest of the unresolved plan, and counts the copies', () => {
    const rows = ['a.txt', 'b.txt', 'c.txt'].map(conflict);
    const plain = new PlanTally();
    const resolved = new PlanTally();
    for (const r of rows) {
      plain.add(r, actionFor(r, newer));
      resolved.add(r, actionFor(r, { ...newer, resolve: { 'a.txt': 'left', 'b.txt': 'right' } }));
    }
    expect(resolved.summary().digest).toBe(plain.summary().digest);
    expect(resolved.summary().actions).toMatchObject({ 'copy-right': { count: 1 }, 'copy-left': { count: 1 }, conflict: { count: 1 } });
    // A change on either side still changes the digest.
    const moved = new PlanTally();
    for (const r of [conflict('a.txt'), { ...conflict('b.txt'), right: { size: 11, mtime: 1_000_500 } }, conflict('c.txt')])
      moved.add(r, actionFor(r, { ...newer, resolve: { 'a.txt': 'left', 'b.txt': 'right' } }));
    expect(moved.summary().digest).not.toBe(plain.summary().digest);
  });

  it('accepts resolutions only in a two-way sync', () => {
    const base = { left: { kind: 'local', path: '/a' }, right: { kind: 'local', path: '/b' } };
    expect(syncRequestSchema.safeParse({ ...base, mode: 'newer', resolve: { 'a.txt': 'left' } }).success).toBe(true);
    const mirror = syncRequestSchema.safeParse({ ...base, mode: 'mirror', resolve: { 'a.txt': 'left' } });
    expect(mirror.success).toBe(false);
    expect(mirror.error?.issues[0]?.message).toBe('Conflicts are resolved only in a two-way sync.');
    expect(syncRequestSchema.safeParse({ ...base, mode: 'newer', resolve: { 'a.txt': 'both' } }).success).toBe(false);
  });
});
