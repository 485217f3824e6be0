// The target policy on its own, with a stand-in resolver: decisions on resolved addresses,
// every address checked (a rebinding name cannot smuggle one in), the allow-list resolved once.
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/bridge/addresses';
import { checkBindAddress, createTargetPolicy, resolveAllowList, splitHostPort } from '../../src/bridge/targetPolicy';

const fixed = (table: Record<string, string[]>) => {
  const calls: string[] = [];
  const resolver = async (h: string) => { calls.push(h); if (!table[h]) throw new Error('ENOTFOUND'); return table[h]; };
  return { resolver, calls };
};

describe('IP parsing folds every IPv4 spelling inside IPv6 to IPv4', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'], ['::ffff:7f00:1', '127.0.0.1'], ['[::ffff:127.0.0.1]', '127.0.0.1'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', '169.254.169.254'], ['::127.0.0.1', '127.0.0.1'], ['::1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
  ])('%s → %s', (input, out) => { expect(parseIp(input)?.address).toBe(out); });
  it('refuses non-literals', () => {
    for (const s of ['0x7f000001', '127.1', 'localhost', '1.2.3.4.5', '']) expect(parseIp(s)).toBeNull();
  });
});

describe('createTargetPolicy', () => {
  it('resolves allow-list names once, at start-up', async () => {
    const { resolver, calls } = fixed({ 'echo.test': ['127.0.0.1'] });
    const allow = await resolveAllowList(['echo.test:7'], resolver);
    const p = createTargetPolicy({ allow, bridgePorts: () => [5180], resolver });
    expect(calls).toEqual(['echo.test']);
    expect(await p.check('127.0.0.1', 7, [])).toMatchObject({ ok: true, ip: { address: '127.0.0.1' } });
  });

  it('denies a name if any address it resolves to is special (rebinding to metadata)', async () => {
    const { resolver } = fixed({ 'rebind.test': ['127.0.0.1', '169.254.169.254'] });
    const p = createTargetPolicy({ allow: await resolveAllowList(['127.0.0.1:7']), bridgePorts: () => [], resolver });
    expect(await p.check('rebind.test', 7, [])).toMatchObject({ ok: false, code: 'EACCES', reason: 'special-address' });
  });

  it('connects to the checked literal, not to the name', async () => {
    const { resolver } = fixed({ 'two.test': ['10.9.9.9', '127.0.0.1'] });
    const p = createTargetPolicy({ allow: await resolveAllowList(['127.0.0.1:7']), bridgePorts: () => [], resolver });
    expect(await p.check('two.test', 7, [])).toMatchObject({ ok: true, ip: { address: '127.0.0.1', family: 'ipv4' } });
  });

  it('allows the session\'s own listeners, also through a wildcard bind', async () => {
    const p = createTargetPolicy({ allow: [], bridgePorts: () => [] });
    const own = [{ ip: parseIp('0.0.0.0')!, port: 6000 }, { ip: parseIp('127.0.0.1')!, port: 6001 }];
    expect((await p.check('127.0.0.5', 6000, own)).ok).toBe(true);
    expect((await p.check('127.0.0.1', 6001, own)).ok).toBe(true);
    expect(await p.check('127.0.0.1', 6002, own)).toMatchObject({ ok: false, reason: 'not-allowed' });
  });

  it('matches a wildcard listener only with loopback of its own family', async () => {
    const p = createTargetPolicy({ allow: [], bridgePorts: () => [] });
    const own = [{ ip: parseIp('0.0.0.0')!, port: 6000 }, { ip: parseIp('::')!, port: 6001 }];
    expect((await p.check('127.0.0.1', 6000, own)).ok).toBe(true);
    expect((await p.check('::1', 6001, own)).ok).toBe(true);
    for (const [host, port] of [['::1', 6000], ['127.0.0.1', 6001], ['::ffff:127.0.0.1', 6001], ['127.0.0.2', 6001]] as const) {
      expect(await p.check(host, port, own), `${host} ${port}`).toMatchObject({ ok: false, code: 'EACCES', reason: 'not-allowed' });
    }
  });

  it('lets an exact IP listing override the special-range denial, but never a name', async () => {
    const { resolver } = fixed({ 'meta.test': ['169.254.169.254'] });
    const exact = createTargetPolicy({ allow: await resolveAllowList(['169.254.169.254:80']), bridgePorts: () => [], resolver });
    expect((await exact.check('169.254.169.254', 80, [])).ok).toBe(true);
    const byName = createTargetPolicy({ allow: await resolveAllowList(['meta.test:80'], resolver), bridgePorts: () => [], resolver });
    expect(await byName.check('169.254.169.254', 80, [])).toMatchObject({ ok: false, reason: 'special-address' });
  });

  it('refuses 0.0.0.0 on the allow-list and malformed entries', async () => {
    await expect(resolveAllowList(['0.0.0.0:80'])).rejects.toThrow(/cannot be targets/);
    await expect(resolveAllowList(['127.0.0.1'])).rejects.toThrow(/host:port/);
    expect(splitHostPort('[::1]:80')).toEqual({ host: '[::1]', port: 80 });
    expect(splitHostPort('::1:80')).toBeNull();
  });
});

describe('checkBindAddress', () => {
  it('defaults to 127.0.0.1 and allows only loopback without the classroom flag', () => {
    expect(checkBindAddress(undefined, 0, false)).toMatchObject({ ok: true, ip: { address: '127.0.0.1' } });
    expect(checkBindAddress('::1', 4000, false)).toMatchObject({ ok: true });
    expect(checkBindAddress('0.0.0.0', 4000, false)).toMatchObject({ ok: false, code: 'EACCES' });
    expect(checkBindAddress('0.0.0.0', 4000, true)).toMatchObject({ ok: true });
    expect(checkBindAddress('127.0.0.1', 1023, true)).toMatchObject({ ok: false, reason: 'privileged-port' });
    expect(checkBindAddress('224.0.0.1', 4000, true)).toMatchObject({ ok: false });
    expect(checkBindAddress('203.0.113.9', 4000, true)).toMatchObject({ ok: false, code: 'EADDRNOTAVAIL' });
  });
});
