/**
 * `ferry cp`, `ferry mv`, `ferry sync` and `ferry resume`: the same engine as the app, with
 * its own journal folder. A run that is interrupted (Ctrl-C, a kill, a crash)
 * leaves its job in the journal; `ferry resume` picks it up and sends only
 * what is missing. A job that finished is dropped from the journal.
 */
import type { CliIO } from './cli-io.js';
import { HeadObjectCommand } from '../sdk/s3-commands.js';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { JobSnapshot, TransferSource } from '../api/types.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { TransferEngine } from '../transfer/engine.js';
import { clientOptions } from '../transfer/tuning.js';
import type { Job } from '../transfer/job/job.js';
import { UsageError, type ParsedArgs } from './args.js';
import { CliConnections } from './connections.js';
import { JobLock } from './job-lock.js';
import { parseLocation, toDestination, toSource } from './locations.js';
import { leftOutLines, progressLine, summaryJson, summaryLine, syncLine } from './report.js';
import { defaultConnection } from './cli-location.js';
import { planOnly } from './dry-run.js';
import { visible } from './visible.js';
import { startSync, syncDryRun } from './sync-command.js';

export function cliJournalDir(userDataDir: string): string {
  return path.join(userDataDir, 'cli-transfers');
}

async function sourceFor(
  conns: CliConnections,
  text: string,
  recursive: boolean,
  cwd: string,
  connection?: string,
): Promise<TransferSource> {
  const loc = parseLocation(text, cwd, connection);
  if (loc.kind === 'local') {
    const info = await stat(loc.path).catch(() => null);
    if (!info) throw new UsageError(`${loc.path} does not exist.`);
    if (info.isDirectory() && !recursive) throw new UsageError(`${loc.path} is a folder: add -r to copy it with everything in it.`);
    return toSource(loc, null, recursive);
  }
  const id = conns.resolve(loc.name);
  await conns.ready();
  // `cp -r NAME:bucket/file.txt` means the file when such an object exists.
  if (recursive && loc.key !== '' && !loc.key.endsWith('/')) {
    const isObject = await conns
      .client(id)
      .send(new HeadObjectCommand({ Bucket: loc.bucket, Key: loc.key }))
      .then(
        () => true,
        () => false,
      );
    if (isObject) return toSource(loc, id, false);
  }
  return toSource(loc, id, recursive);
}

const STOPPED = new Set(['done', 'failed', 'cancelled', 'paused', 'waiting']);

/** A local destination is a folder, made if missing; a file in its place is named as the problem, not as EEXIST. */
async function makeDestinationFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw err;
    const why = code === 'EEXIST' ? `${visible(folder)} is a file` : `a part of ${visible(folder)} is a file`;
    throw new FerryError('invalid-arguments', `${why}: a destination is always a folder. Name a folder (it is created if missing).`);
  }
}

