/**
 * `ferry rm [-r] NAME:bucket/key-or-prefix...`: deletes one object, or with
 * -r everything under a prefix, through the same request path as transfers
 * (retries, endpoint slots, the shared view of refused endpoints). Every
 * operand is checked before anything is deleted, so a usage error never
 * leaves half the work done. Keys the server refused are printed one by one
 * and the exit code is 1: nothing is claimed deleted that the server did not
 * confirm.
 */
import { HeadObjectCommand, ListObjectsV2Command } from '../sdk/s3-commands.js';
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { deleteObjects, type DeleteEnv, type DeleteTarget } from '../delete/delete-objects.js';
import { UnreachableError, unreachableFor } from '../s3/requests/refused-endpoints.js';
import { failedConnection, send, statusOf, type Conn } from '../s3/requests/request.js';
import { Scheduler } from '../transfer/scheduler.js';
import { sharedSignal } from '../base/semaphore.js';
import { clientOptions, resolveTuning } from '../transfer/tuning.js';
import { UsageError, type ParsedArgs } from './args.js';
import { CliConnections } from './connections.js';
import { defaultConnection } from './cli-location.js';
import { parseLocation } from './locations.js';
import { makeFilter } from '../sync/glob.js';
import { visible } from './visible.js';
import { deleteSummaryJson, deleteSummaryLine, type DeleteReport } from './report.js';
import type { CliIO } from './cli-io.js';

/** Failures printed on the terminal; the rest are counted. */
const PRINTED_FAILURES = 20;

type Planned = { target: DeleteTarget } | { missing: { bucket: string; key: string } };

