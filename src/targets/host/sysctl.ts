/** Parses `sysctl -a` (or `sysctl key…`): `key = value` lines into a map; `/` separators are read as dots. */
export function parseSysctl(output: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const split = line.indexOf(' = ');
    if (split <= 0) continue;
    values.set(line.slice(0, split).trim().replaceAll('/', '.'), line.slice(split + 3).trim());
  }
  return values;
}
