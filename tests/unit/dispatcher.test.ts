import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { DEFAULT_SETTINGS } from '../../app/api/workspace-types';
import { createDispatcher, type Handlers } from '../../app/core/dispatcher';
import { inspectStubs } from './support/inspect-stubs';

/** Handlers that record what reached them, so a test can prove a refused call never did. */
function recordingHandlers() {
  const reached: string[] = [];
  const record =
    <T>(name: string, value: T) =>
    async () => {
      reached.push(name);
      return value;
    };
  const handlers: Handlers = {
    'app.info': record('app.info', { version: 't', shell: 'serve', homeDir: '/' }),
    'app.startDemo': record('app.startDemo', { connectionIds: [] }),
    'connections.list': record('connections.list', []),
    'connections.add': async (args) => {
      reached.push('connections.add');
      return {
        id: 'x',
        label: args.label,
        endpoint: args.endpoint,
        region: args.region,
        pathStyle: args.pathStyle ?? true,
        accessKeyId: args.accessKeyId,
      };
    },
    'connections.remove': record('connections.remove', { removed: true }),
    'connections.providers': record('connections.providers', []),
    'connections.update': record('connections.update', {
      id: 'x',
      label: 'x',
      endpoint: 'http://x',
      region: '',
      pathStyle: true,
      accessKeyId: 'a',
    }),
    'connections.duplicate': record('connections.duplicate', {
      id: 'y',
      label: 'y',
      endpoint: 'http://x',
      region: '',
      pathStyle: true,
      accessKeyId: 'a',
    }),
    'connections.reorder': record('connections.reorder', []),
    'connections.test': record('connections.test', { ok: true, code: 'ok' as const, message: '', steps: [], durationMs: 0 }),
    'connections.awsProfiles': record('connections.awsProfiles', []),
    'connections.useAwsProfile': record('connections.useAwsProfile', {
      connection: { id: 'p', label: 'p', endpoint: 'http://x', region: '', pathStyle: true, accessKeyId: '' },
      report: { ok: true, code: 'ok' as const, message: '', steps: [], durationMs: 0 },
    }),
    'connections.rcloneRemotes': record('connections.rcloneRemotes', []),
    'connections.importRclone': record('connections.importRclone', []),
    'secrets.status': record('secrets.status', { mode: 'session' as const, vault: 'absent' as const, needsChoice: false }),
    'secrets.createVault': record('secrets.createVault', { mode: 'vault' as const, vault: 'unlocked' as const, needsChoice: false }),
    'secrets.unlock': record('secrets.unlock', { mode: 'vault' as const, vault: 'unlocked' as const, needsChoice: false }),
    'secrets.lock': record('secrets.lock', { mode: 'vault' as const, vault: 'locked' as const, needsChoice: false }),
    'secrets.useSessionOnly': record('secrets.useSessionOnly', { mode: 'session' as const, vault: 'absent' as const, needsChoice: false }),
    'browse.list': async ({ location }) => {
      reached.push('browse.list');
      return { location, entries: [], truncated: false };
    },
    'object.inspect': async () => {
      reached.push('object.inspect');
      throw new FerryError('not-found', 'gone', { details: { key: 'k' } });
    },
    'transfer.start': async () => {
      reached.push('transfer.start');
      throw new Error('boom with s3cr3t-value inside');
    },
    'transfer.pause': async () => {
      throw new FerryError('not-found', 'no job');
    },
    'transfer.resume': async () => {
      throw new FerryError('not-found', 'no job');
    },
    'transfer.cancel': async () => {
      throw new FerryError('not-found', 'no job');
    },
    'transfer.retry': async () => {
      throw new FerryError('not-found', 'no job');
    },
    'transfer.answer': async () => {
      throw new FerryError('not-found', 'no job');
    },
    'transfer.dismiss': record('transfer.dismiss', { removed: false }),
    'transfer.list': record('transfer.list', []),
    'transfer.items': record('transfer.items', { items: [], total: 0 }),
    'upload.begin': record('upload.begin', { uploadId: 'u', urls: [] }),
    'upload.add': record('upload.add', { urls: [] }),
    'upload.commit': async () => {
      throw new FerryError('not-found', 'no such upload');
    },
    'upload.abandon': record('upload.abandon', { removed: false }),
    'workspace.load': record('workspace.load', { workspace: null, settings: DEFAULT_SETTINGS }),
    'workspace.save': record('workspace.save', { saved: true as const }),
    'settings.save': record('settings.save', DEFAULT_SETTINGS),
    'bookmarks.list': record('bookmarks.list', []),
    'bookmarks.save': record('bookmarks.save', []),
    'browse.search': record('browse.search', { location: { kind: 'local', path: '/' }, entries: [], truncated: false }),
    ...inspectStubs(),
    'sync.compare': record('sync.compare', { compareId: 'c' }),
    'sync.cancelCompare': record('sync.cancelCompare', { cancelled: false }),
    'sync.previewPage': record('sync.previewPage', { rows: [] }),
    'sync.dryRun': async () => {
      throw new FerryError('not-found', 'no such bucket');
    },
    'sync.start': async () => {
      throw new FerryError('not-found', 'no such bucket');
    },
    'bucket.create': record('bucket.create', { bucket: 'b' }),
    'bucket.delete': record('bucket.delete', { deleted: true as const }),
    'bucket.emptyAndDelete': async () => {
      throw new FerryError('not-found', 'no such bucket');
    },
    'folder.create': record('folder.create', { id: 'f/' }),
    'entry.rename': record('entry.rename', { id: 'g' }),
    'delete.summary': record('delete.summary', {
      objects: 0,
      folders: 0,
      totalObjects: 0,
      totalBytes: 0,
      more: false,
      versioning: 'off' as const,
      message: '',
    }),
    'delete.start': async () => {
      throw new FerryError('not-found', 'no such bucket');
    },
    'delete.run': record('delete.run', { deleted: 0, failed: 0, failures: [] }),
  };
  return { handlers, reached };
}

