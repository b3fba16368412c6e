// The system proxy, as Chromium's session reports it, in the core's shape.
import { describe, expect, it } from 'vitest';
import { proxyFor } from '../../../app/s3/proxy/proxy-choice';
import { proxyUrlFromPac, systemProxyEnv } from '../../../main/system-proxy';

const session = (answer: string) => ({ resolveProxy: async () => answer });

describe('system proxy', () => {
  it.each([
    ['DIRECT', null],
    ['PROXY proxy.corp:3128', 'http://proxy.corp:3128'],
    ['PROXY proxy.corp:3128; DIRECT', 'http://proxy.corp:3128'],
    ['HTTPS secure.corp:443', 'https://secure.corp:443'],
    ['SOCKS5 socks.corp:1080; PROXY proxy.corp:8080', 'http://proxy.corp:8080'],
    ['SOCKS5 socks.corp:1080', null],
    ['', null],
  ])('reads %j as %s', (answer, url) => expect(proxyUrlFromPac(answer)).toBe(url));

  it('hands the core HTTPS_PROXY, HTTP_PROXY and a loopback bypass, which the core then uses', async () => {
    const env = await systemProxyEnv(session('PROXY proxy.corp:3128; DIRECT'), { NO_PROXY: '.internal' });
    expect(env).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:3128',
      HTTP_PROXY: 'http://proxy.corp:3128',
      NO_PROXY: '.internal,localhost,127.0.0.0/8,::1',
    });
    expect(proxyFor(new URL('https://s3.eu-west-1.amazonaws.com/'), env ?? {})?.url.host).toBe('proxy.corp:3128');
    expect(proxyFor(new URL('http://127.0.0.1:9000/'), env ?? {})).toBeNull();
  });

  it('leaves the choice to proxy variables the user set, and to a system without a proxy', async () => {
    expect(await systemProxyEnv(session('PROXY proxy.corp:3128'), { https_proxy: 'http://mine:1' })).toBeUndefined();
    expect(await systemProxyEnv(session('DIRECT'), {})).toBeUndefined();
  });
});
