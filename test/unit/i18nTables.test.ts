// @vitest-environment node
// Every table of user-facing text has a Chinese entry for each English one, with the same
// parameters, and the entry is Chinese: the message catalogs, capture errors, schema messages,
// the code generator's notes, packet field names, workbench messages, TCP option names and values.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zhCN';
import { captureErrors, captureSkipReasons, captureWarnings } from '../../src/i18n/captureErrors';
import { schemaEn, schemaZhCN } from '../../src/i18n/schemaMessages';
import { codegenNotes } from '../../src/i18n/codegenNotes';
import { checksumText, fieldName } from '../../src/i18n/fieldNames';
import { describeProblem, type FieldProblem } from '../../src/i18n/workbenchMessages';
import { packetFields } from '../../src/sim/pcap/packetFields';
import { packetBytes } from '../../src/sim/pcap';
import { simulate, PROFILES, PROFILE_DIFFERENCES } from '../../src/sim';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/builtin';
import { OPTION_KIND, optionName, optionValue } from '../../src/ui/network/profileOptions';
import { translator } from '../../src/i18n/i18n';
import { faultText } from '../../src/ui/network/faultText';

const CJK = /[\u4e00-\u9fff]/;
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sameShape(name: string, enT: Record<string, string>, zhT: Record<string, string>) {
  expect(Object.keys(zhT).sort(), name).toEqual(Object.keys(enT).sort());
  for (const k of Object.keys(enT)) {
    expect(zhT[k], `${name} ${k}`).toBeTruthy();
    expect(params(zhT[k]), `${name} ${k}`).toEqual(params(enT[k]));
  }
}

