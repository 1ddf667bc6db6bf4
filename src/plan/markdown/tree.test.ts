import { readdirSync, readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { text } from '../../testing/dedent.js';
import { parseMarkdown } from './tree.js';

const whole = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The tree without what cutting may change and nothing reads: list looseness and the root's own position. */
function comparable(root: Root): unknown {
  return JSON.parse(JSON.stringify({ ...root, position: undefined }, (key, value) => (key === 'spread' ? undefined : value)));
}

const fixtures = readdirSync(new URL('./fixtures/', import.meta.url)).map((name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const tricky = text`
  # Tracker

  Intro with a [reference] and a footnote[^1].

  - [ ] first task
  - [x] second task
  lazy continuation line
  - [ ] third task

  - [ ] loose item after a blank line
  * another list: another marker

  | ID | Finding | Status |
  |---|---|---|
  | A-1 | one | open |
  | A-2 | two | done |
  | A-3 | three | open |

  \`\`\`yaml
  # not a heading
  - not: a list

  | not | a | table |
  \`\`\`

  <div>
  # html, not a heading

  </div>

  > quote
  - after quote

  ## Next

  1. ordered
  2. items
  - [ ] bullet list after ordered

  [reference]: https://example.com
  [^1]: the note
`;

/** A seeded random tracker-like document: every block kind the cutter must respect, in any order. */
function randomDocument(seed: number): string {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const inline = () => ['plain words', '**bold**', '*em*', '~~gone~~', '`code`', '[ref]', '[link](https://x.test)', 'OPS-12', '2026-05-01', 'a | pipe'][random(10)]!;
  const blocks = [
    () => `${'#'.repeat(1 + random(4))} Heading ${inline()}`,
    () => `${inline()} ${inline()}\n${inline()}`,
    () => ['| ID | Finding | Status |', '|---|---|---|', ...Array.from({ length: 1 + random(6) }, (_, i) => `| A-${i} | ${inline()} | open |`)].join('\n'),
    () => Array.from({ length: 1 + random(6) }, (_, i) => `${'  '.repeat(random(3))}${['-', '*', '+'][random(2)]} [${random(2) ? ' ' : 'x'}] task ${i} ${inline()}`).join('\n'),
    () => Array.from({ length: 1 + random(4) }, (_, i) => `${i + 1}. step ${inline()}`).join('\n'),
    () => ['```', '- not a list', '', '# not a heading', '| a | b |', '```'].join('\n'),
    () => ['<div>', '', '</div>'].join('\n'),
    () => ['<div>', '# inside html', '</div>'].join('\n'),
    () => `> quoted ${inline()}\n> - [ ] quoted task`,
    () => '---',
    () => '[ref]: https://example.com',
    () => `- item\n\n  continued ${inline()}`,
    () => `lazy paragraph\n- [ ] task right after it`,
  ];
  const parts: string[] = [];
  for (let i = 0; i < 20 + random(20); i++) parts.push(blocks[random(blocks.length)]!());
  return parts.map((part) => part + (random(3) === 0 ? '\n' : '\n\n')).join('');
}

describe('parseMarkdown in pieces', () => {
  it('builds the same tree as one parse for random documents', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const markdown = randomDocument(seed);
      const expected = comparable(whole(markdown));
      for (const size of [1, 50, 300]) expect(comparable(parseMarkdown(markdown, size)), `seed ${seed}, pieces of ${size}`).toEqual(expected);
    }
  });

  it('builds the same tree as one parse, however small the pieces', () => {
    for (const markdown of [...fixtures, tricky]) {
      for (const size of [1, 16, 64, 200, 1000]) expect(comparable(parseMarkdown(markdown, size))).toEqual(comparable(whole(markdown)));
    }
  });

  it('cuts a long table and a long list into pieces of the default size and joins them again', () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `| OPS-${i} | finding **${i}** | high | open |`);
    const tasks = Array.from({ length: 1500 }, (_, i) => `- [ ] task ${i} [ref] ~~old~~`);
    const markdown = ['# Plan', '', '| ID | Finding | Severity | Status |', '|---|---|---|---|', ...rows, '', ...tasks, '', '[ref]: https://example.com', ''].join('\n');
    const tree = parseMarkdown(markdown);
    expect(tree.children.map((child) => child.type)).toEqual(['heading', 'table', 'list', 'definition']);
    expect(comparable(tree)).toEqual(comparable(whole(markdown)));
  });
});
