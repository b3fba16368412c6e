// Ferry's app icons, every size each package target needs, drawn from the one
// source `assets/icon.svg` (rendered by resvg compiled to WebAssembly, so no
// native module and no download). Writes into build/icons/ (not committed):
//   png/<N>x<N>.png  Linux (AppImage, deb) and the window icon, N in PNG_SIZES
//   icon.ico         Windows (NSIS), PNG-compressed entries in ICO_SIZES
//   icon.icns        macOS (dmg), PNG entries in ICNS_TYPES
// Usage: node scripts/make-icons.mjs        (skips the work when the icons are newer than the source)
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = path.join(root, 'assets', 'icon.svg');
export const OUT = path.join(root, 'build', 'icons');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** The icns element types that hold PNG data, by pixel size. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

function icns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** Width and height from a PNG's IHDR chunk (used by the check as well). */
export function pngSize(buffer) {
  if (buffer.length < 24 || buffer.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export function iconPaths() {
  return {
    pngs: PNG_SIZES.map((n) => ({ size: n, file: path.join(OUT, 'png', `${n}x${n}.png`) })),
    ico: path.join(OUT, 'icon.ico'),
    icns: path.join(OUT, 'icon.icns'),
  };
}

export async function makeIcons({ force = false } = {}) {
  const paths = iconPaths();
  const all = [...paths.pngs.map((p) => p.file), paths.ico, paths.icns];
  const sourceTime = statSync(SOURCE).mtimeMs;
  if (!force && all.every((f) => existsSync(f) && statSync(f).mtimeMs >= sourceTime)) return { made: false, paths };
  const wasm = readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
  await initWasm(wasm).catch((err) => {
    // initWasm may run once per process; a second call is harmless.
    if (!String(err).includes('Already initialized')) throw err;
  });
  const svg = readFileSync(SOURCE, 'utf8');
  const render = (size) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
  const pngs = new Map(PNG_SIZES.map((n) => [n, render(n)]));
  mkdirSync(path.join(OUT, 'png'), { recursive: true });
  for (const { size, file } of paths.pngs) writeFileSync(file, pngs.get(size));
  writeFileSync(paths.ico, ico(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  writeFileSync(paths.icns, icns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  return { made: true, paths };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { made } = await makeIcons({ force: process.argv.includes('--force') });
  console.log(made ? `Ferry icons written to ${path.relative(root, OUT)}/` : 'Ferry icons are up to date');
}
