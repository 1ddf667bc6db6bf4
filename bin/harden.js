#!/usr/bin/env node
// `harden monitor` and `harden serve` stop on SIGTERM/SIGINT: hold signals from the first moment, before the CLI
// (which takes a while to load) installs its handlers.
if (process.argv[2] === 'monitor' || process.argv[2] === 'serve') (await import('../bundle/startup-signals.js')).holdSignals();
// The CLI is one bundle (scripts/bundle.mjs); its source maps give stack traces in src/ when asked for.
if (process.env.HARDEN_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import('../bundle/main.js');

// `harden scan | head`: the reader went away; stop quietly as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
