/** The UI listing bench's command line, and the folder it lists. */
import { existsSync } from 'node:fs';

export interface Options {
  keys: number;
  runs: number;
  workDir: string;
  /** Record a CPU profile of the window while G1 scrolls, and print where its time went. */
  profile: boolean;
}

/** The one folder every measurement opens. */
export const FOLDER = 'many/';
export const log = (line: string): void => console.log(line);

export function parseOptions(argv: string[]): Options {
  const opts: Options = {
    keys: 1_000_000,
    runs: 5,
    workDir: existsSync('/dev/shm') ? '/dev/shm/ferry-ui-bench' : 'ferry-ui-bench',
    profile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--profile') {
      opts.profile = true;
      continue;
    }
    if (flag === '--keys' && value) opts.keys = Number(value.replace(/_/g, ''));
    else if (flag === '--runs' && value) opts.runs = Number(value);
    else if (flag === '--work-dir' && value) opts.workDir = value;
    else {
      log('usage: node bench/ui-listing.mjs [--keys N (default 1000000)] [--runs N (default 5)] [--work-dir DIR] [--profile]');
      process.exit(flag === '--help' ? 0 : 2);
    }
    i++;
  }
  if (!Number.isInteger(opts.keys) || opts.keys < 1000) throw new Error('--keys must be a whole number of at least 1000');
  return opts;
}
