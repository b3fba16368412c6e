/**
 * `ferry`, the command line twin of the app: the same transfer engine for
 * scripts and benchmarks. Exit codes: 0 all done, 1 an item or job failed
 * (or was left paused, or an object could not be deleted; for diff: the
 * sides differ), 2 a usage error, 130 interrupted (the job is paused).
 */
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { FERRY_VERSION } from '../core/version.js';
import { parseArgs, USAGE, UsageError } from './args.js';
import type { CliIO } from './cli-io.js';

// Each command is loaded when it runs: the SDK, zod and the engine cost a fifth of a second to load, which
// `ferry --version` or `ferry --help` should not pay (and `ferry ls` need not pay for the engine).
async function listJobs(io: CliIO): Promise<number> {
  const [{ JournalStore }, { cliJournalDir }] = await Promise.all([import('../transfer/journal.js'), import('./transfer-command.js')]);
  const jobs = await new JournalStore(cliJournalDir(defaultUserDataDir(io.env))).loadAll();
  if (jobs.length === 0) io.out('no journalled jobs');
  for (const j of jobs) {
    const c = j.counters;
    io.out(`${j.header.id}  ${j.state.padEnd(9)}  ${c.done} done, ${c.failed} failed  ${j.header.label}`);
  }
  return 0;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    // presign reads its own flags (presign-command.ts), apart from the transfer commands' parser.
    if (argv[0] === 'presign') return await (await import('./presign-command.js')).runPresign(argv.slice(1), io);
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(FERRY_VERSION);
        return 0;
      case 'ls':
        return await (await import('./ls-command.js')).runLs(args, io);
      case 'jobs':
        return await listJobs(io);
      case 'rm':
        return await (await import('./rm-command.js')).runRm(args, io);
      case 'diff':
        return await (await import('./sync-command.js')).runDiff(args, io);
      case 'cp':
      case 'mv':
      case 'sync':
      case 'resume':
        return await (await import('./transfer-command.js')).runTransfer(args, io);
      default: {
        const unknown: never = args.command;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ferry: ${err.message}`);
      io.err('Run ferry --help for usage.');
      return 2;
    }
    const e = err instanceof FerryError ? err : toFerryError(err);
    io.err(`ferry: ${e.message}`);
    // 2 is for what Ferry itself finds wrong in the command; a name the server refuses is the server's answer.
    return e.code === 'invalid-arguments' && !e.details?.s3Code ? 2 : 1;
  }
}
