import { includeResolver, nginxFilesIndex } from '../../targets/config/nginx.js';
import { isAccessRestricted, placedDirectives } from '../../targets/config/nginx-locations.js';
import { defineCheck } from '../define.js';

export const nginxAutoindex = defineCheck({
  id: 'repo/nginx-autoindex',
  title: 'nginx does not list directories to anonymous visitors',
  severity: 'low',
  target: 'config-file',
  why:
    '`autoindex on` answers a request for a directory with the list of its files: backups, dumps, `.env` copies and ' +
    'unlinked uploads become one click away for anyone, and for the crawlers that index open listings. Where a ' +
    'listing is wanted, access should be limited to the people it is for.',
  fix: [
    'Leave autoindex off (the default) or restrict the location:',
    '',
    '    location /downloads/ { autoindex on; allow 10.0.0.0/8; deny all; }',
  ].join('\n'),
  refs: ['CIS NGINX Benchmark 2.5.x (information disclosure)', 'CWE-548: Exposure of information through directory listing', 'nginx documentation, ngx_http_autoindex_module'],
  messages: {
    autoindexOn: 'autoindex on lists the files of {scope} to anyone',
  },
  claims: [{ about: 'no directory listing', risk: true, names: ['autoindex', 'directory listing', 'directory indexing', ['directory', 'listing*', 'disabled']] }],
  evaluate(file, ctx) {
    const files = ctx.shared(nginxFilesIndex);
    const directives = files.get(file.file);
    if (!directives) return ctx.notApplicable();
    for (const placed of placedDirectives(directives, includeResolver(files))) {
      const { directive, enclosing } = placed;
      if (directive.name !== 'autoindex' || directive.args[0]?.toLowerCase() !== 'on' || isAccessRestricted(placed)) continue;
      const block = enclosing.at(-1);
      const scope = block?.name === 'location' ? `location ${block.args.join(' ')}` : `every location of this ${block?.name ?? 'configuration'}`;
      ctx.fail(file.at(directive.line, directive.column), 'autoindexOn', { scope });
    }
  },
});
