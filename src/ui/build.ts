// Builds the SPA into dist/ui when it is missing or older than its sources, then writes a .gz
// next to each asset so the server sends them precompressed. `node src/ui/build.ts --force`
// always rebuilds (npm run build); `npm start` runs it without --force.
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
export const UI_DIST = path.resolve(here, '../../dist/ui');
const SOURCES = [here, path.resolve(here, '../archive')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function uiIsStale(): boolean {
  const index = path.join(UI_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((dir) => newestMtime(dir) > built);
}

async function precompress(dir: string): Promise<void> {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    const file = path.join(dir, name);
    await pipeline(
      createReadStream(file),
      createGzip({ level: constants.Z_BEST_COMPRESSION }),
      createWriteStream(`${file}.gz`),
    );
  }
}

export async function buildUi(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.ts'), logLevel: 'warn' });
  await precompress(path.join(UI_DIST, 'assets'));
}

export async function ensureUiBuilt(force = false): Promise<boolean> {
  if (!force && !uiIsStale()) return false;
  await buildUi();
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await ensureUiBuilt(process.argv.includes('--force'));
  process.stderr.write(built ? `Web app built into ${UI_DIST}\n` : 'Web app is up to date.\n');
}
