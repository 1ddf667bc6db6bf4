import { createInterface } from 'node:readline/promises';
import { InputError } from '../errors.js';

/**
 * A password from the terminal (not echoed, asked twice) or, when stdin is not a terminal,
 * its first line: never from the command line, where ps and shell history would keep it.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
    const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (!line) throw new InputError(['no password on stdin (pipe one line, or run in a terminal to be asked)']);
    return line;
  }
  const first = await askHidden(prompt);
  const second = await askHidden('Again: ');
  if (first !== second) throw new InputError(['the two passwords differ']);
  return first;
}

function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new InputError(['cancelled']));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** One line typed at the terminal, shown as it is typed (a one-time code, not a secret to hide). */
export async function readLine(prompt: string): Promise<string> {
  const reader = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await reader.question(prompt);
  } finally {
    reader.close();
  }
}
