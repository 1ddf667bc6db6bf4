import { describe, expect, it } from 'vitest';
import { createLocalCa } from '../../testing/local-ca.js';
import { caFileProblem } from './ca-file.js';

describe('caFileProblem', () => {
  it('accepts one or more PEM certificates, with text around them', async () => {
    const ca = await createLocalCa();
    expect(caFileProblem(ca.cert)).toBeUndefined();
    expect(caFileProblem(`# our CAs\n${ca.cert}\n${ca.cert}`)).toBeUndefined();
  });

  it('names what is wrong with a file holding no certificate, or one that does not parse', async () => {
    const ca = await createLocalCa();
    const issued = await ca.issue();
    expect(caFileProblem('')).toBe('it holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
    expect(caFileProblem(issued.key)).toBe('it holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
    expect(caFileProblem(`${ca.cert}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n`)).toBe('its certificate 2 of 2 does not parse');
  });
});
