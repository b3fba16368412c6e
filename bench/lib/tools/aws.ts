/**
 * The AWS CLI (v1, from PyPI): `s3 cp --recursive`, `s3 rm --recursive`,
 * `s3 ls --recursive`. One invocation talks to one endpoint, so a copy
 * between two clouds is staged through tmpfs and both steps count. Settings
 * live in a config file of the run's own; the tuned budget sets the request
 * pool, part size and threshold there and keeps the CLI's default checksums
 * (CRC32 on uploads, validated on downloads) on, as Ferry's MD5 checks are.
 */
import { writeFileSync } from 'node:fs';
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

function url(p: Place): string {
  return p.kind === 'local' ? p.dir : `s3://${p.bucket}/`;
}

export const aws: Tool = {
  id: 'aws',
  label: 'AWS CLI',
  missing: () => (locatePeer('aws') ? undefined : 'the AWS CLI is not installed (npm run bench installs it from PyPI)'),
  version: () => peerVersion('aws') ?? 'aws-cli (not installed)',
  parseListing: lastField,
  plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
    const bin = locatePeer('aws') as string;
    const shape = op.kind === 'copy' ? op.shape : 'many';
    const configFile = join(ctx.scratch, 'aws-config');
    const s3Settings = ['  addressing_style = path'];
    if (budget.name === 'tuned') {
      const { partBytes } = split(budget.tuned, shape);
      s3Settings.push(
        `  max_concurrent_requests = ${budget.tuned.inFlight}`,
        `  multipart_chunksize = ${partBytes}`,
        `  multipart_threshold = ${partBytes}`,
      );
    }
    writeFileSync(configFile, `[default]\ns3 =\n${s3Settings.join('\n')}\n`);
    const env = (ep: Endpoint): Record<string, string> => ({
      ...ctx.baseEnv,
      AWS_ACCESS_KEY_ID: ep.server.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ep.server.secretAccessKey,
      AWS_DEFAULT_REGION: ep.server.region,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(ctx.scratch, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const s3 = (ep: Endpoint, args: string[], label: string, stdoutFile?: string): Step => ({
      label,
      argv: [bin, `--endpoint-url=${ep.server.endpoint}`, 's3', ...args],
      env: env(ep),
      ...(stdoutFile ? { stdoutFile } : {}),
    });
    switch (op.kind) {
      case 'copy': {
        const { from, to } = op;
        const quiet = ['--recursive', '--only-show-errors'];
        if (from.kind === 's3' && to.kind === 's3' && !sameEndpoint(from, to)) {
          const stage = join(ctx.scratch, 'stage');
          return {
            staged: true,
            steps: [
              s3(from.ep, ['cp', ...quiet, url(from), stage], 'aws s3 cp (download to tmpfs)'),
              s3(to.ep, ['cp', ...quiet, stage, url(to)], 'aws s3 cp (upload from tmpfs)'),
            ],
          };
        }
        const ep = from.kind === 's3' ? from.ep : to.kind === 's3' ? to.ep : undefined;
        if (!ep) return { unsupported: 'local to local is not a workload' };
        return { steps: [s3(ep, ['cp', ...quiet, url(from), url(to)], 'aws s3 cp')] };
      }
      case 'delete':
        return { steps: [s3(op.at.ep, ['rm', '--recursive', '--only-show-errors', url(op.at)], 'aws s3 rm')] };
      case 'list':
        return { steps: [s3(op.at.ep, ['ls', '--recursive', url(op.at)], 'aws s3 ls', op.stdoutFile)] };
      case 'sync':
        return { steps: [s3(op.to.ep, ['sync', '--only-show-errors', url(op.from), url(op.to)], 'aws s3 sync')] };
      default: {
        const never: never = op;
        throw new Error(`unknown op ${JSON.stringify(never)}`);
      }
    }
  },
};
