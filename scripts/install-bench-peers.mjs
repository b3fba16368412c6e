#!/usr/bin/env node
// Installs the tools Ferry's benchmark compares against, pinned so every
// machine measures the same code: rclone, s5cmd and MinIO's mc are built from
// the Go module proxy, the AWS CLI comes from PyPI into a private virtualenv.
// A binary that is already present (for example an mc built by the test-server
// installer) is reused, never built twice; its real version is read back from
// the binary so the benchmark prints what it actually ran.
//
// Usage: node scripts/install-bench-peers.mjs [rclone s5cmd mc aws]
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBinDir, locateBinary } from './install-test-servers.mjs';

/** Go-built peers. `ldflags` stamps the version where the project expects its release build to do it. */
export const GO_PEERS = [
  { name: 'rclone', module: 'github.com/rclone/rclone', version: 'v1.76.0' },
  {
    name: 's5cmd',
    module: 'github.com/peak/s5cmd/v2',
    version: 'v2.3.0',
    ldflags: '-X=github.com/peak/s5cmd/v2/version.Version=v2.3.0 -X=github.com/peak/s5cmd/v2/version.GitCommit=module-proxy',
  },
  { name: 'mc', module: 'github.com/minio/mc', version: 'v0.0.0-20250313080218-cf909e1063a9' },
];

export const AWS_CLI = { name: 'aws', pypi: 'awscli', version: '1.46.3' };

export const PEER_NAMES = [...GO_PEERS.map((p) => p.name), AWS_CLI.name];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The AWS CLI lives in its own virtualenv so the pinned version never fights a system-wide one. */
export function awsVenvDir() {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ferry', 'bench-peers', `awscli-${AWS_CLI.version}`);
}

/** Absolute path of a peer's executable, or undefined when it is not installed. */
export function locatePeer(name) {
  if (name === AWS_CLI.name) {
    const bin = join(awsVenvDir(), 'bin', 'aws');
    return isExecutable(bin) ? bin : undefined;
  }
  return locateBinary(name);
}

/** The module version a Go binary was built from (`go version -m`), or undefined. */
function goModuleVersion(bin) {
  const res = spawnSync('go', ['version', '-m', bin], { encoding: 'utf8' });
  if (res.status !== 0) return undefined;
  const line = res.stdout.split('\n').find((l) => l.trim().startsWith('mod\t'));
  return line?.trim().split('\t')[2];
}

/** One line naming the version of an installed peer, read from the binary itself. */
export function peerVersion(name) {
  const bin = locatePeer(name);
  if (!bin) return undefined;
  if (name === AWS_CLI.name) {
    const res = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    return (res.stdout || res.stderr).trim().split(' ')[0];
  }
  const mod = goModuleVersion(bin);
  if (mod && mod !== '(devel)') return `${name} ${mod}`;
  // Built in place from the downloaded module: the binary only knows what its ldflags stamped.
  const own = spawnSync(bin, ['version'], { encoding: 'utf8' });
  const first = (own.stdout || '').trim().split('\n')[0];
  return first ? `${name} ${first}` : name;
}

function hasCommand(cmd, args) {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

function goEnv() {
  return {
    ...process.env,
    GOBIN: goBinDir(),
    GOFLAGS: [process.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' '),
  };
}

/**
 * `go install mod@version` first; when the proxy refuses the module's version
 * list (it does for some modules, and `go install` asks for it to check
 * deprecations), download that exact version and build it in place instead.
 */
function buildGoPeer(peer) {
  const spec = `${peer.module}@${peer.version}`;
  const ldflags = peer.ldflags ? [`-ldflags=${peer.ldflags}`] : [];
  const env = goEnv();
  console.log(`[bench-peers] go install ${spec} (a first build can take several minutes)`);
  const install = spawnSync('go', ['install', ...ldflags, spec], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (install.status === 0 && locateBinary(peer.name)) return true;
  console.log(`[bench-peers] go install failed; building ${spec} from its downloaded module instead`);
  const dl = spawnSync('go', ['mod', 'download', '-json', spec], { encoding: 'utf8', env });
  if (dl.status !== 0) return false;
  const dir = JSON.parse(dl.stdout).Dir;
  // Module zips carry no vendored code, so dependencies come from the module cache.
  const mode = '-mod=mod';
  const out = join(goBinDir(), peer.name);
  const build = spawnSync('go', ['build', mode, ...ldflags, '-o', out, '.'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env });
  return build.status === 0 && isExecutable(out);
}

function installAwsCli() {
  const venv = awsVenvDir();
  const python = ['python3', 'python'].find((p) => hasCommand(p, ['--version']));
  if (!python) return 'no python3 found (needed for the AWS CLI from PyPI)';
  mkdirSync(join(venv, '..'), { recursive: true });
  console.log(`[bench-peers] pip install ${AWS_CLI.pypi}==${AWS_CLI.version} into ${venv}`);
  if (spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' }).status !== 0) return 'python -m venv failed';
  const pip = spawnSync(
    join(venv, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', `${AWS_CLI.pypi}==${AWS_CLI.version}`],
    {
      stdio: 'inherit',
    },
  );
  return pip.status === 0 && locatePeer(AWS_CLI.name) ? undefined : `pip install ${AWS_CLI.pypi}==${AWS_CLI.version} failed`;
}

/**
 * Installs every requested peer that is missing. Returns the peers still
 * missing afterwards, each with a one-line reason.
 * @param {string[]} [names]
 * @returns {{ name: string, reason: string }[]}
 */
export function ensureBenchPeers(names = PEER_NAMES) {
  const failed = [];
  const goAvailable = hasCommand('go', ['version']);
  for (const name of names) {
    if (locatePeer(name)) continue;
    const started = Date.now();
    if (name === AWS_CLI.name) {
      const reason = installAwsCli();
      if (reason) failed.push({ name, reason });
    } else {
      const peer = GO_PEERS.find((p) => p.name === name);
      if (!peer) failed.push({ name, reason: 'unknown peer' });
      else if (!goAvailable) failed.push({ name, reason: 'Go toolchain not found (needed to build it)' });
      else if (!buildGoPeer(peer)) failed.push({ name, reason: `building ${peer.module}@${peer.version} failed` });
    }
    if (locatePeer(name)) console.log(`[bench-peers] installed ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return failed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const failed = ensureBenchPeers(wanted.length ? wanted : PEER_NAMES);
  for (const f of failed) console.log(`[bench-peers] missing ${f.name}: ${f.reason}`);
  for (const name of wanted.length ? wanted : PEER_NAMES) {
    const v = peerVersion(name);
    if (v) console.log(`[bench-peers] ${v} at ${locatePeer(name)}`);
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}
