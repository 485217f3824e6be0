// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zhCN';
import { detectLocale, formatTime, translate } from '../../src/i18n/i18n';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('zh-CN has every key with the same parameters, and is actually translated', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as Array<keyof typeof en>) {
      expect(params(zhCN[k]), k).toEqual(params(en[k]));
    }
    const same = (Object.keys(en) as Array<keyof typeof en>).filter((k) => en[k] === zhCN[k] && /[a-z]{4,}/.test(en[k]));
    // Only names that are the same in both languages (brand, profile names, protocol words).
    expect(same.every((k) => /app.title|profile.linux|profile.rfc|control.time|diagram.host|timer.time-wait|network.fault.other|sockets.rto|chart.cwnd|chart.ssthresh|wb.field.backlog/.test(k)), same.join(', ')).toBe(true);
  });

  it('the playback controls use the exact English names', () => {
    expect([en['control.play'], en['control.pause'], en['control.stepForward'], en['control.stepBack'], en['control.jumpStart'], en['control.jumpEnd']])
      .toEqual(['Play', 'Pause', 'Step forward', 'Step back', 'Jump to start', 'Jump to end']);
  });

  it('?lang= forces the language; otherwise the browser decides; otherwise English', () => {
    expect(detectLocale('?lang=en', ['zh-CN'])).toBe('en');
    expect(detectLocale('?lang=zh-CN', ['en-US'])).toBe('zh-CN');
    expect(detectLocale('', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLocale('', ['fr-FR', 'en-GB'])).toBe('en');
    expect(detectLocale('', ['fr-FR'])).toBe('en');
    expect(detectLocale('?lang=xx', ['zh'])).toBe('zh-CN');
  });

  it('substitutes parameters and formats virtual time', () => {
    expect(translate('en', 'control.stepOf', { n: 3, total: 9 })).toBe('Step 3 of 9');
    expect(translate('zh-CN', 'control.stepOf', { n: 3, total: 9 })).toBe('第 3 步，共 9 步');
    expect(formatTime(25)).toBe('25 ms');
    // zh-CN spaces a Latin value from the Chinese around it, never a Chinese one.
    expect(translate('zh-CN', 'seg.syn', { host: 'browser', seq: 0 })).toMatch(/^browser 发送/);
    expect(translate('zh-CN', 'seg.syn', { host: '客户端', seq: 0 })).toMatch(/^客户端发送/);
    expect(translate('zh-CN', 'code.program', { host: 'alice' })).toBe('alice 程序');
    expect(translate('en', 'code.program', { host: 'alice' })).not.toMatch(/ {2}/);
    expect(formatTime(1500)).toBe('1.5 s');
    expect(formatTime(60000)).toBe('60 s');
  });
});
