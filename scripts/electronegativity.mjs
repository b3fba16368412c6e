// Electron's security review in `npm test`: Electronegativity over the shell
// (main/) and the page (renderer/), scanned together so its global checks
// (navigation limits, CSP, permission handlers) see both halves. Every
// finding above informational must be explained in
// security/electronegativity-allowlist.json; an unexplained finding fails,
// and so does an allow-list entry that no longer matches anything (so the
// list cannot go stale). The tool's look-up of Electron releases fails
// offline and is harmless: the Electron version is passed explicitly.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allowList = JSON.parse(readFileSync(path.join(root, 'security', 'electronegativity-allowlist.json'), 'utf8')).accepted;
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

/** RFC 4180-ish: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const work = mkdtempSync(path.join(tmpdir(), 'ferry-electronegativity-'));
let findings;
try {
  const src = path.join(work, 'src');
  for (const dir of ['main', 'renderer']) cpSync(path.join(root, dir), path.join(src, dir), { recursive: true });
  const csv = path.join(work, 'findings.csv');
  const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  execFileSync(process.execPath, [bin, '-i', src, '-e', electronVersion, '-r', '-v', 'false', '-o', csv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5 * 60_000,
  });
  const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8')).filter((r) => r.length > 1);
  const at = (name) => header.indexOf(name);
  findings = rows.map((r) => ({
    check: r[at('issue')],
    severity: r[at('severity')],
    confidence: r[at('confidence')],
    file: r[at('filename')],
    location: r[at('location')],
    description: r[at('description')],
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
if (unexplained.length || stale.length) {
  console.error(
    `✖ ${unexplained.length} unexplained finding(s), ${stale.length} stale allow-list entr${stale.length === 1 ? 'y' : 'ies'}: fix the code or explain the finding in security/electronegativity-allowlist.json`,
  );
  process.exit(1);
}
console.log('✔ every finding above informational is explained');
