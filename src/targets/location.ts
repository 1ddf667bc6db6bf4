/** Where a result points. File positions are 1-based. */
export type Location =
  | { kind: 'file'; path: string; line: number; column: number; endLine?: number; endColumn?: number }
  | { kind: 'url'; url: string }
  | { kind: 'host'; host: string; port: number }
  | { kind: 'dns'; name: string; type?: string };

export function formatLocation(location: Location): string {
  switch (location.kind) {
    case 'file':
      return `${location.path}:${location.line}:${location.column}`;
    case 'url':
      return location.url;
    case 'host':
      return `${location.host}:${location.port}`;
    case 'dns':
      return location.type ? `${location.name} ${location.type}` : location.name;
  }
}

export function fileLocation(path: string, line = 1, column = 1): Location {
  return { kind: 'file', path, line, column };
}
