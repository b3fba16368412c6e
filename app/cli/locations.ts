/**
 * Command-line locations: `NAME:bucket/key-or-prefix`, `NAME:` for the bucket
 * list, or a local path. A NAME is two or more characters, so `C:\data` stays
 * a Windows path. How a source becomes a transfer source follows `cp -r`:
 * without -r it is one object or file; with -r a prefix or folder is copied
 * with everything below it, as a folder of the same name at the destination.
 */
import path from 'node:path';
import type { Location, TransferSource } from '../api/types.js';
import { UsageError } from './args.js';

export type CliLocation = { kind: 'local'; path: string } | { kind: 's3'; name: string; bucket: string; key: string };

const REMOTE = /^([A-Za-z][A-Za-z0-9_-]+):(.*)$/s;
const DRIVE = /^([A-Za-z]):(.*)$/s;

/**
 * `defaultConnection` is the NAME an `s3://bucket/key` location uses (from
 * --connection or FERRY_CONNECTION); without one such a location is refused.
 */
export function parseLocation(text: string, cwd = process.cwd(), defaultConnection?: string, platform = process.platform): CliLocation {
  if (text.startsWith('s3://')) {
    if (!defaultConnection) {
      throw new UsageError(
        `${text}: an s3:// location needs a connection: add --connection NAME (or set FERRY_CONNECTION=NAME), or write NAME:${text.slice(5)}.`,
      );
    }
    return split(defaultConnection, text.slice(5));
  }
  const drive = DRIVE.exec(text);
  if (drive && platform !== 'win32' && !/^[\\/]/.test(drive[2] as string)) {
    const letter = drive[1] as string;
    throw new UsageError(
      `"${text}": a one-letter name before ':' reads as a Windows drive letter, so "${letter}" is not taken as a connection. ` +
        `Name the connection with two or more characters, or write s3://${drive[2] as string} --connection ${letter}, or ./${text} for a local file.`,
    );
  }
  const m = REMOTE.exec(text);
  if (!m) return { kind: 'local', path: path.resolve(cwd, text) };
  return split(m[1] as string, m[2] as string);
}

function split(name: string, rest: string): CliLocation {
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  return { kind: 's3', name, bucket, key };
}

/** The environment variable prefix of a connection NAME: `prod` reads FERRY_PROD_*. */
export function envPrefix(name: string): string {
  return `FERRY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

export function toSource(loc: CliLocation, connectionId: string | null, recursive: boolean): TransferSource {
  if (loc.kind === 'local') return { kind: 'local', path: loc.path };
  if (!connectionId) throw new Error('an S3 location needs a connection');
  if (!loc.bucket) throw new UsageError(`${loc.name}: names no bucket; write ${loc.name}:bucket/key.`);
  if (recursive) {
    const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
    return { kind: 's3-prefix', connectionId, bucket: loc.bucket, prefix };
  }
  if (loc.key === '' || loc.key.endsWith('/')) {
    throw new UsageError(`${loc.name}:${loc.bucket}/${loc.key} is a prefix: add -r to copy everything below it.`);
  }
  return { kind: 's3', connectionId, bucket: loc.bucket, key: loc.key };
}

/** A destination is a folder or prefix; a missing trailing slash is implied. */
export function toDestination(loc: CliLocation, connectionId: string | null): Location {
  if (loc.kind === 'local') return { kind: 'local', path: loc.path };
  if (!connectionId) throw new Error('an S3 location needs a connection');
  if (!loc.bucket) throw new UsageError(`${loc.name}: names no bucket; write ${loc.name}:bucket/prefix/.`);
  const prefix = loc.key === '' || loc.key.endsWith('/') ? loc.key : `${loc.key}/`;
  return { kind: 's3', connectionId, bucket: loc.bucket, prefix };
}
