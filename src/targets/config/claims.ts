import type { Claim } from '../../claim.js';

/** Debug or development mode is off where production runs: the config and compose checks that read such switches share it. */
export const DEBUG_MODE_NAMES: Claim['names'] = [
  'debug mode',
  'debugging mode',
  'development mode',
  'DEBUG=true',
  'DEBUG=1',
  'FLASK_DEBUG',
  'APP_DEBUG',
  'FLASK_ENV=development',
  'NODE_ENV=development',
  'RAILS_ENV=development',
  'debug toolbar',
  'Werkzeug debugger',
  ['debug', 'production'],
  ['debug', 'prod'],
  ['stack trace*', 'production'],
  ['stack trace*', 'expos*'],
];

/** A bypass is its own claim (repo/debug-flag-in-prod bypassEnabled), even when its switch is called DEBUG_something. */
export const DEBUG_MODE_UNLESS: Claim['names'] = ['bypass*', ['fixed', 'code*']];
