/**
 * A name and its parents down to the registrable domain, closest first:
 * a.b.example.com → a.b.example.com, b.example.com, example.com. Without a public
 * suffix list the registrable domain is taken as the last two labels, so the walk
 * never asks about a top-level domain (for co.uk-style suffixes it asks one name too many).
 */
export function nameAndParents(name: string): string[] {
  const labels = normalizeName(name).split('.');
  const names: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) names.push(labels.slice(i).join('.'));
  return names.length ? names : [labels.join('.')];
}

/** Lower case, no trailing dot. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
