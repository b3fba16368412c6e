/**
 * `ferry`, the command line twin of the app: the same transfer engine for
 * scripts and benchmarks. Exit codes: 0 all done, 1 an item or job failed
 * (or was left paused, or an object could not be deleted), 2 a usage error.
 */
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { FERRY_VERSION } from '../core/version.js';
import { JournalStore } from '../transfer/journal.js';
import { parseArgs, USAGE, UsageError } from './args.js';
import { runLs } from './ls-command.js';
import { runPresign } from './presign-command.js';
import { runRm } from './rm-command.js';
import { cliJournalDir, runTransfer, type CliIO } from './transfer-command.js';

async function listJobs(io: CliIO): Promise<number> {
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
    if (argv[0] === 'presign') return await runPresign(argv.slice(1), io);
    const args = parseArgs(argv);
    switch (args.command) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(FERRY_VERSION);
        return 0;
      case 'ls':
        return await runLs(args, io);
      case 'jobs':
        return await listJobs(io);
      case 'rm':
        return await runRm(args, io);
      case 'cp':
      case 'mv':
      case 'resume':
        return await runTransfer(args, io);
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
    return e.code === 'invalid-arguments' ? 2 : 1;
  }
}
