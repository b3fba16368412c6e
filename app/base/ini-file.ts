/**
 * A small INI reader for the two credential files Ferry imports (AWS shared
 * config/credentials and rclone's config). Unlike a forgiving parser it
 * keeps each value's line number and stops at the first line it cannot
 * read, naming that line, so a user can fix the file instead of wondering
 * which profile went missing.
 */
export interface IniValue {
  value: string;
  line: number;
}

export interface IniSection {
  name: string;
  line: number;
  /** Keys in lower case; nested AWS sub-settings as `parent.child`. */
  values: Map<string, IniValue>;
}

/** A line the reader cannot read: the message names the file and the line, so the user can fix it. */
export class IniSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'IniSyntaxError';
  }
}

/**
 * The key a malformed line seems to set (`aws_secret_access_key: …`,
 * `secret_access_key …`), for the error; never the rest of the line, which in
 * these files is often a secret. A line that is one word names nothing: the
 * word may be the secret itself.
 */
function keyNamed(line: string): string {
  const m = /^([A-Za-z_][\w.-]{0,63})(?:\s*:|\s+\S)/.exec(line);
  return m ? ` (the line for "${m[1]}" has no "=")` : '';
}

export interface IniOptions {
  /** AWS style: an indented block after an empty `key =` holds sub-settings, and ` #` starts a comment. */
  aws?: boolean;
}

export function parseIni(text: string, file: string, options: IniOptions = {}): IniSection[] {
  const sections = new Map<string, IniSection>();
  let current: IniSection | undefined;
  /** The key whose empty value opened an indented block of sub-settings (AWS `s3 =`). */
  let parent: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = (options.aws ? (raw.split(/(?:^|\s)[;#]/)[0] ?? '') : raw).trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']')) throw new IniSyntaxError(file, lineNo, 'a section header needs a closing "]"');
      const name = trimmed.slice(1, -1).trim();
      if (!name) throw new IniSyntaxError(file, lineNo, 'a section header needs a name between [ and ]');
      current = sections.get(name) ?? { name, line: lineNo, values: new Map() };
      sections.set(name, current);
      parent = undefined;
      return;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new IniSyntaxError(file, lineNo, `expected "key = value" or a [section] header${keyNamed(trimmed)}`);
    if (!current) throw new IniSyntaxError(file, lineNo, 'this setting comes before any [section] header');
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed.slice(eq + 1).trim();
    const indented = /^\s/.test(raw);
    if (options.aws && indented && parent) {
      current.values.set(`${parent}.${key}`, { value, line: lineNo });
      return;
    }
    current.values.set(key, { value, line: lineNo });
    parent = options.aws && value === '' ? key : undefined;
  });
  return [...sections.values()];
}
