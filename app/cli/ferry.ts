/** The `ferry` executable: wires the terminal to main() and exits with its code. */
import { isatty, type ReadStream } from 'node:tty';
import type { CliIO } from './cli-io.js';
import { main } from './index.js';
import { askSecretAt } from './secret-prompt.js';
import { visible } from './visible.js';

function terminalIO(): CliIO {
  const tty = process.stderr.isTTY === true;
  return {
    // Every line is escaped on its way out: keys and server messages reach most of them, and neither may steer the
    // terminal. A line for stderr is one line; stdout may carry several (a page of ls) but no other control.
    out: (line) => process.stdout.write(`${visible(line, true)}\n`),
    err: (line) => process.stderr.write(`${visible(line)}\n`),
    ...(tty ? { status: (line: string) => process.stderr.write(`\r\x1b[2K${visible(line)}`) } : {}),
    // isatty(0), not process.stdin.isTTY: the stdin stream is made only when a question is asked.
    ...(tty && isatty(0)
      ? { askSecret: (prompt: string) => askSecretAt(process.stdin as ReadStream, process.stderr, visible(prompt)) }
      : {}),
    env: process.env,
    cwd: process.cwd(),
  };
}

// On Node older than 22 the SDK prints a six-line warning in every process. The command line
// keeps working there (a newcomer may have nothing newer), so it says the same in one line, and
// only to a person at a terminal: scripts reading stderr are not given a warning on every call.
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (process.stderr.isTTY) {
    process.stderr.write(
      `ferry: Node ${process.versions.node} is past its end of life; future versions of the AWS SDK need Node 22 or later.\n`,
    );
  }
}
void main(process.argv.slice(2), terminalIO()).then((code) => {
  // Keep-alive sockets and timers must not hold a finished run open.
  process.stdout.write('', () => process.exit(code));
});
