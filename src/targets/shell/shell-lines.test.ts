import { describe, expect, it } from 'vitest';
import { commandsOfLine, isCommandPosition, isPrintedText, readShellScript } from './shell-lines.js';

describe('readShellScript', () => {
  it('joins continuations, drops comments, keeps # inside quotes and ${#x}', () => {
    const script = readShellScript(['#!/bin/sh', 'docker build \\', '  -t "a#b" . # build', 'echo ${#x} $#', '', '   # only a comment'].join('\n'));
    expect(script.lines.map((line) => [line.line, line.text])).toEqual([
      [2, 'docker build    -t "a#b" . '],
      [4, 'echo ${#x} $#'],
    ]);
    const first = script.lines[0]!;
    expect(first.positionAt(first.text.indexOf('-t'))).toEqual({ line: 3, column: 3 });
    expect(first.positionAt(0)).toEqual({ line: 2, column: 1 });
  });

  it('sets here-document bodies apart, with <<- tab stripping and quoted delimiters; <<< is not one', () => {
    const script = readShellScript(['cat > /etc/x.conf <<-"EOF"', '\tkey: 1', '\tEOF', 'grep -q x <<<"$y"', "tee a <<'A' >/dev/null", 'b # not a comment', 'A', 'echo done'].join('\n'));
    expect(script.heredocs.map((doc) => [doc.opener.line, doc.delimiter, doc.body])).toEqual([
      [1, 'EOF', [{ text: 'key: 1', line: 2 }]],
      [5, 'A', [{ text: 'b # not a comment', line: 6 }]],
    ]);
    expect(script.lines.map((line) => line.line)).toEqual([1, 4, 5, 8]);
  });

  it('never throws on unterminated quotes, here-documents or continuations', () => {
    expect(readShellScript('echo "open\ncat <<EOF\nbody\n').heredocs[0]!.body).toEqual([{ text: 'body', line: 3 }, { text: '', line: 4 }]);
    expect(readShellScript('a \\').lines[0]!.text).toBe('a ');
  });
});

describe('commandsOfLine', () => {
  it('splits commands, removes quotes and redirections, keeps 2>&1 out of the words', () => {
    const words = commandsOfLine(`a -p"x y" 'z' > out 2>&1 | b --k=$V; c <in`).map((command) => command.map((word) => word.text));
    expect(words).toEqual([['a', '-px y', 'z'], ['b', '--k=$V'], ['c']]);
  });
});

describe('isCommandPosition', () => {
  it('knows a command from an argument', () => {
    const text = 'sudo -E htpasswd -nb a b && chmod 600 /etc/htpasswd; X=1 htpasswd -B; ssh h "htpasswd -c f u"';
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    expect(isCommandPosition(text, at('htpasswd'))).toBe(true);
    expect(isCommandPosition(text, at('/etc/htpasswd'))).toBe(false);
    expect(isCommandPosition(text, at('htpasswd -B'))).toBe(true);
    expect(isCommandPosition(text, at('htpasswd -c'))).toBe(true);
    expect(isCommandPosition(text, at('chmod'))).toBe(true);
  });
});

describe('isPrintedText', () => {
  it('knows a message from a command, also inside $(…) of a message', () => {
    const text = 'echo "curl --insecure https://localhost" && log_info \'curl x | sh\'; curl -k y; echo "$(curl -k z)"; ssh h "curl -k w"';
    const at = (needle: string) => text.indexOf(needle);
    expect(isPrintedText(text, at('--insecure'))).toBe(true);
    expect(isPrintedText(text, at('| sh'))).toBe(true);
    expect(isPrintedText(text, at('-k y'))).toBe(false);
    expect(isPrintedText(text, at('-k z'))).toBe(false);
    expect(isPrintedText(text, at('-k w'))).toBe(false);
  });
});