export async function runTransfer(args: ParsedArgs, io: CliIO): Promise<number> {
  const userDataDir = defaultUserDataDir(io.env);
  const conns = new CliConnections(userDataDir, io.env, clientOptions(args.tuning), io.askSecret);
  const watched = new Map<string, (j: JobSnapshot) => void>();
  const engine = new TransferEngine({
    connections: conns,
    clientFor: (id) => conns.client(id),
    rememberLearnt: (id, learnt) => conns.rememberLearnt(id, learnt),
    journalDir: cliJournalDir(userDataDir),
    tuning: args.tuning,
    publish: (jobs) => jobs.forEach((j) => watched.get(j.id)?.(j)),
    forgetFinished: true,
    matchConnectionsByName: true,
  });
  const lock = new JobLock(cliJournalDir(userDataDir));
  let failures = 0;
  let interrupted = false;
  try {
    const jobs: Job[] = [];
    if (args.command === 'resume') {
      const headers = (await engine.journalled()).filter((h) => (args.operands[0] ? h.id === args.operands[0] : true));
      if (args.operands[0] && headers.length === 0)
        throw new UsageError(`No unfinished job ${args.operands[0]} in ${cliJournalDir(userDataDir)}.`);
      if (!args.operands[0] && !args.all && headers.length > 1) {
        throw new UsageError(`${headers.length} unfinished jobs: name one (see ferry jobs) or pass --all.`);
      }
      for (const h of headers) {
        // The journal names each connection; the same NAME from the environment stands in for it.
        for (const note of Object.values(h.connections)) conns.resolve(note.label);
        await conns.ready();
        const job = await engine.restore(h.id);
        if (job) jobs.push(job);
      }
      if (jobs.length === 0) io.err('ferry: no unfinished jobs to resume.');
    } else if (args.command === 'sync') {
      if (args.dryRun) return await syncDryRun(engine, conns, args, io);
      jobs.push(await startSync(engine, conns, args, io));
    } else {
      const operands = [...args.operands];
      const destText = operands.pop() as string;
      const named = defaultConnection(args, io);
      const sources = await Promise.all(operands.map((o) => sourceFor(conns, o, args.recursive, io.cwd, named)));
      const dloc = parseLocation(destText, io.cwd, named);
      const destination = toDestination(dloc, dloc.kind === 's3' ? conns.resolve(dloc.name) : null);
      await conns.ready();
      if (args.dryRun) return await planOnly(engine, sources, destination, args, io);
      if (destination.kind === 'local') await makeDestinationFolder(destination.path);
      const mode = args.command === 'mv' ? 'move' : 'copy';
      jobs.push(await engine.start({ sources, destination, mode, conflict: args.conflict, filters: args.filters }));
    }

    for (const job of jobs) {
      if (!lock.take(job.id)) {
        io.err(`ferry: job ${job.id} is already running in another ferry process.`);
        failures++;
        continue;
      }
      const started = Date.now();
      if (!args.quiet && !args.json) io.err(`ferry: job ${job.id} (if interrupted: ferry resume ${job.id})`);
      const finished = new Promise<JobSnapshot>((resolve) => {
        watched.set(job.id, (j) => {
          if (STOPPED.has(j.state) && !job.running) resolve(j);
        });
      });
      const ticker = io.status && !args.quiet ? setInterval(() => io.status?.(progressLine(job.snapshot())), 250) : undefined;
      const onSigint = () => {
        interrupted = true;
        void job.pause();
      };
      process.once('SIGINT', onSigint);
      if (job.state === 'failed') job.retry();
      else if (job.state === 'paused' || job.state === 'waiting') job.resume();
      const end = await finished;
      process.off('SIGINT', onSigint);
      clearInterval(ticker);
      io.status?.('');
      await engine.settle(job);
      lock.release(job.id);
      const seconds = (Date.now() - started) / 1000;
      const report = engine.report(job.id);
      if (args.json) io.out(JSON.stringify(summaryJson(args.command, report, seconds)));
      else if (args.command === 'sync' || job.sources[0]?.kind === 'sync') io.out(syncLine(end, report.methods.delete ?? 0, seconds));
      else io.out(summaryLine(job.mode === 'move' ? 'moved' : 'copied', end, seconds));
      if (end.itemsSkipped > 0 && !args.json) io.err(`ferry: skipped ${end.itemsSkipped} objects that were already there.`);
      if (end.leftOut && !args.json) for (const line of leftOutLines(end.leftOut)) io.err(line);
      if (interrupted && end.state === 'paused') {
        io.err(`ferry: interrupted; the job is paused and keeps what it finished. Resume it with: ferry resume ${job.id}`);
        return 130;
      }
      if (end.state === 'paused' || end.state === 'waiting') {
        const q = end.question;
        // The command line cannot ask for keys: it says which ones were refused and where they come from.
        const origin = q?.kind === 'credentials' ? conns.keysOrigin(q.connectionId) : undefined;
        if (q && origin) io.err(`ferry: the server refused ${origin} (${q.message}). Correct them, then: ferry resume ${job.id}`);
        else io.err(`ferry: ${q?.message ?? 'paused'}; resume with: ferry resume ${job.id}`);
        failures++;
        continue;
      }
      if (end.itemsFailed > 0 || end.state !== 'done') {
        failures++;
        const failed = job.items(0, 20, true).items;
        for (const item of failed) {
          const from = item.source.kind === 'local' ? item.source.path : `${item.source.bucket}/${item.source.key}`;
          io.err(`ferry: failed: ${from}: ${item.error?.message ?? 'unknown error'}`);
        }
        if (end.error) io.err(`ferry: ${end.error.message}`);
        // Stopped whole (a server out of reach, a missing bucket): its unfinished items wait in the journal. A job that
        // stopped before listing a single item (its source bucket is not there) has nothing to continue.
        const listed = job.items(0, 0, false).total;
        if (end.error && listed > end.itemsFailed && end.error.code !== 'invalid-arguments')
          io.err(`ferry: the job keeps what is not copied yet; continue it with: ferry resume ${job.id}`);
        // Nothing listed, or a destination no server will take: no resume could ever finish it, so its journal goes.
        else if (end.error && end.itemsFailed === 0) await engine.dismiss(job.id);
      }
    }
    return failures > 0 ? 1 : 0;
  } finally {
    lock.releaseAll();
    await engine.dispose();
    conns.dispose();
  }
}
