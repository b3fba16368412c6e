/** What the command line prints of keys and server messages: control characters escaped, so none can steer the terminal. */
export function visible(text: string, keepNewlines = false): string {
  // Escaping control characters is the point: a key must not move the cursor, clear the screen, forge a line of
  // output (a newline), or reorder what follows it (bidi overrides, C1 controls, line separators).
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (keepNewlines && c === '\n') return c;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
