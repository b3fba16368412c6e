/**
 * The command line's grammar: a command, its flags and its operands, read by
 * node:util's parseArgs (grouped short flags such as -rn, --flag=value, `--`,
 * and an error for any flag it does not know). Pure, so the unit tests pin
 * every flag and every refusal.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import type { ConflictPolicy } from '../api/types.js';
import { DEFAULT_LIMITS } from '../api/connection-types.js';
import { globToRegExp, type FilterRules } from '../sync/glob.js';
import type { TransferTuning } from '../transfer/tuning.js';

export type Command = 'ls' | 'cp' | 'mv' | 'rm' | 'sync' | 'diff' | 'resume' | 'jobs' | 'help' | 'version';

export interface ParsedArgs {
  command: Command;
  operands: string[];
  recursive: boolean;
  conflict: ConflictPolicy;
  json: boolean;
  quiet: boolean;
  all: boolean;
  dryRun: boolean;
  /** ls: bytes and dates, not human sizes. */
  long: boolean;
  /** Applied where keys are planned: cp, mv, rm, sync, diff. */
  filters: FilterRules;
  /** The connection of s3:// locations. */
  connection?: string;
  sync: { delete: boolean; twoWay: boolean; deep: boolean; mtime: boolean; plan?: string };
  tuning: Partial<TransferTuning>;
  /** ferry rm: keys per DeleteObjects request and such requests in flight. */
  deletion: { batchSize?: number; batchesInFlight?: number };
}

export class UsageError extends Error {}

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

type Flag = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

