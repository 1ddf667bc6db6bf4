import picomatch from 'picomatch';

/**
 * `where` narrows a check or waiver to some targets. A pattern matches when it is a
 * glob over the file path (`deploy/api/**`), a glob over the whole identity
 * (`**#Deployment/prod/*`), or names the object part of the identity
 * (`Deployment/api`, `services.redis`, a URL or host:port).
 */
export function compileWhere(patterns: readonly string[] | undefined): (target: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const globs = patterns.map((pattern) => picomatch(pattern, { dot: true }));
  return (target) => {
    const [path = target, object] = splitIdentity(target);
    return patterns.some((pattern, i) => globs[i]!(path) || globs[i]!(target) || (object !== undefined && namesObject(object, pattern)) || target === pattern);
  };
}

function splitIdentity(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  return hash === -1 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}

/** "Deployment/api" names "Deployment/prod/api/container:app" and "Deployment/api". */
function namesObject(object: string, pattern: string): boolean {
  if (object === pattern || object.startsWith(`${pattern}/`)) return true;
  const [kind, ...rest] = pattern.split('/');
  const name = rest.at(-1);
  if (!kind || !name || rest.length !== 1) return false;
  const parts = object.split('/');
  return parts[0] === kind && (parts[1] === name || parts[2] === name);
}
