/**
 * A list the streamed JSON writer reads item by item, mapping each when it is written: the
 * results of a large run are never all converted at once, and never joined into one string.
 */
export class LazyList<T, U = T> {
  constructor(
    private readonly items: Iterable<T>,
    private readonly map: (item: T) => U,
  ) {}

  *[Symbol.iterator](): Iterator<U> {
    for (const item of this.items) yield this.map(item);
  }
}

/** JSON text formed already for its place in the document (indentation included): written as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/**
 * `JSON.stringify(value, null, 2)` written in pieces, byte for byte the same: objects and
 * arrays down to `depth` levels are opened here (their members streamed one by one), deeper
 * values are stringified whole. A LazyList stands for an array at any of those levels.
 */
export function* jsonChunks(value: unknown, depth: number, indent = ''): Generator<string> {
  if (value instanceof JsonText) {
    yield value.text;
    return;
  }
  if (depth <= 0 || !isContainer(value)) {
    yield leaf(value, indent);
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof LazyList || Array.isArray(value)) {
    let first = true;
    for (const item of value as Iterable<unknown>) {
      yield first ? `[\n${inner}` : `,\n${inner}`;
      first = false;
      yield* jsonChunks(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, depth - 1, inner);
    }
    yield first ? '[]' : `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonChunks(member, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

function isContainer(value: unknown): value is object {
  if (value instanceof LazyList || Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A value stringified whole at this indentation: JSON escapes every line break inside strings, so each raw one is structure. */
export function leaf(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2);
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}
