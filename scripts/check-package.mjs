// Checks Ferry's desktop packaging on a machine that cannot download
// Electron's zips (npm test runs this; `npm run dist` needs the network):
//  1. electron-builder.yml loads and passes electron-builder's own schema, and
//     package.json carries what the Linux, macOS and Windows targets need;
//  2. the icons exist at every size each target uses (scripts/make-icons.mjs);
//  3. electron-builder packs the app for real (`--dir`, Linux) around a
//     stand-in Electron binary that carries Electron's fuse wire, so the fuses
//     it flips are read back from the packed binary with @electron/fuses; the
//     real runtime is used instead where `npm start` has fetched it;
//  4. the packed app.asar holds the built app and the production dependencies,
//     and nothing else: no dev dependency, no test code, no source maps.
// Exits non-zero naming every failure.
import { extractFile, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { build, Platform } from 'electron-builder';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-runtime.mjs';
import { ICNS_TYPES, ICO_SIZES, makeIcons, pngSize } from './make-icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** The fuses Ferry ships with; electron-builder.yml must say exactly this. */
export const INTENDED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};
const FUSE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};
/** The marker Electron's binary puts before its fuse wire (the one @electron/fuses looks for). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, in wire order (RunAsNode … WasmTrapHandlers): what an unflipped binary says. */
const ELECTRON_DEFAULT_WIRE = [1, 0, 1, 1, 0, 0, 0, 1, 1];

const failures = [];
const check = (ok, message) => {
  if (ok) console.log(`  ✔ ${message}`);
  else {
    console.log(`  ✖ ${message}`);
    failures.push(message);
  }
};

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

