// One registry of networks: every entry is found by its own name, and outside the networks' own
// folders (and the web app) no server code branches on a network's name.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findNetwork,
  isNetwork,
  LINKED_TARGET_SQL,
  NETWORK_NAMES,
  network,
  networkNamesText,
} from '../../src/platforms/registry.ts';

const ROOT = join(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
/** The networks' own folders and the web app (which shows each network its own way). */
const EXEMPT = [join(SRC, 'platforms'), join(SRC, 'ui')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return EXEMPT.includes(path) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** A comparison with a network's name, a `case` on it, or an SQL `WHEN` on it. */
function branchPattern(names: readonly string[]): RegExp {
  const name = `['"\`](?:${names.join('|')})['"\`]`;
  return new RegExp(`[!=]==?\\s*${name}|${name}\\s*[!=]==?|\\bcase\\s+${name}|\\bWHEN\\s+${name}`, 'i');
}

/** file:line of every branch on a network's name in these files. */
function networkBranches(files: string[], names: readonly string[]): string[] {
  const pattern = branchPattern(names);
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the registry of networks', () => {
  it('finds each network by its own name, and refuses a name it does not know', () => {
    expect(NETWORK_NAMES).toEqual(['bluesky', 'mastodon']);
    for (const name of NETWORK_NAMES) {
      expect(network(name).name).toBe(name);
      expect(network(name).displayName).toMatch(/^[A-Z]/);
      expect(isNetwork(name)).toBe(true);
    }
    for (const unknown of ['Bluesky', 'x', '', 'toString', '__proto__']) {
      expect(isNetwork(unknown)).toBe(false);
      expect(findNetwork(unknown)).toBeUndefined();
      expect(() => network(unknown)).toThrow(/Unknown network/);
    }
    expect(networkNamesText()).toBe('bluesky or mastodon');
  });

  it("keeps each network's own form of a target and of a linked account's target", () => {
    expect(network('bluesky').normalizeTarget(' did:plc:AbC ')).toBe('did:plc:AbC');
    expect(network('mastodon').normalizeTarget('@Alice@Example.Social')).toBe('alice@example.social');
    expect(LINKED_TARGET_SQL).toMatch(/^CASE la\.platform WHEN 'mastodon' THEN .* ELSE la\.account_id END$/s);
  });
});

describe('network-specific code stays behind the registry', () => {
  it('no server code outside src/platforms and src/ui branches on a network name', () => {
    expect(networkBranches(sourceFiles(SRC), NETWORK_NAMES)).toEqual([]);
  });

  it('the guard sees every form of such a branch, and names the file and line', () => {
    const pattern = branchPattern(NETWORK_NAMES);
    for (const line of [
      "if (platform === 'bluesky') {",
      'return p !== "mastodon";',
      "'mastodon' == platform",
      "case 'bluesky':",
      "CASE la.platform WHEN 'mastodon' THEN",
    ])
      expect(pattern.test(line), line).toBe(true);
    for (const line of [
      "platform: 'bluesky',",
      "z.enum(['bluesky', 'mastodon'])",
      "WHERE platform = 'bluesky'",
    ])
      expect(pattern.test(line), line).toBe(false);
    const here = networkBranches([join(import.meta.dirname, 'registry.test.ts')], NETWORK_NAMES);
    expect(here[0]).toMatch(/^test\/platforms\/registry\.test\.ts:\d+: /);
  });

  it('the networks import neither the follow engine nor the web server', () => {
    const imports = sourceFilesUnder(join(SRC, 'platforms')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1] ?? '')
        .filter((spec) => /\/(web|reconnect|directory|cli)\//.test(spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(imports).toEqual([]);
  });
});

function sourceFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
