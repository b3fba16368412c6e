/**
 * Asks for a secret at the terminal without echoing it (the vault's passphrase). The terminal is put in raw
 * mode for the question only: Enter ends the answer, Backspace takes back a character, Ctrl-C or Ctrl-D gives
 * up (null). Nothing typed is written anywhere.
 */
import type { ReadStream } from 'node:tty';

const ENTER = new Set(['\r', '\n']);
const GIVE_UP = new Set(['\u0003', '\u0004']);
const ERASE = new Set(['\u007f', '\b']);

export function askSecretAt(stdin: ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    let typed: string[] = [];
    const finish = (answer: string | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      resolve(answer);
    };
    const onData = (chunk: string) => {
      // By code point, so a Backspace takes back a whole character of a non-ASCII passphrase.
      for (const ch of chunk) {
        if (ENTER.has(ch)) return finish(typed.join(''));
        if (GIVE_UP.has(ch)) return finish(null);
        if (ERASE.has(ch)) typed = typed.slice(0, -1);
        else if (ch >= ' ') typed.push(ch);
      }
    };
    // Echo off before the question shows: an answer typed the moment it appears must not reach the screen.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
    stderr.write(prompt);
  });
}
