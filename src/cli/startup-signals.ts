/**
 * The monitor daemon ends on SIGTERM/SIGINT and reloads on SIGHUP, but loading the CLI takes a
 * while: a signal in that time would take its default action and end the process without a
 * word. bin/harden.js holds them (this module imports nothing, so it loads at once) until the
 * daemon takes them over; any other command gives them back.
 *
 * One listener per signal stays installed from holdSignals() on and only its target changes:
 * removing a signal's last listener closes Node's handle for it, and a signal already received
 * for that handle would be lost.
 */

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

const held: Signal[] = [];
const hold = (signal: Signal) => void held.push(signal);
let target: (signal: Signal) => void = hold;
const route = (signal: Signal) => target(signal);
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  for (const signal of SIGNALS) process.on(signal, route);
}

function unlisten(): void {
  listening = false;
  target = hold;
  for (const signal of SIGNALS) process.off(signal, route);
}

export function holdSignals(): void {
  target = hold;
  listen();
}

/** Sends the held signals to `handler`, and every later one; returns the function that uninstalls it. */
export function takeSignals(handler: (signal: Signal) => void): () => void {
  listen();
  target = handler;
  for (const signal of held.splice(0)) handler(signal);
  return unlisten;
}

/** For commands that do not handle signals: the default actions again, and a held signal delivered now. */
export function releaseSignals(): void {
  unlisten();
  for (const signal of held.splice(0)) process.kill(process.pid, signal);
}
