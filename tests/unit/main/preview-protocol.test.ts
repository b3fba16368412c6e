// The desktop's app://ferry/preview/media answers a PDF for Electron's
// built-in viewer: through the scheme handler main/ registers, from the core's
// ranged reads (a local file here, the same reader as for a bucket), whole or
// by range, with the headers that keep it inert; the window's CSP lets a
// frame load that one path and nothing else.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FerryCore } from '../../../app/core/ferry-core';
import { MEDIA_CHUNK } from '../../../app/preview/media-answer';
import { readPreview } from '../../../app/preview/preview-read';
import type { S3ClientPool } from '../../../app/s3/client-factory';
import { CONTENT_SECURITY_POLICY, handleAppScheme } from '../../../main/app-protocol';
import { previewResponse } from '../../../main/preview-protocol';
import { fakeProtocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-pdf-scheme-'));
const pdfPath = path.join(dir, 'report »2026«.pdf');
// Three pieces' worth, so the answer is streamed from more than one read.
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * MEDIA_CHUNK + 4321)]);
const textPath = path.join(dir, 'page.html');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reads: { offset: number; length: number }[] = [];
const core = {
  readPreview: (item, range, signal) => {
    reads.push(range);
    return readPreview(item, undefined as unknown as S3ClientPool, range, signal);
  },
  redact: (text: string) => text,
} as Pick<FerryCore, 'readPreview' | 'redact'> as FerryCore;

type Handler = (request: { url: string; signal: AbortSignal; headers: Headers }) => Promise<Response>;
let handler: Handler;
const url = (file: string) => `app://ferry/preview/media?item=${encodeURIComponent(JSON.stringify({ kind: 'local', path: file }))}`;
const ask = (u: string, range?: string) =>
  handler({ url: u, signal: new AbortController().signal, headers: new Headers(range ? { range } : {}) });

beforeAll(() => {
  writeFileSync(pdfPath, pdf);
  writeFileSync(textPath, '<script>alert(1)</script>');
  resetFakeElectron();
  handleAppScheme(dir, (u, signal, range) => previewResponse(core, u, signal, range));
  handler = fakeProtocol.handlers.get('app') as unknown as Handler;
});

describe('app://ferry/preview/media for a PDF', () => {
  it('answers the viewer whole, streamed in pieces of at most one chunk, typed and sandboxed', async () => {
    reads.length = 0;
    const res = await ask(url(pdfPath));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/(^|; )sandbox$/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="report _2026_.pdf"; filename*=UTF-8''${encodeURIComponent('report »2026«.pdf')}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((r) => r.length <= MEDIA_CHUNK)).toBe(true);
  });

  it('answers a range with exactly its bytes, and one past the end with the size', async () => {
    const start = MEDIA_CHUNK - 10;
    const res = await ask(url(pdfPath), `bytes=${start}-${start + 99}`);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${start + 99}/${pdf.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf.subarray(start, start + 100))).toBe(true);
    const past = await ask(url(pdfPath), `bytes=${pdf.length}-`);
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pdf.length}`);
  });

  it('refuses what is not audio, video or PDF, whatever its name', async () => {
    const res = await ask(url(textPath));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Only audio, video and PDF files');
  });

  it('lets the page frame that one route only, and no plugin object', () => {
    const frameSources = CONTENT_SECURITY_POLICY.split('; ').filter((d) => d.startsWith('frame-src'));
    expect(frameSources).toEqual(['frame-src app://ferry/preview/media']);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
