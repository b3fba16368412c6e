// Electron's security review in `npm test`: Electronegativity over the shell
// (main/) and the page (renderer/), scanned together so its global checks
// (navigation limits, CSP, permission handlers) see both halves. Every
// finding above informational must be explained in
// security/electronegativity-allowlist.json; an unexplained finding fails,
// and so does an allow-list entry that no longer matches anything (so the
// list cannot go stale). The tool's look-up of Electron releases fails
// offline and is harmless: the Electron version is passed explicitly.
import runElectronegativity from '@doyensec/electronegativity';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allowList = JSON.parse(readFileSync(path.join(root, 'security', 'electronegativity-allowlist.json'), 'utf8')).accepted;
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

// The library asks the network for updated translations when it starts; offline, the HTTP client
// it uses retries after its timeout and then throws this from a timer, on Node 24, long after the
// request was given up. That error says nothing about Ferry's code and must not end the review.
process.on('uncaughtException', (err) => {
  if (String(err?.message).includes('handler was attached after the promise settled')) return;
  throw err;
});

const work = mkdtempSync(path.join(tmpdir(), 'ferry-electronegativity-'));
let findings;
let errors;
try {
  const src = path.join(work, 'src');
  for (const dir of ['main', 'renderer']) cpSync(path.join(root, dir), path.join(src, dir), { recursive: true });
  // The library, not the command line: its CSV writer appends rows asynchronously and can interleave them under load.
  const result = await runElectronegativity({
    input: src,
    output: undefined,
    isSarif: false,
    customScan: [],
    // Its one check that needs the network (are there newer Electron releases with security
    // fixes?) cannot run here; Ferry's Electron major is held current by review instead.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  errors = result.errors;
  findings = result.issues.map((i) => ({
    check: i.id,
    severity: i.severity.name,
    confidence: i.confidence.name,
    file: i.file,
    location: `${i.location.line}:${i.location.column}`,
    description: i.description,
  }));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const serious = findings.filter((f) => f.severity !== 'INFORMATIONAL');
const matches = (entry, f) => entry.check === f.check && entry.file === f.file;
const unexplained = serious.filter((f) => !allowList.some((entry) => matches(entry, f)));
const stale = allowList.filter((entry) => !serious.some((f) => matches(entry, f)));

console.log(`Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${serious.length} above informational`);
for (const f of serious) {
  const ok = !unexplained.includes(f);
  console.log(
    `  ${ok ? '✔ accepted' : '✖ UNEXPLAINED'}  ${f.check} (${f.severity}, ${f.confidence}) ${f.file}:${f.location} — ${f.description}`,
  );
}
for (const entry of stale) console.log(`  ✖ STALE allow-list entry: ${entry.check} in ${entry.file} matches no finding; remove it`);
for (const e of errors) console.log(`  ✖ could not scan ${e.file ?? ''}: ${e.message ?? e}`);
if (unexplained.length || stale.length || errors.length) {
  console.error(
    `✖ ${unexplained.length} unexplained finding(s), ${stale.length} stale allow-list entr${stale.length === 1 ? 'y' : 'ies'}: fix the code or explain the finding in security/electronegativity-allowlist.json`,
  );
  process.exit(1);
}
console.log('✔ every finding above informational is explained');
process.exit(0);
