/**
 * The command line's grammar: a command, its flags and its operands. Pure,
 * so the unit tests pin every flag and every refusal.
 */
import type { ConflictPolicy } from '../api/types.js';
import type { TransferTuning } from '../transfer/tuning.js';

export type Command = 'ls' | 'cp' | 'mv' | 'rm' | 'resume' | 'jobs' | 'help' | 'version';

export interface ParsedArgs {
  command: Command;
  operands: string[];
  recursive: boolean;
  conflict: ConflictPolicy;
  json: boolean;
  quiet: boolean;
  all: boolean;
  tuning: Partial<TransferTuning>;
  /** ferry rm: keys per DeleteObjects request and such requests in flight. */
  deletion: { batchSize?: number; batchesInFlight?: number };
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  ferry ls [-r] <location>
  ferry cp [-r] [options] <source>... <destination>
  ferry mv [-r] [options] <source>... <destination>
  ferry rm [-r] [options] <location>...
  ferry resume [options] [<job-id> | --all]
  ferry jobs

A location is NAME:bucket/key-or-prefix, NAME: (the buckets), or a local path.
Connection NAME comes from FERRY_<NAME>_ENDPOINT, _REGION, _ACCESS_KEY_ID,
_SECRET_ACCESS_KEY, _PATH_STYLE (true/false) and _CA_FILE, or from a saved
connection with that name. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are obeyed. A destination is always a folder or prefix. ferry rm deletes
one object, or with -r everything under a prefix (NAME:bucket/ is every object
in the bucket; the bucket itself stays).

Options:
  -r, --recursive              copy (or delete) prefixes and folders with everything below them
  --conflict <policy>          overwrite (default), skip, keep-both, overwrite-if-newer, overwrite-if-different
  --objects <n>                objects in flight (default 16)
  --parts <n>                  parts in flight (default 16)
  --part-size <size>           part size for uploads (default 8MiB; grows to fit the provider's part limit)
  --multipart-threshold <size> objects up to this size go as one PUT (default: the part size)
  --memory <size>              bytes held in part buffers at most (default 256MiB)
  --sockets <n>                requests in flight per endpoint (default 64)
  --bwlimit <size>             total read rate per second, e.g. 20MiB (default: none)
  --idle-timeout <seconds>     cut and retry a request silent this long (default 30)
  --connect-timeout <seconds>  give up a connection not made this fast (default 10)
  --retries <n>                attempts per request (default 6)
  --copy-threshold <size>      largest server-side CopyObject before UploadPartCopy (default: the provider's)
  --copy-part-size <size>      part size of UploadPartCopy (default 64MiB)
  --batch-size <n>             rm: keys per DeleteObjects request (default and most 1000)
  --batches <n>                rm: DeleteObjects requests in flight (default 8)
  --json                       print the summary as one JSON object
  -q, --quiet                  no progress line
  -h, --help                   this text
Sizes take B, KiB, MiB, GiB (or K, M, G, also 1024-based) and KB, MB, GB (1000-based).`;

const units: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? units[(m[2] ?? '').toLowerCase().replace(/\/s$/, '')] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${flag}: "${text}" is not a size (try 8MiB or 1048576).`);
  const n = Math.round(Number(m[1]) * unit);
  if (n <= 0) throw new UsageError(`${flag} must be more than zero.`);
  return n;
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${flag}: "${text}" is not a whole number of at least 1.`);
  return Number(text);
}

function parseSeconds(text: string, flag: string): number {
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s) || s <= 0) throw new UsageError(`${flag} takes seconds, more than zero (got "${text}").`);
  return Math.round(s * 1000);
}

const policies: ConflictPolicy[] = ['overwrite', 'skip', 'keep-both', 'overwrite-if-newer', 'overwrite-if-different'];

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = {
    command: 'help',
    operands: [],
    recursive: false,
    conflict: 'overwrite',
    json: false,
    quiet: false,
    all: false,
    tuning: {},
    deletion: {},
  };
  const rest = [...argv];
  const first = rest.shift();
  if (first === undefined || first === 'help' || first === '-h' || first === '--help') return out;
  if (first === '--version' || first === 'version') return { ...out, command: 'version' };
  if (!['ls', 'cp', 'mv', 'rm', 'resume', 'jobs'].includes(first)) throw new UsageError(`Unknown command "${first}".`);
  out.command = first as Command;

  const value = (flag: string): string => {
    const v = rest.shift();
    if (v === undefined) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  let operandsOnly = false;
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (operandsOnly || !arg.startsWith('-') || arg === '-') {
      out.operands.push(arg);
      continue;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg];
    const take = () => inline ?? value(flag as string);
    switch (flag) {
      case '--':
        operandsOnly = true;
        break;
      case '-r':
      case '-R':
      case '--recursive':
        out.recursive = true;
        break;
      case '--json':
        out.json = true;
        break;
      case '-q':
      case '--quiet':
        out.quiet = true;
        break;
      case '--all':
        out.all = true;
        break;
      case '-h':
      case '--help':
        return { ...out, command: 'help' };
      case '--conflict': {
        const p = take();
        if (!policies.includes(p as ConflictPolicy)) throw new UsageError(`--conflict must be one of ${policies.join(', ')}.`);
        out.conflict = p as ConflictPolicy;
        break;
      }
      case '--objects':
        out.tuning.objectsInFlight = parseCount(take(), flag);
        break;
      case '--parts':
        out.tuning.partsInFlight = parseCount(take(), flag);
        break;
      case '--part-size':
        out.tuning.partSize = parseSize(take(), flag);
        break;
      case '--multipart-threshold':
        out.tuning.multipartThreshold = parseSize(take(), flag);
        break;
      case '--memory':
        out.tuning.memoryBytes = parseSize(take(), flag);
        break;
      case '--sockets':
        out.tuning.socketsPerEndpoint = parseCount(take(), flag);
        break;
      case '--bwlimit':
        out.tuning.bandwidthBytesPerSecond = parseSize(take(), flag);
        break;
      case '--idle-timeout':
        out.tuning.idleTimeoutMs = parseSeconds(take(), flag);
        break;
      case '--connect-timeout':
        out.tuning.connectTimeoutMs = parseSeconds(take(), flag);
        break;
      case '--retries':
        out.tuning.maxAttempts = parseCount(take(), flag);
        break;
      case '--copy-threshold':
        out.tuning.copyObjectMaxBytes = parseSize(take(), flag);
        break;
      case '--copy-part-size':
        out.tuning.copyPartSize = parseSize(take(), flag);
        break;
      case '--batch-size': {
        const n = parseCount(take(), flag);
        if (n > 1000) throw new UsageError('--batch-size is at most 1000 (the most S3 takes in one DeleteObjects).');
        out.deletion.batchSize = n;
        break;
      }
      case '--batches':
        out.deletion.batchesInFlight = parseCount(take(), flag);
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.`);
    }
  }
  const n = out.operands.length;
  if ((out.command === 'cp' || out.command === 'mv') && n < 2)
    throw new UsageError(`ferry ${out.command} needs a source and a destination.`);
  if (out.command === 'ls' && n !== 1) throw new UsageError('ferry ls takes one location.');
  if (out.command === 'rm' && n < 1) throw new UsageError('ferry rm needs at least one NAME:bucket/key to delete.');
  if (out.command === 'resume' && n > 1) throw new UsageError('ferry resume takes at most one job id.');
  if (out.command === 'jobs' && n > 0) throw new UsageError('ferry jobs takes no operands.');
  return out;
}
