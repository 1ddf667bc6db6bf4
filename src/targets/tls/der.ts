/** One DER element: its tag byte and the bytes of its contents. */
export interface DerElement {
  tag: number;
  contents: Buffer;
}

/**
 * The elements one after another in `bytes` (a SEQUENCE's contents, or a whole message).
 * Definite lengths only, as DER requires; throws on a truncated or indefinite-length element.
 */
export function derElements(bytes: Buffer): DerElement[] {
  const elements: DerElement[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset]!;
    if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not read');
    let length = bytes[offset + 1];
    if (length === undefined) throw new Error('DER: truncated element');
    offset += 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) throw new Error('DER: indefinite or oversized length');
      if (offset + count > bytes.length) throw new Error('DER: truncated length');
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + i]!;
      offset += count;
    }
    if (offset + length > bytes.length) throw new Error('DER: element runs past its container');
    elements.push({ tag, contents: bytes.subarray(offset, offset + length) });
    offset += length;
  }
  return elements;
}

/** The single element `bytes` must hold, checked against the expected tag. */
export function derOne(bytes: Buffer, tag: number, what: string): DerElement {
  const [element] = derElements(bytes);
  return expectTag(element, tag, what);
}

export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (!element || element.tag !== tag) throw new Error(`DER: ${what} expected (tag 0x${tag.toString(16)}), found ${element ? `0x${element.tag.toString(16)}` : 'nothing'}`);
  return element;
}

/** GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z), the only time form RFC 6960 responses use. */
export function generalizedTime(element: DerElement): Date {
  const text = element.contents.toString('latin1');
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (element.tag !== 0x18 || !match) throw new Error(`DER: GeneralizedTime expected, found "${text}"`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** A small non-negative INTEGER or ENUMERATED. */
export function smallInteger(element: DerElement): number {
  let value = 0;
  for (const byte of element.contents) value = value * 256 + byte;
  return value;
}
