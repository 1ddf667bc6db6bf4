import { includeResolver, nginxFilesIndex } from '../../targets/config/nginx.js';
import { locationPath, placedDirectives } from '../../targets/config/nginx-locations.js';
import { defineCheck } from '../define.js';

export const nginxAliasTraversal = defineCheck({
  id: 'repo/nginx-alias-traversal',
  title: 'nginx alias locations cannot be walked out of ("off-by-slash")',
  severity: 'high',
  target: 'config-file',
  why:
    'nginx replaces the matched location prefix with the alias path. With `location /static { alias /srv/app/static/; }` ' +
    'a request for `/static../settings.py` matches the prefix `/static` and becomes `/srv/app/static/../settings.py`: ' +
    'one directory up, where the application code, its configuration and its secrets usually live. The location ' +
    'needs the same trailing slash as the alias.',
  fix: [
    'End the location with a slash when the alias ends with one (or use root when the names match):',
    '',
    '    location /static/ { alias /srv/app/static/; }',
    '    location /static/ { root /srv/app; }',
  ].join('\n'),
  refs: [
    'nginx documentation, ngx_http_core_module alias',
    'Orange Tsai, "Breaking Parser Logic" (Black Hat USA 2018): nginx off-by-slash',
    'Gixy (nginx configuration analyser) alias_traversal',
    'CWE-22: Improper limitation of a pathname to a restricted directory',
  ],
  messages: {
    offBySlash: 'location {location} has no trailing slash but alias {alias} does: {location}../ reads the directory above {alias}',
    prefixSibling: {
      text: 'location {location} and alias {alias} end without a slash: {location}X maps to {alias}X, so sibling directories whose names start like {alias} are served',
      severity: 'medium',
    },
  },
  claims: [
    {
      about: 'no nginx alias path traversal',
      risk: true,
      names: ['off-by-slash', ['alias', 'traversal'], ['nginx', 'alias', 'slash'], ['nginx', 'path traversal']],
    },
  ],
  evaluate(file, ctx) {
    const files = ctx.shared(nginxFilesIndex);
    const directives = files.get(file.file);
    if (!directives) return ctx.notApplicable();
    for (const { directive, enclosing } of placedDirectives(directives, includeResolver(files))) {
      const location = enclosing.at(-1);
      const alias = directive.args[0];
      if (directive.name !== 'alias' || location?.name !== 'location' || alias === undefined) continue;
      const { modifier, path } = locationPath(location);
      if ((modifier !== '' && modifier !== '^~') || path.endsWith('/') || alias.includes('$')) continue;
      // A file alias (`location /favicon.ico { alias /srv/icon.ico; }`) names one file, not a directory.
      if (alias.endsWith('/')) ctx.fail(file.at(directive.line, directive.column), 'offBySlash', { location: path, alias });
      else if (!/\.[A-Za-z0-9]{1,5}$/.test(alias) && path !== '') ctx.fail(file.at(directive.line, directive.column), 'prefixSibling', { location: path, alias });
    }
  },
});
