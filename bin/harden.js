#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `harden scan | head`: the reader went away; stop quietly as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
