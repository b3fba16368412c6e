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
import { join } from 'node:path';
import { REPO_ROOT } from '../repo';
import {
  endpointsOf,
  ferryEnv,
  ferryLocation,
  lastField,
  split,
  type Budget,
  type Op,
  type Place,
  type Plan,
  type PlanContext,
  type Tool,
} from './types';

export const FERRY_CLI = join(REPO_ROOT, 'dist', 'cli', 'index.cjs');
const CLI_SOURCE = join(REPO_ROOT, 'app', 'cli');

let helpText: string | undefined;
function help(cli: string): string {
  if (helpText === undefined) {
    const res = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    helpText = `${res.stdout ?? ''}\n${res.stderr ?? ''}`;
  }
  return helpText;
}

function sources(p: Place): string[] {
  if (p.kind === 's3') return [ferryLocation(p)];
  return readdirSync(p.dir)
    .sort()
    .map((name) => join(p.dir, name));
}

export function ferryTool(cli = FERRY_CLI): Tool {
  return {
    id: 'ferry',
    label: 'Ferry',
    missing() {
      if (existsSync(cli)) return undefined;
      if (!existsSync(CLI_SOURCE)) return "Ferry's command line is not built yet (app/cli/ does not exist)";
      return `Ferry's command line is not built (${cli} is missing; run npm run build)`;
    },
    version() {
      const res = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      const v = (res.stdout ?? '').trim().split('\n')[0];
      return `ferry ${v || '(no --version)'}`;
    },
    parseListing: lastField,
    plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
      const env = { ...ctx.baseEnv, ...ferryEnv(...endpointsOf(op)) };
      // FERRY_BENCH_PROFILE=DIR: every Ferry run writes a CPU profile there (bench/profile-top.mjs reads it); figures of profiled runs are not comparable.
      const profileDir = process.env.FERRY_BENCH_PROFILE;
      const node = [process.execPath, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), cli];
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
