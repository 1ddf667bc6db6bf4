import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TYPES, type Reply } from '../responses.js';
import { DASHBOARD_CSS } from './stylesheet.js';
import { DASHBOARD_JS } from './script.js';

/** The dashboard's files: its stylesheet, chart script and uPlot's, served from here (no CDN, no inline code). */
export const DASHBOARD_ASSETS = {
  css: '/assets/dashboard.css',
  js: '/assets/dashboard.js',
  uplotCss: '/assets/uplot.min.css',
  uplotJs: '/assets/uplot.iife.min.js',
} as const;

const require = createRequire(import.meta.url);
const vendored = new Map<string, Buffer>();

/** uPlot's file from node_modules, read once. */
function uplotFile(name: string): Buffer {
  let file = vendored.get(name);
  if (!file) vendored.set(name, (file = readFileSync(require.resolve(`uplot/dist/${name}`))));
  return file;
}

/** The reply for one of the dashboard's files; undefined for any other path. Public: they hold no data. */
export function dashboardAsset(path: string): Reply | undefined {
  if (path === DASHBOARD_ASSETS.css) return { status: 200, type: TYPES.css, body: DASHBOARD_CSS, maxAge: 3600 };
  if (path === DASHBOARD_ASSETS.js) return { status: 200, type: TYPES.js, body: DASHBOARD_JS, maxAge: 3600 };
  if (path === DASHBOARD_ASSETS.uplotCss) return { status: 200, type: TYPES.css, body: uplotFile('uPlot.min.css'), maxAge: 3600 };
  if (path === DASHBOARD_ASSETS.uplotJs) return { status: 200, type: TYPES.js, body: uplotFile('uPlot.iife.min.js'), maxAge: 3600 };
  return undefined;
}
