/**
 * Where Ferry keeps what lasts (profiles, settings, the transfer journal) when
 * the shell does not say: the desktop app passes Electron's userData folder;
 * serve mode and the command line use the same place Electron would pick, so
 * both shells on one machine share their profiles. FERRY_DATA_DIR overrides.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FERRY_DATA_DIR) return path.resolve(env.FERRY_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Ferry');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Ferry');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Ferry');
}
