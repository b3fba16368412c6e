import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hiddenNamesIn, type HiddenRules } from '../../app/local/hidden-entries.js';
import { listLocalFolder } from '../../app/local/local-browse.js';

const names = ['.git', '.env', 'desktop.ini', 'NTUSER.DAT', 'notes.txt', 'Photos'];
const windows = (marked: string[]): HiddenRules => ({ platform: 'win32', readHidden: async () => new Set(marked) });

describe('which local entries are hidden', () => {
  it('on Windows, the hidden attribute decides, not a leading dot (as in Explorer), compared without case', async () => {
    const hidden = await hiddenNamesIn('C:\\Users\\ana', names, windows(['DESKTOP.INI', 'ntuser.dat', '.git']));
    expect([...hidden].sort()).toEqual(['.git', 'NTUSER.DAT', 'desktop.ini']);
  });

  it('on Windows, a folder whose attributes cannot be read hides nothing rather than failing the listing', async () => {
    const rules: HiddenRules = { platform: 'win32', readHidden: () => Promise.reject(new Error('cmd.exe missing')) };
    expect((await hiddenNamesIn('C:\\x', names, rules)).size).toBe(0);
  });

  it.each(['linux', 'darwin', 'freebsd'] as const)(
    'on %s, dot-files are hidden and the attribute reader is never asked',
    async (platform) => {
      const rules: HiddenRules = {
        platform,
        readHidden: () => {
          throw new Error('asked for Windows attributes off Windows');
        },
      };
      expect([...(await hiddenNamesIn('/home/ana', names, rules))].sort()).toEqual(['.env', '.git']);
    },
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-hidden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('a real folder listing marks its dot-files and only those', async () => {
    mkdirSync(path.join(dir, '.cache'));
    writeFileSync(path.join(dir, '.profile'), 'x');
    writeFileSync(path.join(dir, 'visible.txt'), 'x');
    const listing = await listLocalFolder({ kind: 'local', path: dir });
    const marks = Object.fromEntries(listing.entries.map((e) => [e.name, e.hidden === true]));
    expect(marks).toEqual({ '.cache': true, '.profile': true, 'visible.txt': false });
  });
});
