/** Command-line text to a Location for compare and sync: an S3 prefix (as a folder) or an absolute folder. */
import type { Location } from '../api/types.js';
import { UsageError, type ParsedArgs } from './args.js';
import type { CliConnections } from './connections.js';
import { parseLocation } from './locations.js';
import type { CliIO } from './cli-io.js';

/** The NAME s3:// locations use: --connection, else FERRY_CONNECTION. */
export function defaultConnection(args: ParsedArgs, io: CliIO): string | undefined {
  return args.connection ?? (io.env.FERRY_CONNECTION || undefined);
}

export function folderLocation(conns: CliConnections, text: string, args: ParsedArgs, io: CliIO): Location {
  const loc = parseLocation(text, io.cwd, defaultConnection(args, io));
  if (loc.kind === 'local') return { kind: 'local', path: loc.path };
  if (!loc.bucket) throw new UsageError(`${text} names no bucket; write ${loc.name}:bucket/prefix/.`);
  const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
  return { kind: 's3', connectionId: conns.resolve(loc.name), bucket: loc.bucket, prefix };
}
