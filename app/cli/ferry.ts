/** The `ferry` executable: wires the terminal to main() and exits with its code. */
import type { CliIO } from './transfer-command.js';
import { main } from './index.js';

function terminalIO(): CliIO {
  const tty = process.stderr.isTTY === true;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    ...(tty ? { status: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
    env: process.env,
    cwd: process.cwd(),
  };
}

// The SDK warns about Node 20 in every process; the command line says what matters itself.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
void main(process.argv.slice(2), terminalIO()).then((code) => {
  // Keep-alive sockets and timers must not hold a finished run open.
  process.stdout.write('', () => process.exit(code));
});
