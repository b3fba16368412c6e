/**
 * rclone: `copy` for every direction (streams between two remotes, copies
 * server-side inside one), `delete`, and `lsf --fast-list` for listing.
 * Remotes are defined through RCLONE_CONFIG_* variables so no config file of
 * the user's is read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locatePeer, peerVersion } from '../peers';
import { split, type Budget, type Op, type Place, type Plan, type PlanContext, type Tool } from './types';

function remoteEnv(op: Op): Record<string, string> {
  const env: Record<string, string> = {};
  const places = op.kind === 'copy' || op.kind === 'sync' ? [op.from, op.to] : [op.at];
  for (const p of places) {
    if (p.kind !== 's3') continue;
    const r = `RCLONE_CONFIG_${p.ep.name.toUpperCase()}_`;
    env[`${r}TYPE`] = 's3';
    env[`${r}PROVIDER`] = p.ep.server.kind === 'minio' ? 'Minio' : 'Other';
    env[`${r}ENV_AUTH`] = 'false';
    env[`${r}ACCESS_KEY_ID`] = p.ep.server.accessKeyId;
    env[`${r}SECRET_ACCESS_KEY`] = p.ep.server.secretAccessKey;
    env[`${r}ENDPOINT`] = p.ep.server.endpoint;
    env[`${r}REGION`] = p.ep.server.region;
    env[`${r}FORCE_PATH_STYLE`] = 'true';
  }
  return env;
}

function loc(p: Place): string {
  return p.kind === 'local' ? p.dir : `${p.ep.name}:${p.bucket}`;
}

export const rclone: Tool = {
  id: 'rclone',
  label: 'rclone',
  missing: () => (locatePeer('rclone') ? undefined : 'rclone is not installed (npm run bench installs it with Go)'),
  version: () => peerVersion('rclone') ?? 'rclone (not installed)',
  parseListing: (stdout) => stdout.split('\n').filter((l) => l.length > 0),
  plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
    const bin = locatePeer('rclone') as string;
    // An empty config file of the run's own: remotes come from the environment, nothing from the user's setup.
    const config = join(ctx.scratch, 'rclone.conf');
    writeFileSync(config, '');
    const env = { ...ctx.baseEnv, RCLONE_CONFIG: config, ...remoteEnv(op) };
    const tuned = (shape: 'many' | 'one' | 'mix'): string[] => {
      if (budget.name === 'default') return [];
      const { files, parts, partBytes } = split(budget.tuned, shape);
      // rclone reads a bare number as KiB.
      const p = `${Math.round(partBytes / 1024)}Ki`;
      return [
        `--transfers=${files}`,
        `--checkers=${budget.tuned.inFlight}`,
        `--s3-upload-concurrency=${parts}`,
        `--s3-chunk-size=${p}`,
        `--s3-upload-cutoff=${p}`,
        `--s3-copy-cutoff=${p}`,
        `--multi-thread-streams=${parts}`,
        `--multi-thread-chunk-size=${p}`,
        `--multi-thread-cutoff=${p}`,
        // Checksums stay on (rclone's default MD5 on uploads and check after downloads), as Ferry's always are.
      ];
    };
    switch (op.kind) {
      case 'copy':
        return { steps: [{ label: 'rclone copy', argv: [bin, 'copy', ...tuned(op.shape), loc(op.from), loc(op.to)], env }] };
      case 'delete': {
        const flags = budget.name === 'tuned' ? [`--checkers=${budget.tuned.inFlight}`, `--transfers=${budget.tuned.inFlight}`] : [];
        return { steps: [{ label: 'rclone delete', argv: [bin, 'delete', ...flags, loc(op.at)], env }] };
      }
      case 'list':
        return { steps: [{ label: 'rclone lsf', argv: [bin, 'lsf', '--fast-list', loc(op.at)], env, stdoutFile: op.stdoutFile }] };
      case 'sync':
        // rclone's own default (size and modification time), as every tool here runs with its own.
        return { steps: [{ label: 'rclone sync', argv: [bin, 'sync', ...tuned('many'), loc(op.from), loc(op.to)], env }] };
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
  },
};
