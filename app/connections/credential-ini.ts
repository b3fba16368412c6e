/** The INI reader for credential files, its syntax errors turned into Ferry's: bad input, naming the file and the line. */
import { FerryError } from '../api/errors.js';
import { IniSyntaxError, parseIni, type IniOptions, type IniSection } from '../base/ini-file.js';

export type { IniSection };

export function readIni(text: string, file: string, options: IniOptions = {}): IniSection[] {
  try {
    return parseIni(text, file, options);
  } catch (err) {
    if (err instanceof IniSyntaxError)
      throw new FerryError('invalid-arguments', err.message, { details: { file: err.file, line: err.line } });
    throw err;
  }
}
