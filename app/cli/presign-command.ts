/**
 * `ferry presign NAME:bucket/key [--expires 1h] [--put]`: prints a presigned
 * link to stdout and when it expires to stderr, so `$(ferry presign …)` holds
 * only the URL. The link is printed once and kept nowhere.
 */
import { parseArgs } from 'node:util';
import { FerryError } from '../api/errors.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { checkExpiry, parseDuration, presign } from '../inspect/presign.js';
import { UsageError } from './args.js';
import { CliConnections } from './connections.js';
import { parseLocation } from './locations.js';
import type { CliIO } from './cli-io.js';

export const PRESIGN_USAGE = `Usage: ferry presign NAME:bucket/key [--expires DURATION] [--put]
  A link anyone may use until it expires: a GET of the object, or with --put an upload slot for the key.
  --expires  1m to 7d (e.g. 90s, 15m, 1h, 7d); default 1h`;

export async function runPresign(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        expires: { type: 'string', default: '1h' },
        put: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.values.help) {
    io.out(PRESIGN_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('presign takes one object: NAME:bucket/key.');
  const loc = parseLocation(parsed.positionals[0] ?? '', io.cwd);
  if (loc.kind !== 's3' || !loc.bucket || !loc.key || loc.key.endsWith('/')) {
    throw new UsageError('presign takes one object: NAME:bucket/key.');
  }
  let seconds: number;
  try {
    seconds = parseDuration(parsed.values.expires);
    checkExpiry(seconds);
  } catch (err) {
    throw new UsageError(`--expires: ${err instanceof FerryError ? err.message : String(err)}`);
  }
  const conns = new CliConnections(defaultUserDataDir(io.env), io.env, {}, io.askSecret);
  try {
    const connectionId = conns.resolve(loc.name);
    await conns.ready();
    const item = { kind: 's3', connectionId, bucket: loc.bucket, key: loc.key } as const;
    const link = await presign(conns.client(connectionId), item, parsed.values.put ? 'PUT' : 'GET', seconds);
    io.out(link.url);
    io.err(`${link.method} link, expires ${link.expiresAt}`);
    return 0;
  } finally {
    conns.dispose();
  }
}
