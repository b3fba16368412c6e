#!/usr/bin/env node
// Installs the real S3 servers that Ferry's integration tests run against.
//
// MinIO and versitygw (and MinIO's admin client mc) are Go programs: when a binary is missing and a Go
// toolchain is available they are built with `go install` at a pinned version
// (through the Go module proxy, the only download source we rely on). s3rver is
// an npm devDependency and needs no step here. Already-installed servers cost
// one stat() each, so this is cheap to run before every integration run.
//
// Usage: node scripts/install-test-servers.mjs
//   FERRY_REQUIRE_ALL_SERVERS=1  exit non-zero when a server could not be installed.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Go-built servers, pinned so every machine tests against the same code. */
export const GO_SERVERS = [
  {
    name: 'minio',
    module: 'github.com/minio/minio',
    version: 'v0.0.0-20260212201848-7aac2a2c5b7c',
  },
  {
    name: 'versitygw',
    module: 'github.com/versity/versitygw/cmd/versitygw',
    version: 'v1.8.0',
  },
  // MinIO's admin client: tests create restricted users with it (and the benchmarks time it).
  {
    name: 'mc',
    module: 'github.com/minio/mc',
    version: 'v0.0.0-20250313080218-cf909e1063a9',
  },
  // Toxiproxy puts network faults (resets, stalls) between the engine and a server. Its
  // command is built as a binary named `server`: `builds` says so, and it is installed
  // under an unambiguous name instead.
  {
    name: 'toxiproxy-server',
    module: 'github.com/Shopify/toxiproxy/v2/cmd/server',
    version: 'v2.12.0',
    builds: 'server',
  },
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `go install` puts binaries: $GOBIN, else the first $GOPATH entry /bin, else ~/go/bin. */
export function goBinDir() {
  if (process.env.GOBIN) return process.env.GOBIN;
  const gopath = process.env.GOPATH?.split(delimiter).find(Boolean);
  return join(gopath ?? join(homedir(), 'go'), 'bin');
}

/** Absolute path of a server binary (Go bin dir first, then PATH), or undefined. */
export function locateBinary(name) {
  const dirs = [goBinDir(), join(homedir(), 'go', 'bin'), ...(process.env.PATH ?? '').split(delimiter)];
  for (const dir of dirs) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function hasGo() {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs every missing Go-built server. Returns the servers that are still
 * missing afterwards, each with a one-line reason.
 * @returns {{ name: string, reason: string }[]}
 */
export function ensureTestServers() {
  const missing = GO_SERVERS.filter((s) => !locateBinary(s.name));
  if (missing.length === 0) return [];
  if (!hasGo()) {
    return missing.map((s) => ({ name: s.name, reason: 'Go toolchain not found (needed to build it)' }));
  }
  const failed = [];
  for (const s of missing) {
    const spec = `${s.module}@${s.version}`;
    console.log(`[servers] go install ${spec} (first build can take several minutes)`);
    const started = Date.now();
    // A binary with a generic name is built in a private folder and renamed into the bin dir.
    const gobin = s.builds ? mkdtempSync(join(tmpdir(), `ferry-gobin-${s.name}-`)) : goBinDir();
    const res = spawnSync('go', ['install', spec], {
      stdio: ['ignore', 'inherit', 'inherit'],
      // -buildvcs=false: the module cache has no VCS data; stamping would fail.
      env: {
        ...process.env,
        // Install exactly where locateBinary() looks, even if `go env -w GOBIN` says otherwise.
        GOBIN: gobin,
        GOFLAGS: [process.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' '),
      },
    });
    if (s.builds) {
      if (res.status === 0) {
        mkdirSync(goBinDir(), { recursive: true });
        copyFileSync(join(gobin, s.builds), join(goBinDir(), s.name));
        chmodSync(join(goBinDir(), s.name), 0o755);
      }
      rmSync(gobin, { recursive: true, force: true });
    }
    const where = locateBinary(s.name);
    if (res.status === 0 && where) {
      console.log(`[servers] installed ${s.name} -> ${where} in ${Math.round((Date.now() - started) / 1000)} s`);
    } else {
      failed.push({ name: s.name, reason: `go install ${spec} failed (exit ${res.status ?? res.signal})` });
    }
  }
  return failed;
}

// Run as a script (not when imported by the test harness).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failed = ensureTestServers();
  for (const f of failed) console.log(`[servers] skipped ${f.name}: ${f.reason}`);
  if (failed.length === 0) console.log('[servers] minio, versitygw, mc and toxiproxy are installed; s3rver comes from npm');
  process.exitCode = failed.length > 0 && process.env.FERRY_REQUIRE_ALL_SERVERS === '1' ? 1 : 0;
}
