import { describe, expect, it } from 'vitest';
import { holdSignals, takeSignals } from './startup-signals.js';

describe('startup signals', () => {
  it('a signal that arrives as the daemon takes over is delivered to it, not lost in the handover', async () => {
    holdSignals();
    const received: string[] = [];
    // Sent now, dispatched by the event loop only after takeSignals below has run.
    process.kill(process.pid, 'SIGHUP');
    const stop = takeSignals((signal) => received.push(signal));
    try {
      for (let waited = 0; waited < 2000 && received.length === 0; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received).toEqual(['SIGHUP']);
    } finally {
      stop();
    }
  });

  it('signals held while the CLI loads go to the handler that takes them', async () => {
    holdSignals();
    process.kill(process.pid, 'SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const received: string[] = [];
    const stop = takeSignals((signal) => received.push(signal));
    stop();
    expect(received).toEqual(['SIGHUP']);
  });
});
