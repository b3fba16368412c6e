/**
 * Ferry through its command line (`node dist/cli/index.cjs`), the same
 * transfer engine the app runs. Connections come from FERRY_<NAME>_*
 * variables, locations are `name:bucket/` or local paths.
 *
 * `ferry cp -r FOLDER dest` copies the folder itself (as `dest/FOLDER/...`),
 * like `cp -r`; the other tools are asked to copy a folder's contents, so
 * Ferry gets the folder's entries as sources, as a shell expands `FOLDER/*`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../repo';
import {
  endpointsOf,
  ferryEnv,
  ferryLocation,
  lastField,
  own,
  split,
  type Budget,
  type Endpoint,
  type Op,
  type Place,
  type Plan,
  type PlanContext,
  type Tool,
} from './types';

export const FERRY_CLI = join(REPO_ROOT, 'dist', 'cli', 'index.cjs');
const CLI_SOURCE = join(REPO_ROOT, 'app', 'cli');

/**
 * Ferry's command line run untimed to prepare a workload, straight to `ep`'s
 * own server (never through a proxy the tools are measured through). `args`
 * gets the location of a bucket there; a failure throws with what Ferry printed.
 */
export function prepareWithFerry(ep: Endpoint, what: string, args: (bucketLocation: (bucket: string) => string) => string[]): void {
  const direct = { name: ep.name, server: own(ep) };
  const res = spawnSync(process.execPath, [FERRY_CLI, ...args((bucket) => ferryLocation({ kind: 's3', ep: direct, bucket }))], {
    env: { ...process.env, ...ferryEnv(direct) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0) throw new Error(`ferry could not ${what}: ${res.stderr || res.stdout}`);
}

let helpText: string | undefined;
function help(cli: string): string {
  if (helpText === undefined) {
    const res = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    helpText = `${res.stdout ?? ''}\n${res.stderr ?? ''}`;
  }
  return helpText;
}

/**
 * The Node a Ferry column runs on. The desktop app runs the engine on
 * Electron's Node (24), so `ferry` is measured there; `ferry-node20` runs the
 * same bundle on the machine's own Node 20, which the command line and serve
 * mode still support. `node` is undefined when that runtime is not here, and
 * `missing` says why.
 */
export interface FerryRuntime {
  id: 'ferry' | 'ferry-node20';
  label: string;
  node?: string;
  missing?: string;
}

/** Version of the Node at `node` (v24.22.3), read by running it. */
export function nodeVersionOf(node: string): string {
  const res = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return (res.stdout ?? '').trim() || 'unknown';
}

function sources(p: Place): string[] {
  if (p.kind === 's3') return [ferryLocation(p)];
  return readdirSync(p.dir)
    .sort()
    .map((name) => join(p.dir, name));
}

const HOST: FerryRuntime = { id: 'ferry', label: 'Ferry', node: process.execPath };

export function ferryTool(cli = FERRY_CLI, runtime: FerryRuntime = HOST): Tool {
  const nodeBin = runtime.node ?? process.execPath;
  let nodeVersion: string | undefined;
  return {
    id: runtime.id,
    label: runtime.label,
    missing() {
      if (runtime.missing) return runtime.missing;
      if (existsSync(cli)) return undefined;
      if (!existsSync(CLI_SOURCE)) return "Ferry's command line is not built yet (app/cli/ does not exist)";
      return `Ferry's command line is not built (${cli} is missing; run npm run build)`;
    },
    version() {
      const res = spawnSync(nodeBin, [cli, '--version'], { encoding: 'utf8' });
      const v = (res.stdout ?? '').trim().split('\n')[0];
      nodeVersion ??= nodeVersionOf(nodeBin);
      // Node 20 has no compile cache to keep.
      const cache = Number(/^v(\d+)/.exec(nodeVersion)?.[1] ?? 0) >= 22 ? ', V8 compile cache kept between runs' : '';
      return `ferry ${v || '(no --version)'} on node ${nodeVersion}${cache}`;
    },
    parseListing: lastField,
    plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
      // V8's compiled code of Ferry's bundle is kept between runs of one benchmark, as between a user's calls
      // (Node's compile cache lives in the temp folder, which each run gets fresh): the warm-up run fills it.
      const compileCache = join(dirname(ctx.scratch), `${runtime.id}-compile-cache`);
      const env = { ...ctx.baseEnv, NODE_COMPILE_CACHE: compileCache, ...ferryEnv(...endpointsOf(op)) };
      // FERRY_BENCH_PROFILE=DIR: every Ferry run writes a CPU profile there (bench/profile-top.mjs reads it); figures of profiled runs are not comparable.
      const profileDir = process.env.FERRY_BENCH_PROFILE;
      // FERRY_BENCH_NODE_FLAGS: more flags for Node in every Ferry run (a memory probe's -r, a V8 flag being tried); such runs are not comparable either.
      const extra = (process.env.FERRY_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
      const node = [nodeBin, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...extra, cli];
      const tuned = (shape: 'many' | 'one' | 'mix'): string[] => {
        if (budget.name === 'default') return [];
        const { files, parts, partBytes } = split(budget.tuned, shape);
        const size = `${partBytes}`;
        return [
          ...['--objects', `${files}`, '--parts', `${parts}`, '--sockets', `${budget.tuned.inFlight}`],
          ...['--part-size', size, '--multipart-threshold', size, '--copy-threshold', size, '--copy-part-size', size],
        ];
      };
      switch (op.kind) {
        case 'copy':
          return {
            steps: [{ label: 'ferry cp', argv: [...node, 'cp', '-r', ...tuned(op.shape), ...sources(op.from), ferryLocation(op.to)], env }],
          };
        case 'delete': {
          if (!help(cli).includes('ferry rm ')) return { unsupported: 'this build of ferry has no rm command' };
          // Tuned: the same number of requests in flight as every peer (DeleteObjects batches of 1,000 keys).
          const flags = budget.name === 'tuned' ? ['--batches', `${budget.tuned.inFlight}`, '--sockets', `${budget.tuned.inFlight}`] : [];
          return { steps: [{ label: 'ferry rm', argv: [...node, 'rm', '-r', '--quiet', ...flags, ferryLocation(op.at)], env }] };
        }
        case 'list':
          return { steps: [{ label: 'ferry ls', argv: [...node, 'ls', '-r', ferryLocation(op.at)], env, stdoutFile: op.stdoutFile }] };
        case 'sync':
          if (!help(cli).includes('ferry sync ')) return { unsupported: 'this build of ferry has no sync command' };
          return {
            steps: [
              {
                label: 'ferry sync',
                argv: [...node, 'sync', '--quiet', ...tuned('many'), ferryLocation(op.from), ferryLocation(op.to)],
                env,
              },
            ],
          };
        default: {
          const never: never = op;
          throw new Error(`unknown op ${JSON.stringify(never)}`);
        }
      }
    },
  };
}
