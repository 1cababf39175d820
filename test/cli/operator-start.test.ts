// An operator's first hour (issue 16 items 5 and 6): an old Node.js gets one clear message before
// anything loads TypeScript, and OAuth redirects follow the port the server is started on.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { satisfiesMinimum } from '../../bin/check-node.js';
import { publicOriginFromEnv } from '../../src/platforms/bluesky/oauth-env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as {
  engines: { node: string };
};
const MINIMUM = pkg.engines.node.replace(/^>=\s*/, '');

/** Runs a script with process.version pretending to be `version`. */
function runAs(version: string, args: string[]) {
  const preload = `data:text/javascript,Object.defineProperty(process,'version',{value:'${version}'})`;
  return spawnSync(process.execPath, ['--import', preload, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('the Node.js version check', () => {
  it('compares versions against the one minimum of package.json', () => {
    expect(satisfiesMinimum('v24.1.0', '22.19')).toBe(true);
    expect(satisfiesMinimum('v22.19.0', '22.19')).toBe(true);
    expect(satisfiesMinimum('v22.18.9', '22.19')).toBe(false);
    expect(satisfiesMinimum('v20.20.2', '22.19')).toBe(false);
    expect(satisfiesMinimum('v23.0.0', '22.19')).toBe(true);
  });

  it('stops the passerelle command on an old Node with the engines minimum, before loading TypeScript', () => {
    const r = runAs('v20.20.2', ['bin/passerelle.js', '--help']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Passerelle needs Node.js ${MINIMUM} or newer`);
    expect(r.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('runs first in npm start, so the UI build is never reached on an old Node', () => {
    const start = (pkg as unknown as { scripts: Record<string, string> }).scripts.start;
    expect(start?.startsWith('node bin/check-node.js && ')).toBe(true);
    const r = runAs('v22.18.0', ['bin/check-node.js']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`needs Node.js ${MINIMUM} or newer`);
    expect(runAs('v24.21.0', ['bin/check-node.js']).status).toBe(0);
  });
});

describe('the development origin without PUBLIC_ORIGIN', () => {
  it('follows PORT, so OAuth redirects come back to the port served', () => {
    expect(publicOriginFromEnv({ PORT: '9090' })).toBe('http://127.0.0.1:9090');
    expect(publicOriginFromEnv({})).toBe('http://127.0.0.1:8080');
    expect(publicOriginFromEnv({ PORT: '9090', PUBLIC_ORIGIN: 'https://example.org' })).toBe(
      'https://example.org',
    );
  });
});
