#!/usr/bin/env node
// The passerelle command. Runs the TypeScript sources directly (Node's type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Passerelle needs Node.js 22.18 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}
// Node caches the type-stripped sources and their compiled code (in the OS temporary folder, or
// NODE_COMPILE_CACHE): later runs skip loading the TypeScript stripper, about 25 MB less memory
// and half the start-up time. A cache that cannot be written is simply not used.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
await import('../src/cli/main.ts');
