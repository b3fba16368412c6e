// What a preview shows, rendered to markup: Markdown never becomes live HTML
// or a script link, CSV keeps quoted fields whole and stops at 1,000 rows,
// and sniffing trusts bytes over names and claims.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { sniff, typesAgree } from '../../app/preview/sniff';
import { parseDelimited } from '../../renderer/src/components/preview/CsvTable';
import { MarkdownView } from '../../renderer/src/components/preview/MarkdownView';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('Markdown preview', () => {
  it('renders structure but no HTML, scripts or script links', () => {
    const md = [
      '# Title',
      'Some **bold** and `code` and a [site](https://example.com) and a [trap](javascript:alert(1)).',
      '<script>alert("md")</script>',
      '<img src=x onerror=alert(1)>',
      '- one',
      '- two',
      '```',
      '<b>not bold</b>',
      '```',
    ].join('\n');
    const html = renderToStaticMarkup(createElement(MarkdownView, { text: md }));
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.com"');
    expect(html).toContain('<li>one</li>');
    // Tags only Ferry made: no script, no image, no handler attribute, no script link.
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript/i);
    expect(html).toContain('<span>trap</span>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;b&gt;not bold&lt;/b&gt;');
  });
});

describe('CSV preview', () => {
  it('keeps quoted commas, quotes and line breaks inside one field', () => {
    expect(parseDelimited('a,b\n"x, y","say ""hi""\nthere"\r\n1,2', ',')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a\tb\n1\t2\n', '\t')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('stops at the row limit', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n');
    expect(parseDelimited(text, ',', 1000)).toHaveLength(1000);
  });
});

describe('sniffing', () => {
  it('knows images by their magic numbers, whatever the name', () => {
    expect(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'x.txt')).toEqual({ type: 'image/jpeg', kind: 'image' });
    expect(sniff(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'x').kind).toBe('image');
    expect(sniff(bytes('GIF89a....'), 'x').type).toBe('image/gif');
    expect(sniff(bytes('RIFF\0\0\0\0WEBPVP8 '), 'x').type).toBe('image/webp');
    expect(sniff(bytes('\0\0\0\x1cftypavif'), 'x').type).toBe('image/avif');
  });

  it('tells SVG, JSON, CSV, Markdown and plain text apart', () => {
    expect(sniff(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'a.xml').kind).toBe('svg');
    expect(sniff(bytes('  {"a": 1}'), 'data.txt').kind).toBe('json');
    expect(sniff(bytes('a,b\n1,2'), 'rows.csv').kind).toBe('csv');
    expect(sniff(bytes('# Hi'), 'README.md').kind).toBe('markdown');
    expect(sniff(bytes('<html><script>x</script></html>'), 'photo.jpg')).toEqual({ type: 'text/plain', kind: 'text' });
    expect(sniff(Uint8Array.from([1, 0, 2, 0]), 'x.txt').kind).toBe('binary');
  });

  it('accepts a text cut mid-character at the end of the range', () => {
    const euro = bytes('price: 5 €');
    expect(sniff(euro.subarray(0, euro.length - 1), 'p.txt').kind).toBe('text');
  });

  it('calls a claim that names something else a mismatch', () => {
    expect(typesAgree('image/jpeg', 'text/plain')).toBe(false);
    expect(typesAgree('image/jpeg; charset=binary', 'image/jpeg')).toBe(true);
    expect(typesAgree('application/octet-stream', 'image/png')).toBe(true);
    expect(typesAgree('text/x-log', 'text/plain')).toBe(true);
  });
});