describe('dispatcher', () => {
  it('refuses an unknown method with a typed error', async () => {
    const { handlers, reached } = recordingHandlers();
    const out = await createDispatcher(handlers)('buckets.nuke', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'unknown-method', retryable: false } });
    expect(reached).toEqual([]);
  });

  it.each([
    ['a missing field', 'browse.list', {}],
    ['a wrong type', 'browse.list', { location: { kind: 's3', connectionId: 5, bucket: 'b', prefix: '' } }],
    ['an unknown location kind', 'browse.list', { location: { kind: 'ftp', path: '/' } }],
    ['an extra field', 'connections.list', { sneaky: true }],
    ['a key over 1,024 bytes', 'object.inspect', { item: { kind: 's3', connectionId: 'c', bucket: 'b', key: 'é'.repeat(513) } }],
    ['an empty label', 'connections.add', { label: ' ', endpoint: 'http://x', accessKeyId: 'a', secretAccessKey: 's' }],
    ['not an object at all', 'transfer.start', 'rm -rf /'],
    ['no sources', 'transfer.start', { sources: [], destination: { kind: 'local', path: '/b' } }],
    [
      'an unknown conflict policy',
      'transfer.start',
      { sources: [{ kind: 'local', path: '/a' }], destination: { kind: 'local', path: '/b' }, conflict: 'clobber' },
    ],
    ['an items page over 1,000', 'transfer.items', { jobId: 'j', limit: 1001 }],
    ['a dropped file path that climbs out', 'upload.begin', { files: [{ relativePath: 'a/../../etc/passwd', size: 1 }] }],
    ['an absolute dropped file path', 'upload.begin', { files: [{ relativePath: '/etc/passwd', size: 1 }] }],
  ])('refuses %s before the handler runs', async (_what, method, args) => {
    const { handlers, reached } = recordingHandlers();
    const out = await createDispatcher(handlers)(method, args);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe('invalid-arguments');
      expect(out.error.message).toContain(method);
      expect(out.error.details?.method).toBe(method);
    }
    expect(reached).toEqual([]);
  });

  it('names the limit when a key is one byte too long, and accepts exactly 1,024 bytes', async () => {
    const { handlers, reached } = recordingHandlers();
    const dispatch = createDispatcher(handlers);
    const tooLong = await dispatch('object.inspect', { item: { kind: 's3', connectionId: 'c', bucket: 'b', key: 'a'.repeat(1025) } });
    expect(tooLong.ok ? '' : tooLong.error.message).toContain('1024 bytes');
    const exact = await dispatch('object.inspect', { item: { kind: 's3', connectionId: 'c', bucket: 'b', key: 'a'.repeat(1024) } });
    expect(exact.ok ? '' : exact.error.code).toBe('not-found');
    expect(reached).toEqual(['object.inspect']);
  });

  it('routes valid calls and applies schema defaults', async () => {
    const { handlers, reached } = recordingHandlers();
    const out = await createDispatcher(handlers)('connections.add', {
      label: 'Lab',
      endpoint: 'http://127.0.0.1:9000',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
    });
    expect(out).toMatchObject({ ok: true, value: { label: 'Lab', region: 'us-east-1', pathStyle: true } });
    expect(reached).toEqual(['connections.add']);
  });

  it('turns thrown errors into typed values, keeping code and details', async () => {
    const { handlers } = recordingHandlers();
    const out = await createDispatcher(handlers)('object.inspect', { item: { kind: 'local', path: '/tmp/x' } });
    expect(out).toEqual({ ok: false, error: { code: 'not-found', message: 'gone', retryable: false, details: { key: 'k' } } });
  });

  it('passes every error message through the redactor', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher(handlers, (t) => t.replaceAll('s3cr3t-value', '[secret]'));
    const out = await dispatch('transfer.start', {
      sources: [{ kind: 'local', path: '/a' }],
      destination: { kind: 'local', path: '/b' },
    });
    expect(out.ok).toBe(false);
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(out)).toContain('[secret]');
  });
});
