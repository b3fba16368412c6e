/**
 * The connection's proxy: follow the system (the environment's HTTPS_PROXY,
 * HTTP_PROXY and NO_PROXY, or the desktop's system proxy), no proxy at all,
 * or this connection's own. The password is write-only: the form only learns
 * that one is saved, and may replace or forget it.
 */
import { useId, useState, type RefObject } from 'react';
import type { ProxyMode, SecretState } from '../../../../app/api/types';
import type { FormState } from './connection-draft';
import { proxyProblems } from './proxy-form';

interface Props {
  form: FormState;
  set(change: Partial<FormState>): void;
  /** Where the saved password is ('stored', 'session', 'locked'), when one was saved. */
  savedPassword: SecretState | undefined;
  /** The core's verdict on a proxy field, named by its field ('proxy.url'...). */
  serverError: { field: string; message: string } | undefined;
  /** Where "Enter the proxy password" after a 407 puts the focus. */
  passwordRef?: RefObject<HTMLInputElement | null>;
}

const MODES: [ProxyMode, string][] = [
  ['system', 'System or environment'],
  ['none', 'No proxy'],
  ['custom', 'This proxy'],
];

export const PROXY_SUMMARY: Record<ProxyMode, string> = {
  system: 'system or environment',
  none: 'none',
  custom: 'this connection’s own',
};

export function ProxyFields({ form, set, savedPassword, serverError, passwordRef }: Props) {
  const [open, setOpen] = useState(form.proxyMode !== 'system' || serverError !== undefined);
  const urlErrorId = useId();
  const userErrorId = useId();
  const passErrorId = useId();
  const problems = proxyProblems(form);
  const errorOf = (name: 'url' | 'username' | 'password') =>
    serverError?.field === `proxy.${name}` ? serverError.message : name === 'password' ? undefined : problems[name];
  const invalid = (name: 'url' | 'username' | 'password', id: string) =>
    errorOf(name) ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
  const hasSaved = savedPassword === 'stored' || savedPassword === 'session' || savedPassword === 'locked';
  const keeping = hasSaved && !form.proxyClearPassword && !form.proxyPassword;

  return (
    <details className="proxy-section" open={open || Boolean(serverError)} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Proxy: {PROXY_SUMMARY[form.proxyMode]}</summary>
      <fieldset className="credential-source">
        <legend>How Ferry reaches this endpoint</legend>
        <div className="radio-row">
          {MODES.map(([value, label]) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="proxyMode"
                value={value}
                checked={form.proxyMode === value}
                onChange={() => set({ proxyMode: value })}
              />
              {label}
            </label>
          ))}
        </div>
        {form.proxyMode === 'system' && (
          <p className="muted">
            Uses HTTPS_PROXY, HTTP_PROXY and NO_PROXY where they are set, else the system’s proxy settings in the desktop app.
          </p>
        )}
        {form.proxyMode === 'none' && (
          <p className="muted">Connects straight to the endpoint, even where a proxy is set in the environment.</p>
        )}
        {form.proxyMode === 'custom' && (
          <>
            <label>
              Proxy URL
              <input
                name="proxy.url"
                {...invalid('url', urlErrorId)}
                value={form.proxyUrl}
                onChange={(e) => set({ proxyUrl: e.target.value })}
                placeholder="http://proxy.example.com:3128"
                inputMode="url"
                spellCheck={false}
                required
              />
            </label>
            {errorOf('url') && (
              <p id={urlErrorId} className="field-error">
                {errorOf('url')}
              </p>
            )}
            <div className="proxy-auth">
              <label>
                Proxy user name (optional)
                <input
                  name="proxy.username"
                  {...invalid('username', userErrorId)}
                  value={form.proxyUsername}
                  onChange={(e) => set({ proxyUsername: e.target.value })}
                  autoComplete="off"
                  spellCheck={false}
                />
              </label>
              <label>
                Proxy password
                <input
                  name="proxy.password"
                  ref={passwordRef}
                  {...invalid('password', passErrorId)}
                  type="password"
                  value={form.proxyPassword}
                  onChange={(e) => set({ proxyPassword: e.target.value, proxyClearPassword: false })}
                  autoComplete="off"
                  placeholder={keeping ? 'Saved: leave empty to keep it' : ''}
                />
              </label>
            </div>
            {errorOf('username') && (
              <p id={userErrorId} className="field-error">
                {errorOf('username')}
              </p>
            )}
            {errorOf('password') && (
              <p id={passErrorId} className="field-error">
                {errorOf('password')}
              </p>
            )}
            {hasSaved && (
              <p className="muted proxy-saved">
                {form.proxyClearPassword
                  ? 'The saved password will be forgotten when you save.'
                  : form.proxyPassword
                    ? 'The password typed here will replace the saved one.'
                    : `A password is saved${savedPassword === 'session' ? ' for this session' : savedPassword === 'locked' ? ' in the locked key vault' : ''}.`}{' '}
                {!form.proxyClearPassword && (
                  <button type="button" className="link-button" onClick={() => set({ proxyPassword: '', proxyClearPassword: true })}>
                    Forget saved password
                  </button>
                )}
              </p>
            )}
          </>
        )}
      </fieldset>
    </details>
  );
}
