// Starts `node dist/serve/index.cjs` exactly as `npm run serve` does after its
// build, and reads the one line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Its user-data folder (FERRY_DATA_DIR), where workspace.json and the rest are kept. */
  dataDir: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<number | null>;
}

export async function startServeProcess(extraArgs: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ferry-data-'));
  const child = spawn(process.execPath, ['dist/serve/index.cjs', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // A fresh data folder per start: tests never read or write the developer's own profiles.
    env: {
      ...process.env,
      FERRY_DATA_DIR: dataDir,
      ...extraEnv,
    },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve mode printed no URL in 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Ferry is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
