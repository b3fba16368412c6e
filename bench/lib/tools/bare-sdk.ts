/** The bare SDK script (bench/bare-sdk.mjs): the same SDK as Ferry with nothing on top. */
import { join } from 'node:path';
import { REPO_ROOT } from '../repo';
import { endpointsOf, ferryEnv, ferryLocation, split, type Budget, type Op, type Plan, type PlanContext, type Tool } from './types';

const SCRIPT = join(REPO_ROOT, 'bench', 'bare-sdk.mjs');

export function bareSdkTool(script = SCRIPT): Tool {
  return {
    id: 'bare-sdk',
    label: 'bare SDK',
    missing: () => undefined,
    version: () => `node ${process.version}, @aws-sdk/client-s3 (Ferry's)`,
    parseListing: (stdout) => stdout.split('\n').filter((l) => l.length > 0),
    plan(op: Op, budget: Budget, ctx: PlanContext): Plan {
      const env = { ...ctx.baseEnv, ...ferryEnv(...endpointsOf(op)) };
      const node = [process.execPath, script];
      switch (op.kind) {
        case 'copy': {
          const { files, parts, partBytes } = split(budget.tuned, op.shape);
          const flags =
            budget.name === 'tuned' ? ['--files', `${files}`, '--parts', `${parts}`, '--part-size', `${partBytes}`, '--checksums'] : [];
          return {
            steps: [{ label: 'bare-sdk copy', argv: [...node, 'copy', ferryLocation(op.from), ferryLocation(op.to), ...flags], env }],
          };
        }
        case 'delete': {
          const flags = budget.name === 'tuned' ? ['--files', `${budget.tuned.inFlight}`] : [];
          return { steps: [{ label: 'bare-sdk delete', argv: [...node, 'delete', ferryLocation(op.at), ...flags], env }] };
        }
        case 'list':
          return { steps: [{ label: 'bare-sdk list', argv: [...node, 'list', ferryLocation(op.at)], env, stdoutFile: op.stdoutFile }] };
        case 'sync':
          return { unsupported: 'the bare SDK script copies; it has no compare' };
        default: {
          const never: never = op;
          throw new Error(`unknown op ${JSON.stringify(never)}`);
        }
      }
    },
  };
}
