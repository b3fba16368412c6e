/**
 * What one benchmark run measures: which workloads, which tools, how many
 * runs, which sizes and the shared "tuned" budget. Full sizes follow
 * shared/design/benchmarks.md; --quick scales them down so the whole suite
 * fits in a coffee break, and every size can be set by hand. The sizes
 * actually used are printed and written to the results file.
 */
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export interface Sizes {
  /** W1, W2, W6-small: how many small files, and their size. */
  smallCount: number;
  smallBytes: number;
  /** W3, W4, W6-large: the one large object. */
  largeBytes: number;
  /** W5, W6-mix: how many files, and the largest (the smallest is 4 KiB). */
  mixCount: number;
  mixMaxBytes: number;
  /** W7: server-side copy of this many small objects, and of one object this large (over 5 GiB needs multipart copy). */
  copySmallCount: number;
  copyBigBytes: number;
  /** W8: objects deleted. */
  deleteCount: number;
  /** L1: keys listed. */
  listKeys: number;
  /** W9: files in the synced folder, how many of them differ at the destination, and their size. */
  syncCount: number;
  syncDiffer: number;
  syncBytes: number;
  /** W1r, W2r, W5r, W6r: latency Toxiproxy adds each way (a cloud's round trip instead of loopback's). */
  remoteLatencyMs: number;
}

export const FULL_SIZES: Sizes = {
  smallCount: 10_000,
  smallBytes: 4096,
  largeBytes: GiB,
  mixCount: 2_000,
  mixMaxBytes: 64 * MiB,
  copySmallCount: 10_000,
  copyBigBytes: 5 * GiB + 64 * MiB,
  deleteCount: 10_000,
  listKeys: 1_000_000,
  syncCount: 100_000,
  syncDiffer: 1_000,
  syncBytes: 1024,
  remoteLatencyMs: 25,
};

export const QUICK_SIZES: Sizes = {
  smallCount: 1_000,
  smallBytes: 4096,
  largeBytes: 128 * MiB,
  mixCount: 200,
  mixMaxBytes: 16 * MiB,
  copySmallCount: 1_000,
  copyBigBytes: 160 * MiB,
  deleteCount: 1_000,
  listKeys: 20_000,
  syncCount: 10_000,
  syncDiffer: 100,
  syncBytes: 1024,
  remoteLatencyMs: 25,
};

export type BudgetName = 'default' | 'tuned';

/**
 * The tuned budget every tool gets: the same requests in flight and part
 * size, and checksums on. Ferry always sends Content-MD5 and checks ETags (it
 * has no switch to stop), so "equally on" is the only equal setting: each peer
 * keeps or turns on its own integrity check where it has one.
 */
export interface TunedBudget {
  inFlight: number;
  partBytes: number;
}

