import { readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A regular file of the tree: `path` as found, `real` the tree path it resolves to (they differ for a link). */
export interface TreeFile {
  path: string;
  real: string;
}

/**
 * Something in the tree that was not read, and why. `error`: it may hold what the checks
 * look for (an unreadable directory), so the run could not check everything; otherwise
 * the tree's boundary rules left it out (links out of the tree, loops, FIFOs, devices).
 */
export interface NotRead {
  path: string;
  reason: string;
  error: boolean;
}

export interface Tree {
  files: TreeFile[];
  notRead: NotRead[];
}

/**
 * Every regular file under `root`, in path order, never leaving it. Directories are entered
 * at their own path only: a link to a directory is not followed (inside the tree its files
 * are found at their own path; a loop or a folder outside the tree is never walked). A link
 * to a regular file inside the tree is kept; a link leading out of the tree, a broken link,
 * a FIFO, a socket or a device is left out and listed in `notRead`. `prune` leaves out a
 * directory (and everything under it) without a word: the excluded folders.
 */
export function walkTree(root: string, prune: (dir: string) => boolean): Tree {
  const rootReal = realpathSync(root);
  const tree: Tree = { files: [], notRead: [] };
  const pending = [''];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch (error) {
      tree.notRead.push({ path: dir || '.', reason: `cannot read the directory (${codeOf(error)})`, error: true });
      continue;
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!prune(path)) subdirs.push(path);
      } else if (entry.isFile()) tree.files.push({ path, real: path });
      else if (entry.isSymbolicLink()) visitLink(root, rootReal, path, tree);
      else tree.notRead.push({ path, reason: `not a regular file (${fileKind(entry)}): not read`, error: false });
    }
    // Depth first, in name order: the stack takes the last pushed first.
    pending.push(...subdirs.sort().reverse());
  }
  tree.files.sort((a, b) => compare(a.path, b.path));
  tree.notRead.sort((a, b) => compare(a.path, b.path));
  return tree;
}

function visitLink(root: string, rootReal: string, path: string, tree: Tree): void {
  const absolute = join(root, path);
  let real: string;
  let stats: Stats;
  try {
    real = realpathSync(absolute);
    stats = statSync(real);
  } catch (error) {
    const code = codeOf(error);
    const reason = code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : `cannot resolve the link (${code})`;
    tree.notRead.push({ path, reason: `${reason} (to ${linkText(absolute)}): not followed`, error: false });
    return;
  }
  const inside = relative(rootReal, real);
  if (inside.startsWith('..') || inside === '..' || /^[a-zA-Z]:|^[\\/]/.test(inside)) {
    tree.notRead.push({ path, reason: `link out of the repository (to ${real}): not followed`, error: false });
    return;
  }
  const treePath = inside.split(sep).join('/');
  if (stats.isFile()) tree.files.push({ path, real: treePath });
  else if (stats.isDirectory()) {
    const loop = treePath === '' || path.startsWith(`${treePath}/`);
    tree.notRead.push({
      path,
      reason: loop ? `symbolic link loop (to ${treePath || '.'}): not followed` : `link to the directory ${treePath}: not followed (its files are scanned at their own path)`,
      error: false,
    });
  } else tree.notRead.push({ path, reason: `link to something that is not a regular file (${fileKind(stats)}): not read`, error: false });
}

function fileKind(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'an unknown kind of file';
}

function linkText(absolute: string): string {
  try {
    return readlinkSync(absolute);
  } catch {
    return '?';
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Code unit order, as `Array.prototype.sort` without a comparator (and as the old glob results were sorted). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