const FLAGS: Record<string, Flag> = {
  recursive: { type: 'boolean', short: 'r' },
  R: { type: 'boolean', short: 'R' },
  'dry-run': { type: 'boolean', short: 'n' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  long: { type: 'boolean', short: 'l' },
  delete: { type: 'boolean' },
  'two-way': { type: 'boolean' },
  deep: { type: 'boolean' },
  mtime: { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  connection: { type: 'string' },
  plan: { type: 'string' },
  conflict: { type: 'string' },
  objects: { type: 'string' },
  parts: { type: 'string' },
  'part-size': { type: 'string' },
  'multipart-threshold': { type: 'string' },
  memory: { type: 'string' },
  sockets: { type: 'string' },
  bwlimit: { type: 'string' },
  'idle-timeout': { type: 'string' },
  'connect-timeout': { type: 'string' },
  retries: { type: 'string' },
  'copy-threshold': { type: 'string' },
  'copy-part-size': { type: 'string' },
  'batch-size': { type: 'string' },
  batches: { type: 'string' },
};

const COMMANDS: Command[] = ['ls', 'cp', 'mv', 'rm', 'sync', 'diff', 'resume', 'jobs'];

/** node:util's messages name the option in quotes and suggest '--'; say it the way the rest of ferry does. */
function usageFrom(err: unknown): UsageError {
  const e = err as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' ]+)/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`Unknown option ${flag}.`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(/argument missing/.test(e.message ?? '') ? `${flag} needs a value.` : `${flag} takes no value.`);
    default:
      return new UsageError(e.message ?? String(err));
  }
}

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = {
    command: 'help',
    operands: [],
    recursive: false,
    conflict: 'overwrite',
    json: false,
    quiet: false,
    all: false,
    dryRun: false,
    long: false,
    filters: {},
    sync: { delete: false, twoWay: false, deep: false, mtime: false },
    tuning: {},
    deletion: {},
  };
  const rest = [...argv];
  const first = rest.shift();
  if (first === undefined || first === 'help' || first === '-h' || first === '--help') return out;
  if (first === '--version' || first === 'version') return { ...out, command: 'version' };
  if (!COMMANDS.includes(first as Command)) throw new UsageError(`Unknown command "${first}".`);
  out.command = first as Command;

  let parsed: ReturnType<typeof nodeParseArgs<{ options: typeof FLAGS; allowPositionals: true; strict: true }>>;
  try {
    parsed = nodeParseArgs({ args: rest, options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    throw usageFrom(err);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (name: string): string | undefined => v[name] as string | undefined;
  if (v.help) return { ...out, command: 'help' };
  out.operands = parsed.positionals;
  out.recursive = Boolean(v.recursive || v.R);
  out.json = Boolean(v.json);
  out.quiet = Boolean(v.quiet);
  out.all = Boolean(v.all);
  out.dryRun = Boolean(v['dry-run']);
  out.long = Boolean(v.long);
  out.sync = { delete: Boolean(v.delete), twoWay: Boolean(v['two-way']), deep: Boolean(v.deep), mtime: Boolean(v.mtime) };
  if (str('plan') !== undefined) {
    if (!/^[0-9a-f]{32}$/.test(str('plan') as string)) throw new UsageError('--plan takes the 32-character digest a dry run printed.');
    out.sync.plan = str('plan') as string;
  }
  if (str('connection') !== undefined) out.connection = str('connection') as string;
  for (const kind of ['include', 'exclude'] as const) {
    const globs = v[kind] as string[] | undefined;
    if (!globs) continue;
    for (const g of globs) {
      try {
        globToRegExp(g);
      } catch (err) {
        throw new UsageError(`--${kind}: ${(err as Error).message}`);
      }
    }
    out.filters[kind] = globs;
  }
  const conflict = str('conflict');
  if (conflict !== undefined) {
    if (!policies.includes(conflict as ConflictPolicy)) throw new UsageError(`--conflict must be one of ${policies.join(', ')}.`);
    out.conflict = conflict as ConflictPolicy;
  }
  const t = out.tuning;
  const each = <T>(flag: string, parse: (text: string, flag: string) => T, set: (x: T) => void) => {
    const text = str(flag);
    if (text !== undefined) set(parse(text, `--${flag}`));
  };
  each('objects', parseCount, (n) => (t.objectsInFlight = n));
  each('parts', parseCount, (n) => (t.partsInFlight = n));
  // S3 takes parts (and single PUTs) of at most 5 GiB anywhere; a smaller size than the provider's least is raised to it as it runs.
  const part = (flag: string) => (n: number) => {
    if (n > DEFAULT_LIMITS.maxPartBytes) throw new UsageError(`${flag} is at most 5GiB: no S3 server takes a larger part or single PUT.`);
    return n;
  };
  each('part-size', parseSize, (n) => (t.partSize = part('--part-size')(n)));
  each('multipart-threshold', parseSize, (n) => (t.multipartThreshold = part('--multipart-threshold')(n)));
  each('memory', parseSize, (n) => (t.memoryBytes = n));
  each('sockets', parseCount, (n) => (t.socketsPerEndpoint = n));
  each('bwlimit', parseSize, (n) => (t.bandwidthBytesPerSecond = n));
  each('idle-timeout', parseSeconds, (n) => (t.idleTimeoutMs = n));
  each('connect-timeout', parseSeconds, (n) => (t.connectTimeoutMs = n));
  each('retries', parseCount, (n) => (t.maxAttempts = n));
  each('copy-threshold', parseSize, (n) => (t.copyObjectMaxBytes = n));
  each('copy-part-size', parseSize, (n) => (t.copyPartSize = part('--copy-part-size')(n)));
  each('batch-size', parseCount, (n) => {
    if (n > 1000) throw new UsageError('--batch-size is at most 1000 (the most S3 takes in one DeleteObjects).');
    out.deletion.batchSize = n;
  });
  each('batches', parseCount, (n) => (out.deletion.batchesInFlight = n));
  checkCommand(out, v);
  return out;
}

function checkCommand(out: ParsedArgs, v: Record<string, unknown>): void {
  const c = out.command;
  const n = out.operands.length;
  const only = (flag: string, commands: Command[]) => {
    if (v[flag] !== undefined && !commands.includes(c)) throw new UsageError(`--${flag} is for ferry ${commands.join(', ferry ')}.`);
  };
  only('delete', ['sync']);
  only('two-way', ['sync']);
  only('plan', ['sync']);
  only('deep', ['sync', 'diff']);
  only('mtime', ['sync', 'diff']);
  only('dry-run', ['cp', 'mv', 'rm', 'sync']);
  only('long', ['ls']);
  if (out.sync.twoWay && out.sync.delete) throw new UsageError('--two-way copies both ways and never deletes; drop --delete.');
  if ((c === 'cp' || c === 'mv') && n < 2) throw new UsageError(`ferry ${c} needs a source and a destination.`);
  if ((c === 'sync' || c === 'diff') && n !== 2) throw new UsageError(`ferry ${c} takes two locations: a source and a destination.`);
  if (c === 'ls' && n !== 1) throw new UsageError('ferry ls takes one location.');
  if (c === 'rm' && n < 1) throw new UsageError('ferry rm needs at least one NAME:bucket/key to delete.');
  if (c === 'resume' && n > 1) throw new UsageError('ferry resume takes at most one job id.');
  if (c === 'jobs' && n > 0) throw new UsageError('ferry jobs takes no operands.');
}

export { USAGE } from './usage.js';
