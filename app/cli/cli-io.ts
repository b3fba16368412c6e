/** What a command of the `ferry` command line writes to and reads from: kept apart so commands can share it without importing each other. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current terminal line; absent when stderr is not a terminal. */
  status?: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}
