// oidc-provider ships no types: what the single sign-on test uses of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Record<string, unknown>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Record<string, unknown>[];
        findAccount: (context: unknown, id: string) => Account | undefined;
        claims: Record<string, string[]>;
        features: Record<string, { enabled: boolean }>;
        cookies: { keys: string[] };
      },
    );
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
