/** What every group of handlers may use: the core's shared services, created once per core. */
import type { AppInfo } from '../api/types.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import type { S3ClientPool } from '../s3/client-factory.js';
import type { SecretOptions } from '../secrets/secret-manager.js';
import type { TransferTuning } from '../transfer/tuning.js';
import type { EventBus } from './event-bus.js';
import type { ProxyEnv } from '../s3/proxy/proxy-choice.js';

export interface CoreOptions {
  shell: AppInfo['shell'];
  /** The folder local panes open first; the user's home by default. */
  homeDir?: string;
  /** Where profiles, settings and the transfer journal live; see user-data-dir.ts for the default. */
  userDataDir?: string;
  /** Where secrets live: the desktop shell lends safeStorage; serve mode picks session-only keys or the vault. */
  secrets?: SecretOptions;
  /** Transfer limits (parts in flight, part size, idle timeout…); the defaults suit a desktop. */
  transfer?: Partial<TransferTuning>;
  /**
   * HTTPS_PROXY, HTTP_PROXY, NO_PROXY as the shell knows them: the process's environment by default; the
   * desktop shell may pass the system proxy (from Electron's session) in this shape where none is set.
   */
  proxyEnv?: ProxyEnv;
  /** Serve mode's --root folders: when given, every local path a call names must lie inside one (see local-roots.ts). */
  localRoots?: string[];
  /** The shell's own trash (Electron's shell.trashItem on macOS and Windows); Linux uses the freedesktop.org trash. */
  trashItem?: (file: string) => Promise<void>;
  /** The demo clouds, lent by the host that runs and stops them (serve mode, the desktop shell); absent: no demo here. */
  demo?: { start(): Promise<{ connectionIds: string[] }> };
}

export interface CoreContext {
  options: CoreOptions;
  /** Resolved from options.userDataDir or the platform default; may not exist yet. */
  userDataDir: string;
  events: EventBus;
  connections: ConnectionRegistry;
  clients: S3ClientPool;
  /** Work to stop when the core shuts down. */
  onDispose(cleanup: () => void): void;
}