describe('i18n tables: nothing missing in zh-CN', () => {
  it('the message catalogs have the same keys; a zh-CN value equal to the English one is a name, not prose', () => {
    sameShape('catalog', en, zhCN);
    // Prose is two or more English words in a row; names and protocol words may stay as they are.
    const untranslated = (Object.keys(en) as Array<keyof typeof en>)
      .filter((k) => zhCN[k] === en[k] && /[a-z]{3,} [a-z]{3,}/i.test(en[k]));
    expect(untranslated).toEqual([]);
  });

  it('capture errors, warnings and skip reasons', () => {
    sameShape('captureErrors', captureErrors.en, captureErrors['zh-CN']);
    sameShape('captureWarnings', captureWarnings.en, captureWarnings['zh-CN']);
    sameShape('captureSkipReasons', captureSkipReasons.en, captureSkipReasons['zh-CN']);
    for (const v of [...Object.values(captureErrors['zh-CN']), ...Object.values(captureWarnings['zh-CN']), ...Object.values(captureSkipReasons['zh-CN'])]) {
      expect(v).toMatch(CJK);
    }
  });

  it('scenario validation messages', () => {
    sameShape('schema', schemaEn, schemaZhCN);
    for (const v of Object.values(schemaZhCN)) expect(v).toMatch(CJK);
  });

  it('the code generator\'s notes', () => {
    const e = codegenNotes('en') as unknown as Record<string, unknown>;
    const z = codegenNotes('zh-CN') as unknown as Record<string, unknown>;
    expect(Object.keys(z).sort()).toEqual(Object.keys(e).sort());
    for (const k of Object.keys(e)) {
      const zv = z[k];
      const text = typeof zv === 'function' ? String((zv as (...a: string[]) => string)('a', 'b', 'c')) : String(zv);
      expect(text, k).toMatch(CJK);
    }
  });

  it('packet field names and checksum words of every packet of the built-in runs', () => {
    const keys = new Set<string>();
    for (const { scenario } of BUILTIN_SCENARIOS) {
      for (const p of simulate(scenario).packets.values()) for (const f of packetFields(packetBytes(p))) keys.add(f.key);
    }
    expect(keys.size).toBeGreaterThan(20);
    for (const k of keys) {
      expect(fieldName(k, 'en'), k).not.toBe(k);
      expect(fieldName(k, 'zh-CN'), k).toMatch(CJK);
    }
    for (const s of ['good', 'bad', 'partial', 'absent', 'unverified']) expect(checksumText(s, 'zh-CN')).toMatch(CJK);
  });

  it('workbench messages', () => {
    const samples: FieldProblem[] = [
      { kind: 'required' }, { kind: 'number' }, { kind: 'integer' }, { kind: 'min', min: 1 }, { kind: 'max', max: 2 },
      { kind: 'range', min: 1, max: 2 }, { kind: 'oneOf', values: ['a', 'b'] }, { kind: 'format', field: 'ip' }, { kind: 'data' },
      { kind: 'optvalue' }, { kind: 'bandwidth' }, { kind: 'unknownSocket', name: 's', host: 'h' }, { kind: 'unknownHost', hosts: ['h'] },
      { kind: 'target', hosts: ['h'] }, { kind: 'spawnTarget', host: 'h' }, { kind: 'spawnedOnce' }, { kind: 'duplicateIp' },
      { kind: 'duplicateHost' }, { kind: 'noHost' }, { kind: 'atLeastOneSocket' }, { kind: 'other', text: 'schema.port' },
    ];
    for (const p of samples) expect(describeProblem(p, 'zh-CN'), p.kind).toMatch(CJK);
  });

  it('TCP options: every option has a name, and every profile value reads with its unit', () => {
    const zh = translator('zh-CN');
    const enT = translator('en');
    for (const k of Object.keys(OPTION_KIND) as Array<keyof typeof OPTION_KIND>) {
      expect(optionName(enT, k), k).not.toMatch(/^tcpopt\./);
      expect(optionName(zh, k), k).toMatch(CJK);
      for (const p of ['linux', 'rfc'] as const) {
        for (const [t, locale] of [[enT, 'en'], [zh, 'zh-CN']] as const) {
          const v = optionValue(t, locale, k, PROFILES[p][k]);
          expect(v, `${k} ${p} ${locale}`).not.toMatch(/tcpopt\.|undefined|NaN/);
        }
      }
    }
    expect(PROFILE_DIFFERENCES.length).toBeGreaterThan(5);
    // Units and no-break spaces: a number never parts from its unit or splits itself.
    expect(optionValue(enT, 'en', 'msl', PROFILES.rfc.msl)).toBe('120\u00a0s');
    expect(optionValue(zh, 'zh-CN', 'msl', PROFILES.rfc.msl)).toBe('120\u00a0秒');
    expect(optionValue(enT, 'en', 'delayedAckMs', 40)).toBe('40\u00a0ms');
    expect(optionValue(zh, 'zh-CN', 'delayedAckMs', 40)).toBe('40\u00a0毫秒');
    expect(optionValue(enT, 'en', 'rcvbuf', 65535)).toBe('65,535\u00a0bytes');
    expect(optionValue(zh, 'zh-CN', 'finTimeout', null)).toBe('无');
    expect(optionValue(zh, 'zh-CN', 'windowScale', 'auto')).toBe('自动');
    expect(optionValue(zh, 'zh-CN', 'quickAck', true)).toBe('开');
  });

  it('the congestion phases have names in both languages', () => {
    for (const ph of ['slow-start', 'congestion-avoidance', 'fast-recovery'] as const) {
      expect(zhCN[`sockets.phase.${ph}`]).toMatch(CJK);
      expect(en[`sockets.phase.${ph}`]).not.toContain('-');
    }
  });

  it('faults in the Network tab read as words, not JSON', () => {
    const zh = translator('zh-CN');
    const enT = translator('en');
    const f = { drop: { from: 'client', payload: true, nth: 4 } };
    expect(faultText(enT, f)).toBe('drop: from client · with data · match 4');
    expect(faultText(zh, f)).toBe('丢弃：来自客户端 · 带数据 · 第 4 个匹配');
    expect(faultText(zh, { delay: { to: 'server', flags: ['SYN', 'ACK'], ms: 200 } })).toBe('延迟：发往服务器 · 标志 SYN+ACK · 延迟 200\u00a0毫秒');
    expect(faultText(zh, { duplicate: {} })).toBe('复制：所有数据包');
    expect(faultText(zh, { drop: { id: 7 } })).toBe('丢弃数据包 7');
  });
});