console.log('▶ builder configuration');
const config = await getConfig(root, null, null);
try {
  await validateConfiguration(config, { isEnabled: false, add() {} });
  check(true, 'electron-builder.yml passes electron-builder’s schema');
} catch (err) {
  check(false, `electron-builder.yml is invalid: ${err.message}`);
}
check(config.appId === 'dev.ferry.desktop' && config.productName === 'Ferry', 'app id and product name');
check(Boolean(pkg.author?.name && /@/.test(pkg.author?.email ?? '')), 'package.json has an author with an e-mail (the deb needs it)');
check(/^https:\/\//.test(pkg.homepage ?? ''), 'package.json has an https homepage');
check(JSON.stringify(config.linux?.target) === JSON.stringify(['AppImage', 'deb']), 'Linux targets: AppImage and deb');
check(config.mac?.target === 'dmg' && config.win?.target === 'nsis', 'macOS target dmg, Windows target NSIS');
check(Array.isArray(config.fileAssociations) && config.fileAssociations.length === 0, 'no file associations');
check(
  JSON.stringify(config.electronFuses) === JSON.stringify(INTENDED_FUSES),
  `fuses configured as intended ${JSON.stringify(INTENDED_FUSES)}`,
);

console.log('▶ icons');
const { paths } = await makeIcons();
for (const { size, file } of paths.pngs) {
  const dims = existsSync(file) ? pngSize(readFileSync(file)) : null;
  check(dims?.width === size && dims?.height === size, `${path.relative(root, file)} is ${size}×${size}`);
}
const icoBytes = readFileSync(paths.ico);
check(icoBytes.readUInt16LE(4) === ICO_SIZES.length, `icon.ico holds ${ICO_SIZES.length} sizes (${ICO_SIZES.join(', ')})`);
const icnsBytes = readFileSync(paths.icns);
const icnsTypes = [];
for (let at = 8; at + 8 <= icnsBytes.length; at += icnsBytes.readUInt32BE(at + 4)) icnsTypes.push(icnsBytes.toString('ascii', at, at + 4));
check(JSON.stringify(icnsTypes) === JSON.stringify(ICNS_TYPES.map(([t]) => t)), `icon.icns holds ${icnsTypes.join(', ')}`);

console.log('▶ packing (electron-builder --dir, Linux)');
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const work = mkdtempSync(path.join(tmpdir(), 'ferry-package-'));
try {
  const realRuntime = electronBinary();
  let electronDist;
  if (realRuntime) {
    electronDist = path.dirname(realRuntime);
    console.log(`  using the real Electron runtime at ${electronDist}`);
  } else {
    // A stand-in distribution: the one thing the packer reads from the binary is its fuse wire.
    electronDist = path.join(work, 'electron-dist');
    mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
    const wire = Buffer.from([
      1,
      ELECTRON_DEFAULT_WIRE.length,
      ...ELECTRON_DEFAULT_WIRE.map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE)),
    ]);
    writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'), Buffer.from(SENTINEL), wire]), {
      mode: 0o755,
    });
    console.log('  Electron runtime not downloaded here: packing around a stand-in binary that carries the fuse wire');
  }
  const out = path.join(work, 'release');
  await build({
    targets: Platform.LINUX.createTarget('dir'),
    config: { electronDist, electronVersion, directories: { output: out }, npmRebuild: false },
    publish: 'never',
  });
  const unpacked = path.join(out, 'linux-unpacked');
  const binary = path.join(unpacked, pkg.name);
  const wire = await getCurrentFuseWire(binary);
  for (const [name, wanted] of Object.entries(INTENDED_FUSES)) {
    const state = wire[FUSE_INDEX[name]];
    check(state === (wanted ? FuseState.ENABLE : FuseState.DISABLE), `packed binary: ${name} is ${wanted ? 'on' : 'off'}`);
  }

  console.log('▶ packaged files (app.asar)');
  const asar = path.join(unpacked, 'resources', 'app.asar');
  const entries = listPackage(asar, { isPack: false }).map((e) => e.split(path.sep).join('/'));
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  const devOnly = new Set(
    Object.entries(lock.packages)
      .filter(([key, meta]) => key.startsWith('node_modules/') && meta.dev)
      .map(([key]) => key.replace(/^.*node_modules\//, '')),
  );
  const prodPackages = new Set(
    Object.entries(lock.packages)
      .filter(([key, meta]) => key.startsWith('node_modules/') && !meta.dev)
      .map(([key]) => key.replace(/^.*node_modules\//, '')),
  );
  /** The innermost package an entry belongs to; null for a bare scope folder (`node_modules/@aws-sdk`). */
  const packageOf = (entry) => {
    if (/node_modules\/@[^/]+$/.test(entry)) return null;
    return [...entry.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((x) => x[1]).at(-1) ?? null;
  };
  const unexpected = [];
  const shippedPackages = new Set();
  for (const entry of entries) {
    if (entry === '/package.json' || entry === '/dist' || entry === '/node_modules') continue;
    if (/\.map$/.test(entry)) unexpected.push(`${entry} (source map)`);
    else if (/(^|\/)(tests?|e2e|__tests__|fixtures)(\/|$)/.test(entry) && !entry.includes('/node_modules/'))
      unexpected.push(`${entry} (test code)`);
    else if (entry.startsWith('/dist/')) {
      if (!/^\/dist\/(main|renderer)(\/|$)/.test(entry)) unexpected.push(`${entry} (not part of the desktop app)`);
    } else if (entry.startsWith('/node_modules/')) {
      const name = packageOf(entry);
      if (!name) continue;
      shippedPackages.add(name);
      if (!prodPackages.has(name) && devOnly.has(name)) unexpected.push(`${entry} (dev dependency ${name})`);
      else if (!prodPackages.has(name)) unexpected.push(`${entry} (package ${name} is not a production dependency)`);
    } else unexpected.push(`${entry} (not expected at the top of the app)`);
  }
  for (const needed of ['/dist/main/index.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/dist/renderer/icon.png']) {
    check(entries.includes(needed), `app.asar contains ${needed}`);
  }
  for (const dep of Object.keys(pkg.dependencies)) check(shippedPackages.has(dep), `app.asar ships the runtime dependency ${dep}`);
  // Help › Try the Demo Clouds runs Ferry's own S3 server from the main bundle: it must be in it, not behind a dev dependency.
  const mainBundle = extractFile(asar, path.join('dist', 'main', 'index.cjs')).toString('utf8');
  check(
    mainBundle.includes('FerryDemo') && !/require\(["']s3rver["']\)/.test(mainBundle),
    "the main bundle carries the demo clouds' own S3 server",
  );
  for (const dev of ['electron', 'react', 'vitest', '@playwright/test', 'typescript', 's3rver']) {
    check(!shippedPackages.has(dev), `app.asar does not ship the dev dependency ${dev}`);
  }
  check(
    unexpected.length === 0,
    `nothing unexpected in app.asar (${entries.length} entries)${unexpected.length ? `:\n      ${unexpected.slice(0, 20).join('\n      ')}` : ''}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\n✖ packaging check: ${failures.length} failure(s)`);
  process.exit(1);
}
console.log('\n✔ packaging check passed');
