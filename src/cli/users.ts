import { Argument, Option, type Command } from 'commander';
import type { AccountOptions } from './users-action.js';

type Role = 'viewer' | 'operator' | 'admin';

const ROLES = ['viewer', 'operator', 'admin'];
const actions = () => import('./users-action.js');

/** A command on the accounts' database: the --plan and --database options every one of them takes. */
function onDatabase(command: Command, holds = 'the users'): Command {
  return command
    .addOption(new Option('-p, --plan <file>', `plan file whose monitoring.database holds ${holds} (default: harden.yaml here)`))
    .addOption(new Option('--database <file>', 'SQLite database (default: the plan\'s monitoring.database, .harden/harden.db); HARDEN_DATABASE_URL selects PostgreSQL'));
}

/** `harden user`, `harden token` and `harden session`: who may sign in to harden serve's dashboard and API. */
export function registerAccounts(program: Command, exit: (code: number) => void): void {
  const user = program
    .command('user')
    .summary('users of harden serve\'s dashboard: add, list, password, role, remove, unlock, totp')
    .addHelpText('after', `
Examples:
  harden user add ada --role admin          asks for the password (or reads one line from stdin)
  harden user totp ada                      prints the otpauth:// URI once: scan it and, at a terminal, type the
                                            code the app shows to turn it on; sign-in then asks for a code
  harden user totp ada --off                sign-in asks for the password only again (a lost phone)
  harden user password ada                  a new password (prompt or stdin); ada's sessions end
  harden user role ada viewer               in force on ada's next request
  harden user list
  harden user remove ada                    and ends ada's sessions
  harden user unlock ada                    after 5 failed sign-ins in 15 minutes, without waiting

Roles: viewer (reads), operator (acts on monitors), admin (everything). There is no default user.`);
  onDatabase(
    user
      .command('add <name>')
      .summary('add a user; the password comes from a terminal prompt or one line of stdin, never the command line')
      .addOption(new Option('--role <role>', 'viewer, operator or admin').choices(ROLES).makeOptionMandatory()),
  ).action(async (name: string, options: AccountOptions & { role: Role }) => exit(await (await actions()).userAdd(name, options)));
  onDatabase(user.command('list').summary('users, roles and whether they have TOTP')).action(async (options: AccountOptions) => exit(await (await actions()).userList(options)));
  onDatabase(user.command('password <name>').summary('set a new password (terminal prompt or one line of stdin) and end the user\'s sessions')).action(
    async (name: string, options: AccountOptions) => exit(await (await actions()).userPassword(name, options)),
  );
  onDatabase(
    user
      .command('role')
      .summary('change a user\'s role: viewer, operator or admin')
      .argument('<name>')
      .addArgument(new Argument('<role>', 'viewer, operator or admin').choices(ROLES)),
  ).action(async (name: string, role: Role, options: AccountOptions) => exit(await (await actions()).userRole(name, role, options)));
  onDatabase(user.command('remove <name>').summary('remove a user and end their sessions')).action(async (name: string, options: AccountOptions) => exit(await (await actions()).userRemove(name, options)));
  onDatabase(
    user
      .command('unlock <name>')
      .summary('forget the failed sign-ins that lock a user out (429) on every harden serve; --client an address too')
      .addOption(new Option('--client <address>', 'also forget the failures counted against this client address')),
  ).action(async (name: string, options: AccountOptions & { client?: string }) => exit(await (await actions()).userUnlock(name, options)));
  onDatabase(
    user
      .command('totp <name>')
      .summary('give the user a new TOTP secret: prints its otpauth:// URI once; --off removes it')
      .addOption(new Option('--off', 'turn TOTP off for the user (sign-in asks for the password only)')),
  ).action(async (name: string, options: AccountOptions & { off?: boolean }) => exit(await (await actions()).userTotp(name, options)));

  const token = program.command('token').summary('read-only API tokens (Authorization: Bearer) for harden serve: add, list, revoke');
  onDatabase(token.command('add <name>').summary('create a read-only API token: prints it once (only its SHA-256 is kept)'), 'the tokens').action(
    async (name: string, options: AccountOptions) => exit(await (await actions()).tokenAdd(name, options)),
  );
  onDatabase(token.command('list').summary('tokens with when they were created and last used'), 'the tokens').action(async (options: AccountOptions) => exit(await (await actions()).tokenList(options)));
  onDatabase(token.command('revoke <name>').summary('revoke a token'), 'the tokens').action(async (name: string, options: AccountOptions) => exit(await (await actions()).tokenRevoke(name, options)));

  onDatabase(
    program
      .command('session')
      .summary('sessions of harden serve\'s dashboard')
      .command('revoke')
      .summary('end every session of a user (they must sign in again)')
      .requiredOption('--user <name>', 'the user'),
    'the sessions',
  ).action(async (options: AccountOptions & { user: string }) => exit(await (await actions()).sessionRevoke(options)));
}
