/**
 * `ferry ls`: the buckets of a connection, one level of a prefix (folders
 * first, like a pane), everything below it with -r, or a local folder. Keys
 * are listed with encoding-type=url and decoded, and printed with control
 * characters escaped so a hostile key cannot rewrite the terminal.
 */
import { ListBucketsCommand, ListObjectsV2Command } from '../sdk/s3-commands.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { allowDirect } from '../s3/direct/prepared/sender.js';
import { withRetry } from '../s3/requests/retry.js';
import type { ParsedArgs } from './args.js';
import { CliConnections } from './connections.js';
import { defaultConnection } from './cli-location.js';
import { parseLocation } from './locations.js';
import { human } from './report.js';
import type { CliIO } from './cli-io.js';
import { PageChain } from '../s3/page-chain.js';
import { visible } from './visible.js';

const LIST_RETRY = { maxAttempts: 4, baseMs: 250 };
const NEVER = new AbortController().signal;

type Kind = 'bucket' | 'prefix' | 'object' | 'folder' | 'file';

interface Row {
  kind: Kind;
  name: string;
  date?: Date | undefined;
  size?: number;
  etag?: string | undefined;
  storageClass?: string | undefined;
}

/**
 * One line per entry: date, size (human, or bytes with --long, which adds the
 * ETag and storage class) and name; --json gives one object per line instead.
 */
function format(r: Row, args: ParsedArgs): string {
  if (args.json) {
    return JSON.stringify({
      type: r.kind,
      ...(r.kind === 'bucket' ? { bucket: r.name } : { key: r.name }),
      ...(r.size !== undefined ? { size: r.size } : {}),
      ...(r.date ? { lastModified: r.date.toISOString() } : {}),
      ...(r.etag ? { etag: r.etag } : {}),
      ...(r.storageClass ? { storageClass: r.storageClass } : {}),
    });
  }
  const when = r.date ? r.date.toISOString().replace('T', ' ').slice(0, 19) : ''.padEnd(19);
  const tag = r.kind === 'bucket' ? 'BUCKET' : r.kind === 'prefix' || r.kind === 'folder' ? 'DIR' : undefined;
  const size = tag ?? (args.long ? String(r.size ?? 0) : human(r.size ?? 0));
  if (!args.long) return `${when}  ${size.padStart(10)}  ${visible(r.name)}`;
  const extra = tag ? ''.padEnd(44) : `${(r.etag ?? '').padEnd(34)}  ${(r.storageClass ?? '').padEnd(8)}`;
  return `${when}  ${size.padStart(14)}  ${extra}  ${visible(r.name)}`;
}

function decode(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

export async function runLs(args: ParsedArgs, io: CliIO): Promise<number> {
  const loc = parseLocation(args.operands[0] as string, io.cwd, defaultConnection(args, io));
  if (loc.kind === 'local') {
    const entries = await readdir(loc.path, { withFileTypes: true });
    entries.sort((a, b) => (a.isDirectory() === b.isDirectory() ? (a.name < b.name ? -1 : 1) : a.isDirectory() ? -1 : 1));
    for (const e of entries) {
      const info = await stat(path.join(loc.path, e.name)).catch(() => null);
      io.out(
        info?.isDirectory()
          ? format({ kind: 'folder', name: `${e.name}/` }, args)
          : format({ kind: 'file', name: e.name, date: info?.mtime, size: info?.size ?? 0 }, args),
      );
    }
    return 0;
  }
  const conns = new CliConnections(defaultUserDataDir(io.env), io.env, {}, io.askSecret);
  try {
    const id = conns.resolve(loc.name);
    await conns.ready();
    const client = conns.client(id);
    if (!loc.bucket) {
      const out = await client.send(new ListBucketsCommand({}));
      for (const b of out.Buckets ?? []) io.out(format({ kind: 'bucket', name: b.Name ?? '', date: b.CreationDate }, args));
      return 0;
    }
    let token: string | undefined;
    const chain = new PageChain();
    do {
      const command = new ListObjectsV2Command({
        Bucket: loc.bucket,
        Prefix: loc.key,
        EncodingType: 'url',
        ...(args.recursive ? {} : { Delimiter: '/' }),
        ...(token ? { ContinuationToken: token } : {}),
      });
      // Ferry retries the page itself, so it may take the direct path (a million-key listing is mostly XML reading).
      allowDirect(command);
      const out = await withRetry(() => client.send(command), LIST_RETRY, NEVER);
      const encoded = out.EncodingType === 'url';
      // One write per page: a line at a time costs more than the listing itself on a million keys.
      const lines: string[] = [];
      for (const p of out.CommonPrefixes ?? []) lines.push(format({ kind: 'prefix', name: decode(p.Prefix, encoded) }, args));
      for (const o of out.Contents ?? [])
        lines.push(
          format(
            {
              kind: 'object',
              name: decode(o.Key, encoded),
              date: o.LastModified,
              size: o.Size ?? 0,
              etag: o.ETag,
              storageClass: o.StorageClass,
            },
            args,
          ),
        );
      if (lines.length > 0) io.out(lines.join('\n'));
      token = chain.next(out);
    } while (token);
    return 0;
  } finally {
    conns.dispose();
  }
}
