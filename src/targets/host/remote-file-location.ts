import type { Location } from '../location.js';
import type { HostTarget } from './host-target.js';

/** Where a result about a file on a host points: the host, the file's path and line. */
export function remoteFileAt(host: HostTarget, path: string, line?: number): Location {
  const { location } = host;
  return location.kind === 'host' ? { kind: 'host', host: location.host, port: location.port, path, ...(line ? { line } : {}) } : location;
}
