import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../app/serve/request-guard';

const token = 'tok-123456';
const port = 4321;
const base = { host: `127.0.0.1:${port}`, origin: undefined, url: `/?token=${token}`, cookie: undefined };

describe('serve-mode request guard', () => {
  it('admits the loopback host with the token in the URL, and says so', () => {
    expect(checkRequest(base, token, port)).toEqual({ allowed: true, tokenFromUrl: true });
  });

  it('admits the token from the cookie the first page load set', () => {
    const v = checkRequest({ ...base, url: '/assets/app.js', cookie: `a=1; ferry_token=${token}` }, token, port);
    expect(v).toEqual({ allowed: true, tokenFromUrl: false });
  });

  it('refuses a request with no token, or a wrong or truncated one', () => {
    for (const url of ['/', '/?token=', `/?token=${token}x`, `/?token=${token.slice(0, -1)}`]) {
      expect(checkRequest({ ...base, url }, token, port)).toMatchObject({ allowed: false, status: 401 });
    }
  });

  it('refuses a foreign Host even with the right token (DNS rebinding)', () => {
    for (const host of ['evil.example:4321', `127.0.0.1:${port + 1}`, '127.0.0.1', undefined]) {
      expect(checkRequest({ ...base, host }, token, port)).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('refuses a foreign Origin even with the right token', () => {
    for (const origin of ['http://evil.example', `https://127.0.0.1:${port}`, 'null']) {
      expect(checkRequest({ ...base, origin }, token, port)).toMatchObject({ allowed: false, status: 403 });
    }
    expect(checkRequest({ ...base, origin: `http://localhost:${port}` }, token, port)).toMatchObject({ allowed: true });
  });
});
