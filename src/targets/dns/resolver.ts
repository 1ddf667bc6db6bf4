import { Resolver } from 'node:dns/promises';
import { rawQuery, type RawRecordType, type RawResponse } from './raw-query.js';

export type CaaRecord = { critical: number; tag: string; value: string };

/** DNS answers the checks need, each name and type asked once per run. */
export class DnsClient {
  private readonly resolver: Resolver;
  private readonly cache = new Map<string, Promise<unknown>>();

  private readonly raws = new Map<string, Promise<RawResponse>>();

  /** `server` is host:port (e.g. 127.0.0.1:5353), else the system resolvers. */
  constructor(
    /** The server given with --dns-server (undefined: the system's resolvers). */
    readonly server: string | undefined,
    private readonly timeoutMs: number,
  ) {
    // Two tries must fit in the time a check gets, so the error names DNS, not the engine's timeout.
    this.resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeoutMs / 2)), tries: 2 });
    if (server) this.resolver.setServers([server]);
  }

  /** Cancels queries still waiting, so the process can exit when the run is over. */
  close(): void {
    this.resolver.cancel();
  }

  /** TXT records, each joined from its strings; none when the name or type does not exist. */
  txt(name: string): Promise<string[]> {
    return this.ask(`TXT ${name}`, async () => (await this.resolver.resolveTxt(name)).map((parts) => parts.join('')));
  }

  caa(name: string): Promise<CaaRecord[]> {
    return this.ask(`CAA ${name}`, async () =>
      (await this.resolver.resolveCaa(name)).map((record) => {
        const { critical, ...rest } = record;
        const [tag, value] = Object.entries(rest)[0] ?? ['', ''];
        return { critical, tag, value: String(value) };
      }),
    );
  }

  mx(name: string): Promise<{ exchange: string; priority: number }[]> {
    return this.ask(`MX ${name}`, () => this.resolver.resolveMx(name));
  }

  /**
   * Whether the domain receives mail: MX records, a null MX (RFC 7505: one MX with exchange ".",
   * the domain accepts no mail), or no MX at all.
   */
  async mailReceiving(name: string): Promise<'mx' | 'null-mx' | 'no-mx'> {
    const records = await this.mx(name);
    if (records.length === 0) return 'no-mx';
    return records.every((record) => record.exchange === '' || record.exchange === '.') ? 'null-mx' : 'mx';
  }

  a(name: string): Promise<string[]> {
    return this.ask(`A ${name}`, () => this.resolver.resolve4(name));
  }

  aaaa(name: string): Promise<string[]> {
    return this.ask(`AAAA ${name}`, () => this.resolver.resolve6(name));
  }

  /** The server queries go to: the configured one, else the system's first resolver. */
  get effectiveServer(): string | undefined {
    return this.server ?? this.resolver.getServers()[0];
  }

  /**
   * A raw UDP query (EDNS0, DO bit) for types node:dns cannot ask for, to the same server;
   * the response keeps the rcode and the AD flag. Cached per name and type.
   */
  raw(name: string, type: RawRecordType): Promise<RawResponse> {
    const key = `${type} ${name}`;
    let response = this.raws.get(key);
    if (!response) {
      const server = this.effectiveServer;
      response = server ? rawQuery(server, name, type, this.timeoutMs) : Promise.reject(new Error('no DNS server configured'));
      this.raws.set(key, response);
    }
    return response;
  }

  private ask<T>(key: string, query: () => Promise<T[]>): Promise<T[]> {
    let answer = this.cache.get(key) as Promise<T[]> | undefined;
    if (!answer) {
      answer = query().catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENODATA' || error.code === 'ENOTFOUND') return [];
        throw new Error(`DNS ${key} failed: ${error.code ?? error.message}`);
      });
      this.cache.set(key, answer);
    }
    return answer;
  }
}
