/**
 * s5cmd: `cp` with wildcards, `rm`, `ls`. One invocation talks to one
 * endpoint, so a copy between two clouds is staged through tmpfs: download,
 * then upload, and both steps count. s5cmd has no checksum option, so its
 * tuned budget cannot turn integrity checks on as the others do.
 */
import { join } from 'node:path';
import type { Step } from '../measure';
import { locatePeer, peerVersion } from '../peers';
import {
  lastField,
  sameEndpoint,
  split,
  type Budget,
  type Endpoint,
  type Op,
  type Place,
  type Plan,
  type PlanContext,
  type Tool,
} from './types';

function credentials(ep: Endpoint, ctx: PlanContext): Record<string, string> {
  return {
    ...ctx.baseEnv,
    AWS_ACCESS_KEY_ID: ep.server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ep.server.secretAccessKey,
    AWS_REGION: ep.server.region,
    AWS_SHARED_CREDENTIALS_FILE: join(ctx.scratch, 'no-credentials'),
    AWS_CONFIG_FILE: join(ctx.scratch, 'no-config'),
  };
}

/** Source with a wildcard (s5cmd keeps the folder structure below it), destination as a folder. */
function src(p: Place): string {
  return p.kind === 'local' ? `${p.dir}/*` : `s3://${p.bucket}/*`;
}
function dst(p: Place): string {
  return p.kind === 'local' ? `${p.dir}/` : `s3://${p.bucket}/`;
}

export const s5cmd: Tool = {
  id: 's5cmd',
  label: 's5cmd',
  missing: () => (locatePeer('s5cmd') ? undefined : 's5cmd is not installed (npm run bench installs it with Go)'),
  version: () => peerVersion('s5cmd') ?? 's5cmd (not installed)',
  parseListing: lastField,
  plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
    const bin = locatePeer('s5cmd') as string;
    const global = (ep: Endpoint, files?: number): string[] => [
      `--endpoint-url=${ep.server.endpoint}`,
      ...(budget.name === 'tuned' && files ? [`--numworkers=${files}`] : []),
    ];
    const cpFlags = (shape: 'many' | 'one' | 'mix'): string[] => {
      if (budget.name === 'default') return [];
      const { parts, partBytes } = split(budget.tuned, shape);
      return [`--concurrency=${parts}`, `--part-size=${Math.max(5, Math.round(partBytes / 1048576))}`];
    };
    const cp = (ep: Endpoint, shape: 'many' | 'one' | 'mix', from: string, to: string, label: string): Step => ({
      label,
      argv: [bin, ...global(ep, split(budget.tuned, shape).files), 'cp', ...cpFlags(shape), from, to],
      env: credentials(ep, ctx),
    });
    switch (op.kind) {
      case 'copy': {
        const { from, to, shape } = op;
        if (from.kind === 's3' && to.kind === 's3' && !sameEndpoint(from, to)) {
          const stage = join(ctx.scratch, 'stage');
          return {
            staged: true,
            steps: [
              cp(from.ep, shape, src(from), `${stage}/`, 's5cmd cp (download to tmpfs)'),
              cp(to.ep, shape, `${stage}/*`, dst(to), 's5cmd cp (upload from tmpfs)'),
            ],
          };
        }
        const ep = from.kind === 's3' ? from.ep : to.kind === 's3' ? to.ep : undefined;
        if (!ep) return { unsupported: 'local to local is not a workload' };
        return { steps: [cp(ep, shape, src(from), dst(to), 's5cmd cp')] };
      }
      case 'delete':
        return {
          steps: [
            {
              label: 's5cmd rm',
              argv: [bin, ...global(op.at.ep, budget.tuned.inFlight), 'rm', src(op.at)],
              env: credentials(op.at.ep, ctx),
            },
          ],
        };
      case 'list':
        return {
          steps: [
            {
              label: 's5cmd ls',
              argv: [bin, ...global(op.at.ep), 'ls', src(op.at)],
              env: credentials(op.at.ep, ctx),
              stdoutFile: op.stdoutFile,
            },
          ],
        };
      case 'sync':
        return {
          steps: [
            {
              label: 's5cmd sync',
              argv: [bin, ...global(op.to.ep, budget.tuned.inFlight), 'sync', src(op.from), dst(op.to)],
              env: credentials(op.to.ep, ctx),
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
