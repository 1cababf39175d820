// Builds the SPA into dist/ui when it is missing or older than its sources, then writes a .gz
// next to each asset so the server sends them precompressed. `node src/ui/build.ts --force`
// always rebuilds (npm run build); `npm start` runs it without --force.

import { spawnSync } from 'node:child_process';
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

async function buildUi(): Promise<void> {
  // A production build whatever the caller's environment (vitest sets NODE_ENV=test, which
  // would otherwise give React's development build).
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  await precompress(path.join(UI_DIST, 'assets'));
}

/** Builds in a child process when stale (or forced): keeps the caller's environment untouched. */
export function ensureUiBuilt(force = false): boolean {
  if (!force && !uiIsStale()) return false;
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--force'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`Building the web app failed (exit ${result.status}).`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  if (force || uiIsStale()) {
    await buildUi();
    process.stderr.write(`Web app built into ${UI_DIST}\n`);
  } else {
    process.stderr.write('Web app is up to date.\n');
  }
}
