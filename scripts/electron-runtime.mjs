// Where Electron's runtime binary is, if npm (or `npm start`) fetched it.
// Shared by `npm start` and the `_electron` Playwright spec.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const electronDir = path.resolve('node_modules/electron');

/** Absolute path of the runtime binary, or null where it was never downloaded. */
export function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
