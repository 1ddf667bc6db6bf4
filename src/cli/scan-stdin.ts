import { InputError } from '../errors.js';
import { formatBytes, MAX_FILE_BYTES } from '../limits.js';

/** How results name the text read from standard input. */
export const STDIN_NAME = '<stdin>';

/**
 * Standard input, whole, bounded like a file of the tree: more than `limit` bytes is an input
 * error as soon as it is read, never held; a terminal is refused (nothing was piped in).
 */
export async function readStandardInput(stream: NodeJS.ReadStream = process.stdin, limit = MAX_FILE_BYTES): Promise<string> {
  if (stream.isTTY) throw new InputError([`harden scan - reads Kubernetes manifests from standard input, and none was piped in (helm template NAME CHART | harden scan -, kustomize build DIR | harden scan -)`]);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > limit) {
      stream.destroy();
      throw new InputError([`${STDIN_NAME}: over the ${formatBytes(limit)} limit for a file: split the manifests (one chart or kustomization per run)`]);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
