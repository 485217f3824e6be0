// Raw ICMP sockets in the code panel: C and Python open SOCK_RAW/IPPROTO_ICMP and print the ICMP
// type and code found after the IP header; Java and Node have none, and say so in a comment.
import { describe, expect, it } from 'vitest';
import { callName, generateCode, LANGUAGES } from '../../../src/codegen';
import type { Step } from '../../../src/scenarios/schema';
import { rawIcmp } from './scenarios';

const code = (lang: (typeof LANGUAGES)[number]['id'], locale: 'en' | 'zh-CN' = 'en') => generateCode(rawIcmp, 1, lang, { locale });

describe('raw ICMP sockets', () => {
  it('C: socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), recvfrom, the ICMP type/code at the IP header length', () => {
    const g = code('c');
    expect(g.text).toContain('socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);');
    expect(g.text).toMatch(/recvfrom\(r, buf, 1500, 0, \(struct sockaddr \*\)&from, &fromlen\);/);
    expect(g.text).toContain('ICMP type %d code %d');
    expect(g.text).toContain('(buf[0] & 0x0f) * 4');
  });

  it('Python: socket.SOCK_RAW, socket.IPPROTO_ICMP and the type/code after the IP header', () => {
    const g = code('python');
    expect(g.text).toContain('socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)');
    expect(g.text).toContain('ihl = (data[0] & 0x0F) * 4');
    expect(g.text).toContain('data[ihl]');
  });

  it('Java and Node: a comment saying there are no raw sockets and what the C/Python version does', () => {
    for (const lang of ['java', 'javascript'] as const) {
      const g = code(lang);
      const name = lang === 'java' ? 'Java' : 'Node.js';
      expect(g.text).toContain(`socket(): ${name} has no raw sockets (SOCK_RAW) in its standard library`);
      expect(g.text).toContain('IPPROTO_ICMP');
      expect(g.text).not.toMatch(/new DatagramSocket|dgram\.createSocket/);
      // Every step still has a line to highlight.
      expect(g.stepLines.every((l) => l.length > 0)).toBe(true);
      expect(code(lang, 'zh-CN').text).toContain('没有原始套接字');
    }
  });

  it('every language has code for the program; call names', () => {
    for (const { id } of LANGUAGES) expect(code(id).text.length).toBeGreaterThan(0);
    const sock = { op: 'socket', type: 'raw', as: 'r' } as Step;
    expect(callName(sock, 'c')).toBe('socket()');
    expect(callName(sock, 'python')).toBe('socket.socket()');
    expect(callName(sock, 'java')).toBe('socket() (C/Python only)');
  });
});
