/**
 * Connections for the command line. A NAME given by FERRY_<NAME>_* variables
 * (endpoint, region, keys, session token, CA file, path style)
 * lives for this run only, in a throwaway registry, so scripts never write to
 * the user's saved profiles; otherwise a saved connection with that label is
 * used. Both look like one registry to the engine.
 *
 * A saved connection's keys may be in the passphrase vault: it is opened once,
 * before the first request, with FERRY_VAULT_PASSPHRASE or a passphrase asked
 * at the terminal. Keys in the desktop's system keychain cannot be read here,
 * and the error says so (and what to do) instead of "no secret key is known".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '../api/errors.js';
import type { ConnectionDraft } from '../connections/draft.js';
import type { ConnectionSummary } from '../api/types.js';
import type { Learnt } from '../api/connection-types.js';
import { ConnectionRegistry } from '../connections/connection-registry.js';
import { S3ClientPool, type PoolOptions } from '../s3/client-factory.js';
import { SecretManager } from '../secrets/secret-manager.js';
import type { ConnectionLookup } from '../transfer/engine.js';
import { UsageError } from './args.js';
import type { CliIO } from './cli-io.js';
import { envPrefix } from './locations.js';
import { LearntFacts } from './learnt-facts.js';

/** Tries at the terminal before the run gives up, as sudo and ssh do. */
const PASSPHRASE_ATTEMPTS = 3;

function isWrongPassphrase(err: unknown): boolean {
  return err instanceof FerryError && err.details?.reason === 'wrong-passphrase';
}

interface Source {
  registry: ConnectionRegistry;
  pool: S3ClientPool;
}

export class CliConnections implements ConnectionLookup {
  readonly #env: Source;
  readonly #envDir: string;
  #saved: Source | null | undefined;
  readonly #byName = new Map<string, string>();
  /** Which registry holds an id: asked on every request, so remembered. */
  readonly #owner = new Map<string, Source>();
  /** Saved connections this run uses, id → the NAME it was given by. */
  readonly #usedSaved = new Map<string, string>();
  #opening: Promise<void> | undefined;
  /** Connections from the environment, id → what earlier runs' facts about them are kept under. */
  readonly #envIdentity = new Map<string, { endpoint: string; accessKeyId: string }>();
  readonly #learnt: LearntFacts;

