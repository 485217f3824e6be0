// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { captureErrors, captureSkipReasons, captureWarnings, formatCaptureMessage } from '../../../src/i18n/captureErrors';
import { readCapture } from '../../../src/sim/pcap/readCapture';
import { isCaptureError, type CaptureError } from '../../../src/sim/pcap/captureError';
import { encodePacket } from '../../../src/sim/pcap/encode';
import { classicPcap, concat, idb, shb } from './captureBuilders';
import { sampleFrames } from './samplePackets';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('capture messages in en and zh-CN', () => {
  it('use the same placeholders in both languages for every code', () => {
    for (const table of [captureErrors, captureWarnings, captureSkipReasons]) {
      expect(Object.keys(table['zh-CN']).sort()).toEqual(Object.keys(table.en).sort());
      for (const [code, en] of Object.entries(table.en)) {
        expect(placeholders((table['zh-CN'] as Record<string, string>)[code]), code).toEqual(placeholders(en));
      }
    }
  });

  it('fill every placeholder from the params the reader really produces', () => {
    const syn = encodePacket(sampleFrames()[0].packet);
    const rec = classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: syn }]);
    const absurd = rec.slice(); new DataView(absurd.buffer).setUint32(32, 0xffffffff, true);
    const inputs = [
      new Uint8Array(0), new TextEncoder().encode('not a capture'), Uint8Array.of(0x1f, 0x8b, 8, 0),
      Uint8Array.of(0x34, 0xcd, 0xb2, 0xa1), (() => { const v = rec.slice(); v[4] = 9; return v; })(),
      rec.subarray(0, 50), concat(shb(true), idb(true, 1), new Uint8Array(12)), absurd,
      classicPcap({ le: true, linktype: 105 }, [{ sec: 0, frac: 0, data: syn }]),
      classicPcap({ le: true, linktype: 101 }, []),
      classicPcap({ le: true, linktype: 101 }, [{ sec: 0, frac: 0, data: Uint8Array.of(0x60, 0) }]),
    ];
    const errors = inputs.map((b) => readCapture(b)).filter(isCaptureError) as CaptureError[];
    expect(new Set(errors.map((e) => e.code)).size).toBe(inputs.length); // each input shows a different code
    for (const e of errors) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const text = formatCaptureMessage(captureErrors[lang][e.code], e.params);
        expect(text, `${lang} ${e.code}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
