/**
 * TLS 1.0–1.2 cipher suites by the weakness a probe looks for, as IANA code points with their
 * OpenSSL names. Each list is sent alone in one ClientHello: the server either picks one of
 * them or refuses, so one hello answers "does the server accept any suite of this class".
 */
export type Suite = readonly [code: number, name: string];

export const WEAK_CLASSES = {
  /** No encryption at all. */
  nullCipher: [
    [0x0001, 'NULL-MD5'], [0x0002, 'NULL-SHA'], [0x003b, 'NULL-SHA256'], [0xc006, 'ECDHE-ECDSA-NULL-SHA'], [0xc010, 'ECDHE-RSA-NULL-SHA'],
    [0xc015, 'AECDH-NULL-SHA'], [0x002c, 'PSK-NULL-SHA'], [0x002d, 'DHE-PSK-NULL-SHA'], [0x002e, 'RSA-PSK-NULL-SHA'], [0x00b0, 'PSK-NULL-SHA256'],
  ],
  /** No server authentication: anyone in the path can answer. */
  anonymous: [
    [0x0018, 'ADH-RC4-MD5'], [0x001b, 'ADH-DES-CBC3-SHA'], [0x0034, 'ADH-AES128-SHA'], [0x003a, 'ADH-AES256-SHA'], [0x006c, 'ADH-AES128-SHA256'],
    [0x006d, 'ADH-AES256-SHA256'], [0x00a6, 'ADH-AES128-GCM-SHA256'], [0x00a7, 'ADH-AES256-GCM-SHA384'], [0x0046, 'ADH-CAMELLIA128-SHA'], [0x0089, 'ADH-CAMELLIA256-SHA'],
    [0x009b, 'ADH-SEED-SHA'], [0xc016, 'AECDH-RC4-SHA'], [0xc017, 'AECDH-DES-CBC3-SHA'], [0xc018, 'AECDH-AES128-SHA'], [0xc019, 'AECDH-AES256-SHA'],
  ],
  /** 40- and 56-bit export-grade suites (FREAK, Logjam). */
  export: [
    [0x0003, 'EXP-RC4-MD5'], [0x0006, 'EXP-RC2-CBC-MD5'], [0x0008, 'EXP-DES-CBC-SHA'], [0x000b, 'EXP-DH-DSS-DES-CBC-SHA'], [0x000e, 'EXP-DH-RSA-DES-CBC-SHA'],
    [0x0011, 'EXP-EDH-DSS-DES-CBC-SHA'], [0x0014, 'EXP-EDH-RSA-DES-CBC-SHA'], [0x0017, 'EXP-ADH-RC4-MD5'], [0x0019, 'EXP-ADH-DES-CBC-SHA'], [0x0062, 'EXP1024-DES-CBC-SHA'],
    [0x0063, 'EXP1024-DHE-DSS-DES-CBC-SHA'], [0x0064, 'EXP1024-RC4-SHA'], [0x0065, 'EXP1024-DHE-DSS-RC4-SHA'],
  ],
  /** RC4 (RFC 7465 prohibits it). */
  rc4: [
    [0x0004, 'RC4-MD5'], [0x0005, 'RC4-SHA'], [0xc007, 'ECDHE-ECDSA-RC4-SHA'], [0xc011, 'ECDHE-RSA-RC4-SHA'], [0xc002, 'ECDH-ECDSA-RC4-SHA'],
    [0xc00c, 'ECDH-RSA-RC4-SHA'], [0x0066, 'DHE-DSS-RC4-SHA'], [0x008a, 'PSK-RC4-SHA'],
  ],
  /** 64-bit block ciphers, open to SWEET32 (CVE-2016-2183): 3DES, DES, IDEA, RC2. */
  sweet32: [
    [0x000a, 'DES-CBC3-SHA'], [0x0016, 'EDH-RSA-DES-CBC3-SHA'], [0x0013, 'EDH-DSS-DES-CBC3-SHA'], [0xc008, 'ECDHE-ECDSA-DES-CBC3-SHA'], [0xc012, 'ECDHE-RSA-DES-CBC3-SHA'],
    [0xc003, 'ECDH-ECDSA-DES-CBC3-SHA'], [0xc00d, 'ECDH-RSA-DES-CBC3-SHA'], [0x0009, 'DES-CBC-SHA'], [0x0015, 'EDH-RSA-DES-CBC-SHA'], [0x0012, 'EDH-DSS-DES-CBC-SHA'],
    [0x0007, 'IDEA-CBC-SHA'], [0x008b, 'PSK-3DES-EDE-CBC-SHA'],
  ],
} as const satisfies Record<string, readonly Suite[]>;