export const TOOL_IDS = ['ferry', 'ferry-node20', 'bare-sdk', 'rclone', 's5cmd', 'mc', 'aws'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

/** Ferry's own columns (on Node 24 and on Node 20): never a peer, and only `ferry` is the one compared. */
export const isFerry = (tool: string): boolean => tool === 'ferry' || tool === 'ferry-node20';

export interface BenchOptions {
  workloads: string[];
  tools: ToolId[];
  budgets: BudgetName[];
  runs: number;
  warmups: number;
  quick: boolean;
  sizes: Sizes;
  tuned: TunedBudget;
  /** tmpfs folder for data sets, server data and downloads. */
  workDir: string;
  resultsDir: string;
  seed: string;
  /** A run still going after this long is killed and counted as failed. */
  runTimeoutSeconds: number;
  installPeers: boolean;
}

export const USAGE = `npm run bench -- [WORKLOAD...] [options]

Workloads: W1 W2 W3 W4 W5 W6 W7 W8 W9 L1, and the remote variants W1r W2r
W5r W6r (default: all). W1, W6, W6r and W7 have parts (W1-vg: the same
upload to versitygw, which closes every connection; W6-small W6-large W6-mix,
W6r-small..., W7-small W7-big) that can be named alone. The remote variants
put every tool behind Toxiproxy, remoteLatencyMs (25) each way.

Options:
  --quick                 smaller data sets (see bench/lib/options.ts)
  --runs N                measured runs per tool and budget (default 5), after
  --warmups N             unmeasured warm-up runs (default 1)
  --tools a,b             subset of: ${TOOL_IDS.join(', ')}
  --budgets a,b           default, tuned (default: both)
  --in-flight N           tuned budget: requests in flight (default 16)
  --part-size MiB         tuned budget: part size in MiB (default 16)
  --size NAME=VALUE       override one size, e.g. --size largeBytes=256MiB, --size listKeys=100000,
                          --size remoteLatencyMs=50
  --work-dir DIR          tmpfs folder (default /dev/shm/ferry-bench)
  --timeout SECONDS       per run (default 1800)
  --seed TEXT             data-set seed (default ferry-bench-1)
  --no-install            do not install missing peers`;

export function parseByteSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|K|M|G)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text} (use e.g. 4096, 64KiB, 16MiB, 1GiB)`);
  const unit = (m[2] ?? 'B').toUpperCase().replace('IB', '');
  const factor = unit === 'K' ? 1024 : unit === 'M' ? MiB : unit === 'G' ? GiB : 1;
  return Math.round(Number(m[1]) * factor);
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${value ?? 'nothing'}`);
  return n;
}

export function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = {
    workloads: [],
    tools: [...TOOL_IDS],
    budgets: ['default', 'tuned'],
    runs: 5,
    warmups: 1,
    quick: false,
    sizes: { ...FULL_SIZES },
    tuned: { inFlight: 16, partBytes: 16 * MiB },
    workDir: '/dev/shm/ferry-bench',
    resultsDir: 'bench/results',
    seed: 'ferry-bench-1',
    runTimeoutSeconds: 1800,
    installPeers: true,
  };
  const overrides: [keyof Sizes, number][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--quick':
        opts.quick = true;
        break;
      case '--runs':
        opts.runs = Math.max(1, positiveInt(arg, next()));
        break;
      case '--warmups':
        opts.warmups = positiveInt(arg, next());
        break;
      case '--tools': {
        const wanted = next().split(',');
        for (const t of wanted) if (!(TOOL_IDS as readonly string[]).includes(t)) throw new Error(`unknown tool ${t}`);
        opts.tools = wanted as ToolId[];
        break;
      }
      case '--budgets': {
        const wanted = next().split(',');
        for (const b of wanted) if (b !== 'default' && b !== 'tuned') throw new Error(`unknown budget ${b}`);
        opts.budgets = wanted as BudgetName[];
        break;
      }
      case '--in-flight':
        opts.tuned.inFlight = Math.max(1, positiveInt(arg, next()));
        break;
      case '--part-size':
        opts.tuned.partBytes = Math.max(5, positiveInt(arg, next())) * MiB;
        break;
      case '--size': {
        const [name, value] = next().split('=');
        if (!name || value === undefined || !(name in FULL_SIZES)) {
          throw new Error(`--size needs NAME=VALUE with NAME one of ${Object.keys(FULL_SIZES).join(', ')}`);
        }
        overrides.push([name as keyof Sizes, name.endsWith('Bytes') ? parseByteSize(value) : positiveInt(name, value)]);
        break;
      }
      case '--work-dir':
        opts.workDir = next();
        break;
      case '--timeout':
        opts.runTimeoutSeconds = positiveInt(arg, next());
        break;
      case '--seed':
        opts.seed = next();
        break;
      case '--no-install':
        opts.installPeers = false;
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n\n${USAGE}`);
        opts.workloads.push(arg.toUpperCase());
    }
  }
  if (opts.quick) opts.sizes = { ...QUICK_SIZES };
  for (const [name, value] of overrides) opts.sizes[name] = value;
  return opts;
}
