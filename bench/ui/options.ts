/** The UI listing bench's command line, and the folder it lists. */
import { existsSync } from 'node:fs';

export interface Options {
  keys: number;
  runs: number;
  workDir: string;
  /** Record a CPU profile of the window while G1 scrolls, and print where its time went. */
  profile: boolean;
  /** G3 instead of L2/G1/G2: a pane of `rows` rows scrolled while a copy of `copy` objects runs, six panes open. */
  g3: boolean;
  rows: number;
  copy: number;
  /** G3 saves the window as it was when the scrolling ended here. */
  screenshot: string;
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
    g3: false,
    rows: 100_000,
    copy: 10_000,
    screenshot: 'test-results/bench-g3.png',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--profile' || flag === '--g3') {
      if (flag === '--g3') opts.g3 = true;
      else opts.profile = true;
      continue;
    }
    if (flag === '--keys' && value) opts.keys = Number(value.replace(/_/g, ''));
    else if (flag === '--rows' && value) opts.rows = Number(value.replace(/_/g, ''));
    else if (flag === '--copy' && value) opts.copy = Number(value.replace(/_/g, ''));
    else if (flag === '--runs' && value) opts.runs = Number(value);
    else if (flag === '--work-dir' && value) opts.workDir = value;
    else {
      log(
        'usage: node bench/ui-listing.mjs [--keys N (default 1000000)] [--runs N (default 5)] [--work-dir DIR] [--profile]\n' +
          '       node bench/ui-listing.mjs --g3 [--rows N (default 100000)] [--copy N (default 10000)] [--work-dir DIR]\n' +
          "       add --host-node to run Ferry's core on this machine's Node instead of Node 24",
      );
      process.exit(flag === '--help' ? 0 : 2);
    }
    i++;
  }
  if (!Number.isInteger(opts.keys) || opts.keys < 1000) throw new Error('--keys must be a whole number of at least 1000');
  if (!Number.isInteger(opts.rows) || opts.rows < 1000) throw new Error('--rows must be a whole number of at least 1000');
  if (!Number.isInteger(opts.copy) || opts.copy < 1) throw new Error('--copy must be a whole number of at least 1');
  return opts;
}