export type WeakClass = keyof typeof WEAK_CLASSES;

/** Authenticated suites with an ephemeral (EC)DHE key exchange. */
export const FORWARD_SECRET: readonly Suite[] = [
  [0xc02b, 'ECDHE-ECDSA-AES128-GCM-SHA256'], [0xc02c, 'ECDHE-ECDSA-AES256-GCM-SHA384'], [0xc02f, 'ECDHE-RSA-AES128-GCM-SHA256'], [0xc030, 'ECDHE-RSA-AES256-GCM-SHA384'],
  [0xcca9, 'ECDHE-ECDSA-CHACHA20-POLY1305'], [0xcca8, 'ECDHE-RSA-CHACHA20-POLY1305'], [0xccaa, 'DHE-RSA-CHACHA20-POLY1305'], [0xc009, 'ECDHE-ECDSA-AES128-SHA'],
  [0xc00a, 'ECDHE-ECDSA-AES256-SHA'], [0xc013, 'ECDHE-RSA-AES128-SHA'], [0xc014, 'ECDHE-RSA-AES256-SHA'], [0xc023, 'ECDHE-ECDSA-AES128-SHA256'],
  [0xc024, 'ECDHE-ECDSA-AES256-SHA384'], [0xc027, 'ECDHE-RSA-AES128-SHA256'], [0xc028, 'ECDHE-RSA-AES256-SHA384'], [0x009e, 'DHE-RSA-AES128-GCM-SHA256'],
  [0x009f, 'DHE-RSA-AES256-GCM-SHA384'], [0x0033, 'DHE-RSA-AES128-SHA'], [0x0039, 'DHE-RSA-AES256-SHA'], [0x0067, 'DHE-RSA-AES128-SHA256'],
  [0x006b, 'DHE-RSA-AES256-SHA256'], [0xc0ac, 'ECDHE-ECDSA-AES128-CCM'], [0xc0ad, 'ECDHE-ECDSA-AES256-CCM'], [0xc09e, 'DHE-RSA-AES128-CCM'],
  [0xc09f, 'DHE-RSA-AES256-CCM'], [0x0045, 'DHE-RSA-CAMELLIA128-SHA'], [0x0088, 'DHE-RSA-CAMELLIA256-SHA'], [0xc012, 'ECDHE-RSA-DES-CBC3-SHA'], [0x0016, 'EDH-RSA-DES-CBC3-SHA'],
];

/** Authenticated AEAD suites (GCM, CCM, ChaCha20-Poly1305): what a server needs so clients are not left with CBC. */
export const AEAD: readonly Suite[] = [
  [0xc02b, 'ECDHE-ECDSA-AES128-GCM-SHA256'], [0xc02c, 'ECDHE-ECDSA-AES256-GCM-SHA384'], [0xc02f, 'ECDHE-RSA-AES128-GCM-SHA256'], [0xc030, 'ECDHE-RSA-AES256-GCM-SHA384'],
  [0xcca9, 'ECDHE-ECDSA-CHACHA20-POLY1305'], [0xcca8, 'ECDHE-RSA-CHACHA20-POLY1305'], [0xccaa, 'DHE-RSA-CHACHA20-POLY1305'], [0x009e, 'DHE-RSA-AES128-GCM-SHA256'],
  [0x009f, 'DHE-RSA-AES256-GCM-SHA384'], [0x009c, 'AES128-GCM-SHA256'], [0x009d, 'AES256-GCM-SHA384'], [0xc09c, 'AES128-CCM'], [0xc09d, 'AES256-CCM'],
  [0xc0ac, 'ECDHE-ECDSA-AES128-CCM'], [0xc0ad, 'ECDHE-ECDSA-AES256-CCM'], [0xc09e, 'DHE-RSA-AES128-CCM'], [0xc09f, 'DHE-RSA-AES256-CCM'],
];

/** Authenticated finite-field DHE suites, to learn the size of the server's DH group. */
export const DHE: readonly Suite[] = FORWARD_SECRET.filter(([, name]) => /^(DHE|EDH)-/.test(name));

/** The smallest DH group the guidelines accept (NIST SP 800-57, Mozilla intermediate: ffdhe2048). */
export const MINIMUM_DH_BITS = 2048;

export function suiteName(code: number): string {
  const all: readonly Suite[] = [...Object.values(WEAK_CLASSES).flat(), ...FORWARD_SECRET, ...AEAD];
  return all.find(([c]) => c === code)?.[1] ?? `0x${code.toString(16).padStart(4, '0')}`;
}
