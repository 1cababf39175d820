#!/usr/bin/env node
// The passerelle command. Runs the TypeScript sources directly (Node's type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Passerelle needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}
await import('../src/cli/main.ts');
