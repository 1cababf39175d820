// The naive way to read an X archive, the benchmark's baseline: extract each list file whole,
// strip the `window.YTD… =` prefix, JSON.parse, collect the IDs in a Set.
// Usage: node bench/archive-naive.ts ZIP  → prints {"following":N,"followers":N}
import fs from 'node:fs/promises';
import { configure, type FileEntry, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { FileHandleReader } from '../src/archive/node-file-reader.ts';
import { NodeDecompressionStream } from '../src/archive/node-inflate.ts';

// node:zlib through zip.js (the fastest inflater zip.js can be given on Node), as Passerelle's reader
// did before it inflated list files itself (src/archive/wasm-inflate.ts).
configure({ useWebWorkers: false, DecompressionStream: NodeDecompressionStream });

async function extractWhole(entry: FileEntry): Promise<string> {
  const bytes = await entry.getData(new Uint8ArrayWriter());
  return new TextDecoder().decode(bytes);
}

function parseList(text: string, key: 'following' | 'follower'): string[] {
  const json = text.slice(text.indexOf('['));
  const entries = JSON.parse(json) as Record<string, { accountId: string }>[];
  return entries.map((e) => e[key]?.accountId ?? '');
}

async function main(zipPath: string): Promise<void> {
  const handle = await fs.open(zipPath);
  const { size } = await handle.stat();
  const zip = new ZipReader(new FileHandleReader(handle, size));
  const entries = (await zip.getEntries()).filter((e): e is FileEntry => !e.directory);
  const counts = { following: new Set<string>(), followers: new Set<string>() };
  for (const entry of entries) {
    const name = entry.filename.split('/').pop() ?? '';
    if (/^following(-part\d+)?\.js$/.test(name)) {
      for (const id of parseList(await extractWhole(entry), 'following')) counts.following.add(id);
    } else if (/^follower(-part\d+)?\.js$/.test(name)) {
      for (const id of parseList(await extractWhole(entry), 'follower')) counts.followers.add(id);
    }
  }
  await zip.close();
  await handle.close();
  process.stdout.write(
    `${JSON.stringify({ following: counts.following.size, followers: counts.followers.size })}\n`,
  );
}

await main(process.argv[2] ?? '');
