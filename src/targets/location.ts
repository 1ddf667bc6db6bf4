/** Where a result points. File positions are 1-based. */
export type Location =
  | { kind: 'file'; path: string; line: number; column: number; endLine?: number; endColumn?: number }
  | { kind: 'url'; url: string }
  /** path (and line): a file on that host, for host checks. */
  | { kind: 'host'; host: string; port: number; path?: string; line?: number }
  | { kind: 'dns'; name: string; type?: string };

export function formatLocation(location: Location): string {
  if (location.kind === 'file') return `${location.path}:${location.line}:${location.column}`;
  if (location.kind === 'dns' && location.type) return `${location.name} ${location.type}`;
  if (location.kind === 'host' && location.path) return `${location.host}:${location.port} ${location.path}${location.line ? `:${location.line}` : ''}`;
  return placeOf(location);
}

/** Where, without a position inside it: the file path, URL, host:port or DNS name. */
export function placeOf(location: Location): string {
  switch (location.kind) {
    case 'file':
      return location.path;
    case 'url':
      return location.url;
    case 'host':
      return `${location.host}:${location.port}`;
    case 'dns':
      return location.name;
  }
}

export function fileLocation(path: string, line = 1, column = 1): Location {
  return { kind: 'file', path, line, column };
}
