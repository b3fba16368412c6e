/**
 * `npm run bench:report`: writes the README's performance block from
 * bench/published/. `-- --publish FILE [--as NAME]` first copies a results
 * file there (as NAME.json; default `engine`, or `ui` for the window's
 * figures), after checking it is fit to stand in the README; `--force`
 * publishes anyway and the block says why it is not. `--check` changes
 * nothing and fails when the README is not what the published files give.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../lib/repo';
import { PUBLISHED_DIR, readPublished, renderBlock, unfitToPublish, withBlock } from './published';
import { isUiResults } from './render-ui';

const USAGE = `npm run bench:report [-- --publish bench/results/<file>.json [--as NAME] [--force]] [--check]`;

async function main(argv: string[]): Promise<number> {
  let publish: string | undefined;
  let as: string | undefined;
  let force = false;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--publish') publish = argv[++i];
    else if (arg === '--as') as = argv[++i];
    else if (arg === '--force') force = true;
    else if (arg === '--check') check = true;
    else {
      console.error(`unknown argument ${arg}\nusage: ${USAGE}`);
      return 2;
    }
  }
  if (publish) {
    if (!existsSync(publish)) {
      console.error(`no such results file: ${publish}`);
      return 2;
    }
    const body = JSON.parse(readFileSync(publish, 'utf8')) as unknown;
    const why = unfitToPublish(body);
    if (why.length && !force) {
      console.error(`${publish} is not published: ${why.join('; ')}.\nRun the full benchmark again, or add --force to publish it anyway.`);
      return 1;
    }
    const name = (as ?? (isUiResults(body) ? 'ui' : 'engine')).replace(/\.json$/, '');
    if (!/^[a-z0-9-]+$/.test(name)) {
      console.error(`--as takes a plain name (letters, digits, dashes), got ${name}`);
      return 2;
    }
    mkdirSync(join(REPO_ROOT, PUBLISHED_DIR), { recursive: true });
    const target = join(REPO_ROOT, PUBLISHED_DIR, `${name}.json`);
    if (why.length) {
      writeFileSync(target, JSON.stringify({ ...(body as object), published_despite: why }, null, 2) + '\n');
    } else copyFileSync(publish, target);
    console.log(
      `[bench:report] published ${basename(publish)} as ${PUBLISHED_DIR}/${name}.json${why.length ? ` (forced: ${why.join('; ')})` : ''}`,
    );
  }
  const readmePath = join(REPO_ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const next = await withBlock(readme, renderBlock(readPublished(REPO_ROOT)), readmePath);
  if (check) {
    if (next === readme) return 0;
    console.error('README.md does not match bench/published/: run npm run bench:report');
    return 1;
  }
  if (next !== readme) writeFileSync(readmePath, next);
  console.log(`[bench:report] README.md ${next === readme ? 'already matches' : 'updated from'} ${PUBLISHED_DIR}/`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
