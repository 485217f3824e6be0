// @vitest-environment node
// The narration of every step of every built-in scenario is one or two sentences, in both
// languages, and English sentences start with a capital letter (host names included).
import { describe, expect, it } from 'vitest';
import { narrate } from '../../src/narration/narrate';
import { createTimeline } from '../../src/timeline';
import { translator, type Locale } from '../../src/i18n/i18n';
import { simulate } from '../../src/sim';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/builtin';
import { LESSON_SCENARIOS } from '../../src/scenarios/lessons';

/** Quoted data (what a program read) may hold anything: it is not part of the sentence structure. */
const unquote = (s: string) => s.replace(/"[^"]*"|“[^”]*”/g, '""');

/** Sentence terminators: . ? ! followed by a space or the end (so not inside 10.0.0.1 or 1.5 s), and 。？！. */
function sentences(text: string): string[] {
  return unquote(text).split(/(?<=[.?!])\s+|(?<=[。？！])/).map((s) => s.trim()).filter(Boolean);
}

function narrations(scenario: Parameters<typeof simulate>[0], locale: Locale): string[] {
  const r = simulate(scenario);
  const tl = createTimeline(r.trace);
  const t = translator(locale);
  const ips = Object.fromEntries(Object.entries(scenario.hosts).map(([k, v]) => [k, v.ip]));
  const out: string[] = [];
  for (const numbers of ['relative', 'absolute'] as const) {
    for (let c = 0; c <= tl.length; c++) out.push(narrate(tl, c, t, { numbers, ips, locale }));
  }
  return out;
}

describe('narration length and capitals over the built-in scenarios', () => {
  it('counts sentences the way a reader does', () => {
    expect(sentences('Client calls connect(sock, 10.0.0.2:7); it blocks. TIME_WAIT (2·MSL = 60 s) is over.')).toHaveLength(2);
    expect(sentences('The program reads 5 bytes: "a. b. c". Done!')).toHaveLength(2);
    expect(sentences('内核创建一个套接字。程序暂停一会儿。再来一句！')).toHaveLength(3);
    expect(sentences('RTO 1.5 s expires.')).toHaveLength(1);
  });

  const all = [...BUILTIN_SCENARIOS, ...LESSON_SCENARIOS];
  for (const { id, scenario } of all) {
    it(`${id}: one or two sentences per step in en and zh-CN; English sentences capitalised`, () => {
      for (const locale of ['en', 'zh-CN'] as const) {
        narrations(scenario, locale).forEach((text, i) => {
          const ss = sentences(text);
          expect(ss.length, `${locale} ${i}: ${text}`).toBeGreaterThanOrEqual(1);
          expect(ss.length, `${locale} ${i}: ${text}`).toBeLessThanOrEqual(2);
          expect(text, `${locale} ${i}`).not.toMatch(/\{\w+\}/);
          if (locale === 'en') for (const s of ss) expect(s, `${i}: ${text}`).not.toMatch(/^[a-z]/);
        });
      }
    });
  }
});