  constructor(
    private readonly userDataDir: string,
    private readonly environment: NodeJS.ProcessEnv = process.env,
    /** Sockets per endpoint (matched to the transfer's request limit) and the connect timeout. */
    private readonly clientOptions: PoolOptions = {},
    /** The terminal's way to ask for the vault's passphrase (CliIO.askSecret). */
    private readonly askSecret?: CliIO['askSecret'],
  ) {
    this.#envDir = mkdtempSync(path.join(tmpdir(), 'ferry-cli-'));
    const registry = new ConnectionRegistry(this.#envDir, new SecretManager(this.#envDir, { prefer: 'session' }));
    this.#env = { registry, pool: new S3ClientPool(registry, clientOptions) };
    this.#learnt = new LearntFacts(userDataDir);
  }

  /** The id of connection NAME: from the environment first, else a saved connection with that label. */
  resolve(name: string): string {
    const known = this.#byName.get(name);
    if (known) return known;
    const p = envPrefix(name);
    const endpoint = this.environment[`${p}ENDPOINT`];
    let id: string;
    if (endpoint !== undefined) {
      const accessKeyId = this.environment[`${p}ACCESS_KEY_ID`] ?? '';
      const secretAccessKey = this.environment[`${p}SECRET_ACCESS_KEY`] ?? '';
      if (!accessKeyId || !secretAccessKey) throw new UsageError(`${p}ACCESS_KEY_ID and ${p}SECRET_ACCESS_KEY must be set for "${name}".`);
      const pathStyle = this.environment[`${p}PATH_STYLE`];
      if (pathStyle !== undefined && pathStyle !== 'true' && pathStyle !== 'false')
        throw new UsageError(`${p}PATH_STYLE must be true or false.`);
      // Built here rather than parsed by the calls' schema: the command line then never loads zod and every
      // call's schema (~40 ms of each start). The type still holds it to the schema's output, field by field.
      const sessionToken = this.environment[`${p}SESSION_TOKEN`];
      const caFile = this.environment[`${p}CA_FILE`];
      const draft: ConnectionDraft = {
        label: name,
        providerId: 'other',
        endpoint: endpoint.trim(),
        region: (this.environment[`${p}REGION`] ?? '').trim() || 'us-east-1',
        credentialSource: 'keys',
        accessKeyId: accessKeyId.trim(),
        secretAccessKey,
        ...(pathStyle !== undefined ? { pathStyle: pathStyle === 'true' } : {}),
        ...(sessionToken ? { sessionToken } : {}),
        ...(caFile ? { caFile: path.resolve(caFile) } : {}),
      };
      id = this.#env.registry.add(draft).id;
      const identity = { endpoint: draft.endpoint, accessKeyId: draft.accessKeyId ?? '' };
      this.#envIdentity.set(id, identity);
      // What earlier runs learnt by writing to this server: this run need not write to find out again.
      const known = this.#learnt.get(identity.endpoint, identity.accessKeyId);
      if (known) this.#env.registry.recordLearnt(id, known);
    } else {
      const saved = this.#savedSource()
        ?.registry.list()
        .find((c) => c.label.toLowerCase() === name.toLowerCase());
      if (!saved) {
        // AWS_PROFILE and friends are deliberately not read; say so rather than let the user wonder.
        const aws = ['AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID'].filter((v) => this.environment[v]);
        const note =
          aws.length > 0
            ? ` (${aws.join(', ')} ${aws.length > 1 ? 'are' : 'is'} set, but ferry never reads AWS_* variables: a connection uses exactly what it names)`
            : '';
        throw new UsageError(`No connection "${name}": set ${p}ENDPOINT (and the other ${p}* variables) or save one in Ferry${note}.`);
      }
      id = saved.id;
      this.#usedSaved.set(id, name);
    }
    this.#byName.set(name, id);
    return id;
  }

  /**
   * Call after resolving, before the first request: makes the keys of every saved connection resolved so far
   * readable, opening the vault once if they are in it. Cheap when nothing needs doing.
   */
  async ready(): Promise<void> {
    const saved = this.#saved;
    if (!saved || this.#usedSaved.size === 0) return;
    const locked: string[] = [];
    for (const [id, name] of this.#usedSaved) {
      if (saved.registry.secrets.inKeychainOnly(id)) {
        const p = envPrefix(name);
        throw new FerryError(
          'invalid-credentials',
          `"${name}" keeps its keys in the system keychain, which only the Ferry desktop app can open: give them to ferry as ${p}ENDPOINT, ${p}ACCESS_KEY_ID and ${p}SECRET_ACCESS_KEY.`,
          { details: { reason: 'keychain-only' } },
        );
      }
      if (saved.registry.needsVaultOpen(id)) locked.push(name);
    }
    if (locked.length === 0) return;
    this.#opening ??= this.#openVault(saved.registry.secrets, locked);
    await this.#opening;
  }

  async #openVault(secrets: SecretManager, names: string[]): Promise<void> {
    const given = this.environment.FERRY_VAULT_PASSPHRASE;
    const which = names.map((n) => `"${n}"`).join(', ');
    if (given !== undefined) {
      try {
        await secrets.unlock(given);
        return;
      } catch (err) {
        if (isWrongPassphrase(err)) {
          throw new FerryError('invalid-credentials', 'FERRY_VAULT_PASSPHRASE does not open the key vault.', {
            details: { reason: 'wrong-passphrase' },
          });
        }
        throw err;
      }
    }
    if (!this.askSecret) {
      throw new FerryError(
        'invalid-credentials',
        `The key vault is locked, and ${which} keep${names.length === 1 ? 's its keys' : ' their keys'} in it: run ferry at a terminal to be asked for its passphrase, or set FERRY_VAULT_PASSPHRASE.`,
        { details: { reason: 'vault-locked' } },
      );
    }
    let prompt = `Passphrase of Ferry's key vault (for ${which}): `;
    for (let attempt = 1; ; attempt++) {
      const passphrase = await this.askSecret(prompt);
      if (passphrase === null) throw new FerryError('cancelled', 'No passphrase was given: nothing was done.');
      try {
        await secrets.unlock(passphrase);
        return;
      } catch (err) {
        if (!isWrongPassphrase(err) || attempt === PASSPHRASE_ATTEMPTS) throw err;
        prompt = `That passphrase does not open the key vault. Passphrase: `;
      }
    }
  }

  #savedSource(): Source | null {
    if (this.#saved === undefined) {
      try {
        const registry = new ConnectionRegistry(this.userDataDir, new SecretManager(this.userDataDir, { prefer: 'session' }));
        this.#saved = { registry, pool: new S3ClientPool(registry, this.clientOptions) };
      } catch {
        this.#saved = null;
      }
    }
    return this.#saved;
  }

  #sourceOf(id: string): Source {
    const known = this.#owner.get(id);
    if (known) return known;
    for (const s of [this.#env, this.#savedSource()]) {
      if (s && s.registry.list().some((c) => c.id === id)) {
        this.#owner.set(id, s);
        return s;
      }
    }
    throw new FerryError('not-found', 'That connection no longer exists.', { details: { connectionId: id } });
  }

  /**
   * Where connection `id`'s keys come from, in words a user can go and correct (the variables, or the saved
   * connection); undefined when this command did not name it (a resumed job's journal may name one it no longer has).
   */
  keysOrigin(id: string): string | undefined {
    const name = [...this.#byName].find(([, known]) => known === id)?.[0];
    if (name === undefined) return undefined;
    if (this.#usedSaved.has(id)) return `the keys saved with the connection "${name}" in Ferry`;
    const p = envPrefix(name);
    return `${p}ACCESS_KEY_ID and ${p}SECRET_ACCESS_KEY`;
  }

  /**
   * What a transfer learnt by writing to connection `id`'s server: kept for this run, and for later runs of a
   * connection from the environment. A saved connection's profile is the desktop app's to write: not from here.
   */
  rememberLearnt(id: string, learnt: Learnt): void {
    const identity = this.#envIdentity.get(id);
    if (!identity) return;
    this.#env.registry.recordLearnt(id, learnt);
    this.#learnt.remember(identity.endpoint, identity.accessKeyId, learnt);
  }

  get(id: string): ConnectionSummary {
    return this.#sourceOf(id).registry.get(id);
  }

  list(): ConnectionSummary[] {
    return [...this.#env.registry.list(), ...(this.#savedSource()?.registry.list() ?? [])];
  }

  credentials(id: string) {
    return this.#sourceOf(id).registry.credentials(id);
  }

  redact(text: string): string {
    return [this.#env, this.#saved].reduce((t, s) => (s ? s.registry.redact(t) : t), text);
  }

  client(id: string): S3Client {
    return this.#sourceOf(id).pool.get(id);
  }

  dispose(): void {
    for (const s of [this.#env, this.#saved]) s?.pool.destroyAll();
    rmSync(this.#envDir, { recursive: true, force: true });
  }
}
