// The connection dialog's proxy section as the core checks it: each mistake
// named on its own field, credentials refused in the URL, and the rules that
// decide when a saved password is kept, replaced or forgotten.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { checkProxyUrl, proxyFromDraft, proxyInfo } from '../../app/connections/proxy-setting';

function refusal(run: () => unknown): { field: unknown; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof FerryError) return { field: err.details?.field, message: err.message };
    throw err;
  }
  throw new Error('accepted');
}

const draft = (
  extra: Partial<{ mode: 'system' | 'none' | 'custom'; url: string; username: string; password: string; clearPassword: boolean }>,
) => ({
  mode: 'custom' as const,
  url: 'http://proxy.corp:3128',
  username: '',
  password: '',
  clearPassword: false,
  ...extra,
});

describe('checkProxyUrl', () => {
  it('keeps scheme, host and port (the scheme default port dropped, as URL origins do)', () => {
    expect(checkProxyUrl(' http://Proxy.Corp:3128 ')).toBe('http://proxy.corp:3128');
    expect(checkProxyUrl('https://proxy.corp:443/')).toBe('https://proxy.corp');
    expect(checkProxyUrl('http://[::1]:8080')).toBe('http://[::1]:8080');
    expect(checkProxyUrl('http://10.0.0.1')).toBe('http://10.0.0.1');
  });

  it('names each mistake on the URL field', () => {
    const cases: [string, string][] = [
      ['', 'Enter the proxy URL'],
      ['proxy.corp:3128', 'must start with http:// or https://'],
      ['socks5://proxy.corp:1080', 'not socks5://'],
      ['http://proxy.corp:99999', 'from 1 to 65535, not 99999'],
      ['http://proxy.corp:0', 'from 1 to 65535, not 0'],
      ['http://proxy.corp:http', 'not "http"'],
      ['http://proxy.corp:', 'must be a number from 1 to 65535.'],
      ['http://pro xy:3128', 'is not a valid host name'],
      ['http://:3128', 'not a valid host name'],
      ['http://proxy.corp:3128/path', 'remove the path'],
      ['http://proxy.corp:3128/?q=1', 'remove the path'],
    ];
    for (const [url, words] of cases) {
      const r = refusal(() => checkProxyUrl(url));
      expect(r.field, url).toBe('proxy.url');
      expect(r.message, url).toContain(words);
    }
  });

  it('refuses credentials in the URL and does not repeat them', () => {
    for (const url of ['http://me:s3cr3t-value@proxy.corp:3128', 'http://me@proxy.corp:3128', 'https://:s3cr3t-value@proxy.corp']) {
      const r = refusal(() => checkProxyUrl(url));
      expect(r.field).toBe('proxy.url');
      expect(r.message).toContain('in their own fields, not in the URL');
      expect(r.message).not.toContain('s3cr3t-value');
    }
  });
});

describe('proxyFromDraft', () => {
  const saved = { mode: 'custom' as const, url: 'http://proxy.corp:3128', username: 'me', passwordSaved: true as const };

  it('system and none forget any saved password; no section keeps what was saved', () => {
    expect(proxyFromDraft(draft({ mode: 'system' }), saved, true)).toEqual({ stored: undefined, password: null });
    expect(proxyFromDraft(draft({ mode: 'none' }), saved, true)).toEqual({ stored: { mode: 'none' }, password: null });
    expect(proxyFromDraft(undefined, saved, true)).toEqual({ stored: saved, password: undefined });
  });

  it('a typed password replaces; empty keeps it only for the same proxy and user; clear forgets it', () => {
    expect(proxyFromDraft(draft({ username: 'me', password: 'new' }), saved, true)).toEqual({ stored: saved, password: 'new' });
    expect(proxyFromDraft(draft({ username: 'me' }), saved, true)).toEqual({ stored: saved, password: undefined });
    expect(proxyFromDraft(draft({ username: 'me', clearPassword: true }), saved, true).password).toBeNull();
    expect(proxyFromDraft(draft({ username: 'other' }), saved, true).password).toBeNull();
    expect(proxyFromDraft(draft({ username: 'me', url: 'http://elsewhere:3128' }), saved, true).password).toBeNull();
    expect(proxyFromDraft(draft({ username: 'me' }), saved, false).password).toBeNull();
    // The file says a password was given only while one is kept.
    expect(proxyFromDraft(draft({ username: 'me', clearPassword: true }), saved, true).stored).toEqual({
      mode: 'custom',
      url: saved.url,
      username: 'me',
    });
    expect(proxyFromDraft(draft({ username: 'me', password: 'x' }), undefined, false).stored).toEqual(saved);
  });

  it('names the user-name field for a password without a user, or a colon in the name', () => {
    expect(refusal(() => proxyFromDraft(draft({ password: 'x' }), undefined, false))).toMatchObject({ field: 'proxy.username' });
    expect(refusal(() => proxyFromDraft(draft({ username: 'a:b' }), undefined, false))).toMatchObject({ field: 'proxy.username' });
    expect(refusal(() => proxyFromDraft(draft({ username: 'a', password: 'x\ny' }), undefined, false))).toMatchObject({
      field: 'proxy.password',
    });
  });

  it('the renderer learns where a password is, never what it is', () => {
    expect(proxyInfo(saved, 'stored')).toEqual({ mode: 'custom', url: 'http://proxy.corp:3128', username: 'me', password: 'stored' });
    expect(proxyInfo({ mode: 'none' }, 'not-needed')).toEqual({ mode: 'none' });
    expect(proxyInfo(undefined, 'not-needed')).toBeUndefined();
  });
});
