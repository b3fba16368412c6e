// TLS failures reach the user as what to change (http://, a CA file), not as OpenSSL's routine names.
import { describe, expect, it } from 'vitest';
import { isTlsFault, toFerryError } from '../../app/s3/requests/error-mapping.js';

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('TLS failures', () => {
  it('a plain-HTTP server behind an https:// endpoint says to use http://', () => {
    const err = systemError(
      'EPROTO',
      'write EPROTO 40D8:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:../deps/openssl/ssl/record.c:77:\n',
    );
    const e = toFerryError(err);
    expect(e.code).toBe('network');
    expect(e.retryable).toBe(false);
    expect(e.message).toBe(
      'The server answers in plain HTTP, not TLS: its endpoint should start with http:// (or name the port where it serves HTTPS).',
    );
    expect(isTlsFault(err)).toBe(true);
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'is self-signed', true],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'comes from a certificate authority this computer does not trust', true],
    ['CERT_HAS_EXPIRED', 'has expired', false],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'is for another host name', false],
  ])('%s names the fault, and offers a CA file only where trust is the fault', (code, fault, offersCa) => {
    const e = toFerryError(systemError(code, `raw ${code}`));
    expect(e.code).toBe('network');
    expect(e.message).toContain(`The server's TLS certificate ${fault} (${code}), so Ferry did not send the request.`);
    expect(e.message.includes('CA file')).toBe(offersCa);
    expect(e.details).toEqual({ errno: code });
  });

  it('other protocol errors and resets are not TLS faults', () => {
    expect(isTlsFault(systemError('EPROTO', 'write EPROTO: unexpected eof while reading'))).toBe(false);
    expect(isTlsFault(systemError('ECONNRESET', 'socket hang up'))).toBe(false);
    expect(isTlsFault(new Error('no code'))).toBe(false);
  });
});
