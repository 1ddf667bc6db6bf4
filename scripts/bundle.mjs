// The CLI as bin/harden.js runs it: src/ bundled with its dependencies by esbuild into bundle/,
// one chunk per command's modules (dynamic imports split). Node's ESM loader pays about a
// millisecond for each module it resolves and links: harden and its dependencies are
// some 900, and a scan of an empty directory took 0.8 s to load them.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a hash: clear the last build's.
rmSync('bundle', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/startup-signals.ts', 'src/cli/serve-worker.ts'],
  outdir: 'bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  // Native addons (better-sqlite3, argon2; ssh2 loads its optional sshcrypto.node, which esbuild cannot bundle), and pg's optional native driver (never installed).
  external: ['argon2', 'better-sqlite3', 'pg-native', 'ssh2'],
  // Dependencies written as CommonJS call require(): give the bundle one.
  banner: { js: "import { createRequire as harden_createRequire } from 'node:module'; const require = harden_createRequire(import.meta.url);" },
  logLevel: 'warning',
});
