// Writes a synthetic X archive. Example:
//   node bench/gen-archive.ts --out /tmp/x.zip --following 1000 --followers 1000000 \
//     --layout expanded --shape zip --media-bytes 4294967296 --parts 3 --seed 7

import { parseArgs } from 'node:util';
import { type ArchiveSpec, generateArchive, type Shape } from './gen/archive.ts';

const USAGE = `usage: node bench/gen-archive.ts --out PATH [options]
  --following N        accounts followed (default 1000)
  --followers N        followers (default 5000)
  --blocks N           accounts blocked: data/block.js (none unless given)
  --mutes N            accounts muted: data/mute.js (none unless given)
  --layout L           compact | expanded (default expanded)
  --shape S            zip | zip-nested | folder | files (default zip)
  --parts N            list files per type (default 1)
  --no-manifest        leave data/manifest.js out
  --media-bytes N      media filler placed before data/ (stored), e.g. 4294967296
  --media-file-bytes N size of each filler file (default 4194304)
  --crlf --bom         CRLF line ends, UTF-8 byte order mark
  --duplicates R       share of entries repeating an earlier id (0..1)
  --twenty-digit       also emit 20-digit ids (some past 2^64)
  --level N            deflate level of the data files (default 6)
  --seed N             (default 1)`;

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      following: { type: 'string', default: '1000' },
      followers: { type: 'string', default: '5000' },
      blocks: { type: 'string' },
      mutes: { type: 'string' },
      layout: { type: 'string', default: 'expanded' },
      shape: { type: 'string', default: 'zip' },
      parts: { type: 'string', default: '1' },
      'no-manifest': { type: 'boolean', default: false },
      'media-bytes': { type: 'string', default: '0' },
      'media-file-bytes': { type: 'string' },
      crlf: { type: 'boolean', default: false },
      bom: { type: 'boolean', default: false },
      duplicates: { type: 'string', default: '0' },
      'twenty-digit': { type: 'boolean', default: false },
      level: { type: 'string' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (!['compact', 'expanded'].includes(values.layout)) throw new Error(`unknown --layout ${values.layout}`);
  if (!['zip', 'zip-nested', 'folder', 'files'].includes(values.shape))
    throw new Error(`unknown --shape ${values.shape}`);
  const spec: ArchiveSpec = {
    seed: Number(values.seed),
    following: Number(values.following),
    followers: Number(values.followers),
    blocks: values.blocks === undefined ? undefined : Number(values.blocks),
    mutes: values.mutes === undefined ? undefined : Number(values.mutes),
    layout: values.layout as 'compact' | 'expanded',
    shape: values.shape as Shape,
    parts: Number(values.parts),
    manifest: !values['no-manifest'],
    mediaBytes: Number(values['media-bytes']),
    mediaFileBytes: values['media-file-bytes'] ? Number(values['media-file-bytes']) : undefined,
    crlf: values.crlf,
    bom: values.bom,
    ids: { duplicateShare: Number(values.duplicates), twentyDigit: values['twenty-digit'] },
    level: values.level ? Number(values.level) : undefined,
  };
  const started = performance.now();
  generateArchive(values.out, spec).then((archive) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `wrote ${archive.path} (${archive.bytes} bytes, ${archive.paths.length} path(s)) in ${seconds} s`,
    );
  });
}

main();
