import { describe, expect, it } from 'vitest';
import { argvOf, commandsOf, parseShell, programOf } from './command-line.js';

const shape = (script: string) => parseShell(script).map((pipeline) => pipeline.commands.map((command) => command.words));

describe('parseShell', () => {
  it('splits lists and pipelines, keeping quoted operators inside words', () => {
    expect(shape(`a && b || c; d | e & f`)).toEqual([[['a']], [['b']], [['c']], [['d'], ['e']], [['f']]]);
    expect(shape(`echo "a && b" 'c | d' e\\;f`)).toEqual([[['echo', 'a && b', 'c | d', 'e;f']]]);
  });

  it('keeps command and process substitutions whole', () => {
    expect(shape(`echo "x: $(echo '$T' | base64)" && bash <(curl -s https://x)`)).toEqual([
      [['echo', "x: $(echo '$T' | base64)"]],
      [['bash', '<(curl -s https://x)']],
    ]);
  });

  it('reads redirections apart from words', () => {
    const [command] = commandsOf(parseShell(`printf '%s' "$K" 2>&1 >/dev/null > out.txt`));
    expect(command!.words).toEqual(['printf', '%s', '$K']);
    expect(command!.redirects).toEqual([
      { op: '2>&', target: '1' },
      { op: '>', target: '/dev/null' },
      { op: '>', target: 'out.txt' },
    ]);
  });

  it('counts lines across continuations, comments and here-documents', () => {
    const pipelines = parseShell(`set -eu\n# a comment | sh\ncat <<'EOF' > f\ncurl x | sh\nEOF\ndocker build \\\n  --build-arg A=1 .`);
    expect(pipelines.map((pipeline) => [pipeline.line, pipeline.commands[0]!.words[0]])).toEqual([
      [0, 'set'],
      [2, 'cat'],
      [5, 'docker'],
    ]);
    expect(pipelines[2]!.commands[0]!.lines).toEqual([5, 5, 6, 6, 6]);
  });

  it('never throws on unbalanced input', () => {
    expect(() => parseShell(`echo "unterminated $(x ' | ( ) {`)).not.toThrow();
    expect(parseShell('')).toEqual([]);
  });
});

describe('argvOf', () => {
  it('skips assignments and wrappers and takes the base name', () => {
    const [command] = commandsOf(parseShell('DEBIAN_FRONTEND=noninteractive sudo -u app -E env X=1 /usr/bin/apt-get install -y curl'));
    expect(argvOf(command!)).toEqual(['apt-get', 'install', '-y', 'curl']);
    expect(programOf(commandsOf(parseShell('FOO=1'))[0]!)).toBe('');
  });
});