async function exists(env: DeleteEnv, conn: Conn, bucket: string, key: string, signal: AbortSignal): Promise<boolean | null> {
  try {
    await send(env, conn, signal, () => new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    // No right to look (403) says nothing about the key: the delete itself will answer.
    if (statusOf(err) === 403) return null;
    throw err;
  }
}

async function hasKeysUnder(env: DeleteEnv, conn: Conn, bucket: string, prefix: string, signal: AbortSignal): Promise<boolean> {
  const out = await send(env, conn, signal, () => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
  return (out.KeyCount ?? out.Contents?.length ?? 0) > 0;
}

async function plan(
  conns: CliConnections,
  env: DeleteEnv,
  text: string,
  args: ParsedArgs,
  io: CliIO,
  signal: AbortSignal,
): Promise<Planned> {
  const recursive = args.recursive;
  const loc = parseLocation(text, io.cwd, defaultConnection(args, io));
  if (loc.kind === 'local')
    throw new UsageError(`ferry rm deletes objects, not local files: write NAME:bucket/key (${text} is a local path).`);
  if (!loc.bucket) throw new UsageError(`${loc.name}: names no bucket; write ${loc.name}:bucket/key (ferry rm never deletes a bucket).`);
  const id = conns.resolve(loc.name);
  await conns.ready();
  const conn: Conn = { id, summary: conns.get(id), client: conns.client(id) };
  const where = `${loc.name}:${loc.bucket}/${loc.key}`;
  const filter = makeFilter(args.filters);
  const prefix = (key: string): Planned => ({ target: { conn, bucket: loc.bucket, key, prefix: true, ...(filter ? { filter } : {}) } });
  const single: Planned = { target: { conn, bucket: loc.bucket, key: loc.key, prefix: false } };
  if (loc.key === '' || loc.key.endsWith('/')) {
    if (recursive) return prefix(loc.key);
    if (loc.key === '') throw new UsageError(`${where} is the whole bucket: add -r to delete every object in it.`);
    throw new UsageError(`${visible(where)} is a prefix (a folder): add -r to delete it with everything below it.`);
  }
  const found = await exists(env, conn, loc.bucket, loc.key, signal);
  if (found !== false) return single;
  // Like cp -r: a name that is not an object means the folder of that name.
  if (recursive) return prefix(`${loc.key}/`);
  if (await hasKeysUnder(env, conn, loc.bucket, `${loc.key}/`, signal)) {
    throw new UsageError(`${visible(where)} is a folder: add -r to delete it with everything below it.`);
  }
  return { missing: { bucket: loc.bucket, key: loc.key } };
}

/** What the summary says stopped the run: which connection, if the server was out of reach; never a secret. */
function userError(err: unknown, conns: CliConnections, target?: DeleteTarget): { code: string; message: string } {
  let e = toFerryError(err);
  if (err instanceof UnreachableError) {
    const id = failedConnection(err);
    e = unreachableFor(err, id ? conns.get(id) : target?.conn.summary);
  }
  return { code: e.code, message: conns.redact(e.message) };
}

export async function runRm(args: ParsedArgs, io: CliIO): Promise<number> {
  const conns = new CliConnections(defaultUserDataDir(io.env), io.env, clientOptions(args.tuning), io.askSecret);
  const tuning = resolveTuning(args.tuning);
  const env: DeleteEnv = {
    scheduler: new Scheduler(tuning),
    tuning,
    stats: { requests: 0, retries: 0, stalls: 0 },
    unsupported: new Set(),
  };
  const controller = sharedSignal(new AbortController());
  const onSigint = () => controller.abort(new FerryError('cancelled', 'Interrupted.'));
  process.once('SIGINT', onSigint);
  const report: DeleteReport = { deleted: 0, failed: 0, failures: [], stats: env.stats };
  const started = Date.now();
  const ticker =
    io.status && !args.quiet && !args.json
      ? setInterval(() => io.status?.(`deleted ${report.deleted} objects${report.failed ? ` · ${report.failed} failed` : ''}`), 250)
      : undefined;
  try {
    const planned: Planned[] = [];
    try {
      for (const text of args.operands) planned.push(await plan(conns, env, text, args, io, controller.signal));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      report.error = userError(err, conns);
    }
    for (const p of report.error ? [] : planned) {
      if ('missing' in p) {
        report.failed++;
        report.failures.push({ ...p.missing, code: 'NoSuchKey', message: 'No such object.' });
        continue;
      }
      const before = report.deleted;
      const show = (keys: string[]) => {
        if (keys.length === 0) return;
        report.deleted += keys.length;
        io.out(
          keys
            .map((k) =>
              args.json
                ? JSON.stringify({ action: 'delete', bucket: p.target.bucket, key: k })
                : `would delete ${visible(`${p.target.bucket}/${k}`)}`,
            )
            .join('\n'),
        );
      };
      const r = await deleteObjects(env, p.target, controller.signal, {
        ...args.deletion,
        ...(args.dryRun ? { dryRun: show } : {}),
        onProgress: (progress) => (report.deleted = before + progress.deleted),
      });
      if (!args.dryRun) report.deleted = before + r.deleted;
      report.failed += r.failed;
      const bucket = p.target.bucket;
      report.failures.push(...r.failures.map((f) => ({ bucket, ...f, message: conns.redact(f.message) })));
      if (r.error) {
        report.error = userError(r.error, conns, p.target);
        break;
      }
    }
  } finally {
    clearInterval(ticker);
    io.status?.('');
    process.off('SIGINT', onSigint);
    conns.dispose();
  }
  const seconds = (Date.now() - started) / 1000;
  if (args.dryRun) {
    if (args.json) io.out(JSON.stringify({ command: 'rm', dryRun: true, objects: report.deleted }));
    else io.out(`would delete ${report.deleted} objects (dry run: nothing was changed)`);
  } else if (args.json) {
    io.out(JSON.stringify(deleteSummaryJson(report, seconds)));
  } else {
    io.out(deleteSummaryLine(report.deleted, seconds));
    for (const f of report.failures.slice(0, PRINTED_FAILURES))
      io.err(`ferry: failed: ${visible(`${f.bucket}/${f.key}`)}: ${f.code}: ${f.message}`);
    if (report.failed > PRINTED_FAILURES) io.err(`ferry: … and ${report.failed - PRINTED_FAILURES} more.`);
    if (report.failed > 0) io.err(`ferry: ${report.failed} objects could not be deleted.`);
    if (report.error) io.err(`ferry: ${report.error.message}`);
  }
  return report.error || report.failed > 0 ? 1 : 0;
}
