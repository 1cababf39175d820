// Refuses to go on with a Node.js older than package.json's "engines" minimum, with one clear
// message, before anything loads TypeScript sources (an old Node fails there with an obscure
// ERR_UNKNOWN_FILE_EXTENSION). Plain JavaScript on purpose: it must run on any Node.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const minimum = String(pkg.engines?.node ?? '').replace(/^>=\s*/, '');
const parse = (v) =>
  v
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);

/** True when `version` (e.g. v22.19.0) is at least `min` (e.g. 22.19). */
export function satisfiesMinimum(version, min = minimum) {
  const have = parse(version);
  const want = parse(min);
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  }
  return true;
}

if (minimum && !satisfiesMinimum(process.version)) {
  console.error(
    `Passerelle needs Node.js ${minimum} or newer (24 LTS recommended); this is ${process.version}. ` +
      'Install a newer Node.js (https://nodejs.org), then run the command again.',
  );
  process.exit(1);
}
