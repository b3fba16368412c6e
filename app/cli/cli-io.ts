/** What a command of the `ferry` command line writes to and reads from: kept apart so commands can share it without importing each other. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current terminal line; absent when stderr is not a terminal. */
  status?: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /**
   * Asks the person at the terminal for a secret, without echoing it; null when they gave up (Ctrl-C, Ctrl-D).
   * Absent when stdin or stderr is not a terminal: a script is never stopped by a question.
   */
  askSecret?: (prompt: string) => Promise<string | null>;
}
