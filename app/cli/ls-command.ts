/**
 * `ferry ls`: the buckets of a connection, one level of a prefix (folders
 * first, like a pane), everything below it with -r, or a local folder. Keys
 * are listed with encoding-type=url and decoded, and printed with control
 * characters escaped so a hostile key cannot rewrite the terminal.
 */
import { ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { allowDirect } from '../s3/direct/prepared/sender.js';
import { withRetry } from '../s3/requests/retry.js';
import type { ParsedArgs } from './args.js';
import { CliConnections } from './connections.js';
import { parseLocation } from './locations.js';
import type { CliIO } from './transfer-command.js';
import { PageChain } from '../s3/page-chain.js';

export function visible(text: string, keepNewlines = false): string {
  // Escaping control characters is the point: a key must not move the cursor, clear the screen, forge a line of
  // output (a newline), or reorder what follows it (bidi overrides, C1 controls, line separators).
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (keepNewlines && c === '\n') return c;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const LIST_RETRY = { maxAttempts: 4, baseMs: 250 };
const NEVER = new AbortController().signal;

function row(date: Date | undefined, size: string, name: string): string {
  const when = date ? date.toISOString().replace('T', ' ').slice(0, 19) : ''.padEnd(19);
  return `${when}  ${size.padStart(14)}  ${visible(name)}`;
}

function decode(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

export async function runLs(args: ParsedArgs, io: CliIO): Promise<number> {
  const loc = parseLocation(args.operands[0] as string, io.cwd);
  if (loc.kind === 'local') {
    const entries = await readdir(loc.path, { withFileTypes: true });
    entries.sort((a, b) => (a.isDirectory() === b.isDirectory() ? (a.name < b.name ? -1 : 1) : a.isDirectory() ? -1 : 1));
    for (const e of entries) {
      const info = await stat(path.join(loc.path, e.name)).catch(() => null);
      io.out(info?.isDirectory() ? row(undefined, 'DIR', `${e.name}/`) : row(info?.mtime, String(info?.size ?? '?'), e.name));
    }
    return 0;
  }
  const conns = new CliConnections(defaultUserDataDir(io.env), io.env);
  try {
    const client = conns.client(conns.resolve(loc.name));
    if (!loc.bucket) {
      const out = await client.send(new ListBucketsCommand({}));
      for (const b of out.Buckets ?? []) io.out(row(b.CreationDate, 'BUCKET', b.Name ?? ''));
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
      for (const p of out.CommonPrefixes ?? []) lines.push(row(undefined, 'DIR', decode(p.Prefix, encoded)));
      for (const o of out.Contents ?? []) lines.push(row(o.LastModified, String(o.Size ?? 0), decode(o.Key, encoded)));
      if (lines.length > 0) io.out(lines.join('\n'));
      token = chain.next(out);
    } while (token);
    return 0;
  } finally {
    conns.dispose();
  }
}
