/**
 * MinIO's mc: `cp --recursive` for uploads, downloads and copies inside one
 * endpoint, `mirror` between two aliases, `rm --recursive --force`, `ls
 * --recursive`. Aliases come from MC_HOST_* variables. mc sizes its pool of
 * file workers itself (it grows it while throughput rises) and has no flag for
 * it, so the tuned budget sets only part size and parts per file, and asks
 * for a CRC32C checksum on what it uploads from disk (mc sends none by default).
 */
import { join } from 'node:path';
import { locatePeer, peerVersion } from '../peers';
import { lastField, sameEndpoint, split, type Budget, type Op, type Place, type Plan, type PlanContext, type Tool } from './types';

function aliasEnv(op: Op): Record<string, string> {
  const env: Record<string, string> = {};
  const places = op.kind === 'copy' || op.kind === 'sync' ? [op.from, op.to] : [op.at];
  for (const p of places) {
    if (p.kind !== 's3') continue;
    const url = new URL(p.ep.server.endpoint);
    url.username = encodeURIComponent(p.ep.server.accessKeyId);
    url.password = encodeURIComponent(p.ep.server.secretAccessKey);
    env[`MC_HOST_${p.ep.name}`] = url.origin.replace('://', `://${url.username}:${url.password}@`);
  }
  return env;
}

function loc(p: Place): string {
  return p.kind === 'local' ? `${p.dir}/` : `${p.ep.name}/${p.bucket}/`;
}

export const mc: Tool = {
  id: 'mc',
  label: 'mc',
  missing: () => (locatePeer('mc') ? undefined : 'mc is not installed (npm run bench installs it with Go)'),
  version: () => peerVersion('mc') ?? 'mc (not installed)',
  parseListing: lastField,
  plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
    const bin = locatePeer('mc') as string;
    const common = ['--quiet', '--no-color', '--disable-pager', `--config-dir=${join(ctx.scratch, 'mc')}`];
    const env = { ...ctx.baseEnv, ...aliasEnv(op) };
    switch (op.kind) {
      case 'copy': {
        const tuned: Record<string, string> =
          budget.name === 'tuned'
            ? {
                MC_UPLOAD_MULTIPART_SIZE: String(split(budget.tuned, op.shape).partBytes),
                MC_UPLOAD_MULTIPART_THREADS: String(split(budget.tuned, op.shape).parts),
              }
            : {};
        const across = op.from.kind === 's3' && op.to.kind === 's3' && !sameEndpoint(op.from, op.to);
        // Only uploads from disk: a server-side copy moves no bytes through mc, and mc's checksum on a
        // copy streamed between two aliases fails on every object (seen with both servers here).
        const uploads = op.to.kind === 's3' && op.from.kind === 'local';
        const checksum = budget.name === 'tuned' && uploads ? ['--checksum', 'CRC32C'] : [];
        const argv = across
          ? [bin, ...common, 'mirror', ...checksum, loc(op.from), loc(op.to)]
          : [bin, ...common, 'cp', '--recursive', ...checksum, loc(op.from), loc(op.to)];
        return { steps: [{ label: across ? 'mc mirror' : 'mc cp', argv, env: { ...env, ...tuned } }] };
      }
      case 'delete':
        return { steps: [{ label: 'mc rm', argv: [bin, ...common, 'rm', '--recursive', '--force', loc(op.at)], env }] };
      case 'list':
        return {
          steps: [{ label: 'mc ls', argv: [bin, ...common, 'ls', '--recursive', loc(op.at)], env, stdoutFile: op.stdoutFile }],
        };
      case 'sync':
        // --overwrite: without it mc mirror leaves an object that differs alone.
        return { steps: [{ label: 'mc mirror', argv: [bin, ...common, 'mirror', '--overwrite', loc(op.from), loc(op.to)], env }] };
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
  },
};
