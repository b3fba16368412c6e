/**
 * Where keys live, asked only when it must be: unlock the vault (serve mode
 * with --vault, or after locking it), create one, or, on a desktop whose only
 * keyring would store plain text, choose between session-only keys and a
 * vault. Never a silent default that writes keys in the clear.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SecretStoreStatus } from '../../../../app/api/types';
import { CallError } from '../../bridge/ferry-client';
import { useCreateVault, useLockVault, useSecretsStatus, useSessionOnly, useUnlockVault } from './connection-queries';

function errorText(err: unknown): string {
  return err instanceof CallError ? err.data.message : String(err);
}

function PassphraseForm({ creating, onDone }: { creating: boolean; onDone?(): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const unlock = useUnlockVault();
  const create = useCreateVault();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (creating && passphrase !== repeat) {
      setError('The two passphrases differ.');
      return;
    }
    try {
      await (creating ? create.mutateAsync(passphrase) : unlock.mutateAsync(passphrase));
      setPassphrase('');
      setRepeat('');
      onDone?.();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const busy = unlock.isPending || create.isPending;
  return (
    <form onSubmit={submit} className="connection-form">
      <label>
        {creating ? 'New vault passphrase' : 'Vault passphrase'}
        <input
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          required
          autoFocus
          autoComplete={creating ? 'new-password' : 'current-password'}
        />
      </label>
      {creating && (
        <label>
          Repeat the passphrase
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required autoComplete="new-password" />
        </label>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {creating ? 'Create vault' : 'Unlock'}
      </button>
    </form>
  );
}

function promptFor(status: SecretStoreStatus | undefined): 'unlock' | 'create' | 'choose' | null {
  if (!status) return null;
  if (status.needsChoice) return 'choose';
  if (status.mode === 'vault' && status.vault === 'locked') return 'unlock';
  if (status.mode === 'vault' && status.vault === 'absent') return 'create';
  return null;
}

const TITLES = { unlock: 'Unlock key vault', create: 'Create key vault', choose: 'Where should Ferry keep keys?' } as const;

export function SecretsPrompt() {
  const status = useSecretsStatus();
  const sessionOnly = useSessionOnly();
  const prompt = promptFor(status.data);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (prompt && !dialog.open) dialog.showModal();
    if (!prompt && dialog.open) dialog.close();
  }, [prompt]);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog" onCancel={(e) => e.preventDefault()}>
      {prompt && (
        <>
          <h2 id={titleId}>{TITLES[prompt]}</h2>
          {prompt === 'choose' && <p>{status.data?.reason} Keep keys for this session only, or lock them in a vault with a passphrase.</p>}
          {prompt === 'unlock' && <p>Your connections’ keys are in a vault locked with a passphrase.</p>}
          {prompt === 'create' && <p>Ferry keeps keys in a vault locked with a passphrase you choose (at least 8 characters).</p>}
          <PassphraseForm creating={prompt !== 'unlock'} />
          <button type="button" className="link" onClick={() => sessionOnly.mutate()}>
            {prompt === 'unlock' ? 'Continue without the vault (keys for this session only)' : 'Keep keys for this session only'}
          </button>
        </>
      )}
    </dialog>
  );
}

/** In the connections manager: where keys are kept now, and the way to change it. */
export function SecretStorageControls() {
  const status = useSecretsStatus();
  const lock = useLockVault();
  const [creating, setCreating] = useState(false);
  const s = status.data;
  if (!s) return null;
  const where =
    s.mode === 'keychain'
      ? 'in the system keychain'
      : s.mode === 'vault'
        ? `in the passphrase vault (${s.vault})`
        : 'in memory for this session only; they are forgotten when Ferry stops';
  return (
    <section aria-label="Key storage" className="key-storage">
      <p className="muted">Keys are kept {where}.</p>
      {s.mode === 'vault' && s.vault === 'unlocked' && (
        <button type="button" onClick={() => lock.mutate()}>
          Lock vault
        </button>
      )}
      {s.mode === 'session' && !creating && (
        <button type="button" onClick={() => setCreating(true)}>
          {s.vault === 'absent' ? 'Keep keys in a passphrase vault…' : 'Unlock the key vault…'}
        </button>
      )}
      {s.mode === 'session' && creating && <PassphraseForm creating={s.vault === 'absent'} onDone={() => setCreating(false)} />}
    </section>
  );
}
