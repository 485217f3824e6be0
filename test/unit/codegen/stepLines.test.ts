// The code panel highlights stepLines[i][0] while step i runs: that line must be the call.
import { describe, expect, it } from 'vitest';
import { generateCode, LANGUAGES, type GeneratedCode, type Lang } from '../../../src/codegen';
import type { Step } from '../../../src/scenarios/schema';
import { ALL, halfClose, tcpEcho } from './scenarios';

/** What the highlighted line of each operation must contain, written independently of the generator. */
const CALL: Record<Lang, Record<Step['op'], RegExp>> = {
  c: {
    socket: /= socket\(AF_INET, SOCK_(STREAM|DGRAM), 0\);/,
    bind: /\bbind\(\w+, \(struct sockaddr \*\)&addr, sizeof addr\)/,
    listen: /\blisten\(\w+, \d+\)/,
    accept: /= accept\(\w+, NULL, NULL\);/,
    connect: /\bconnect\(\w+, \(struct sockaddr \*\)&addr, sizeof addr\)/,
    send: /\bsend\(\w+, .+, \d+, 0\)/,
    recv: /\brecv\(\w+, buf, \d+, 0\)/,
    sendto: /\bsendto\(\w+, .+, \d+, 0, \(struct sockaddr \*\)&addr, sizeof addr\)/,
    recvfrom: /\brecvfrom\(\w+, buf, \d+, 0, \(struct sockaddr \*\)&from, &fromlen\)/,
    shutdown: /\bshutdown\(\w+, SHUT_(RD|WR|RDWR)\)/,
    close: /\bclose\(\w+\)/,
    setsockopt: /\bsetsockopt\(\w+, (SOL_SOCKET|IPPROTO_TCP), (SO_\w+|TCP_NODELAY), |\bfcntl\(\w+, F_SETFL, .*O_NONBLOCK/,
    sleep: /^\s*(sleep|usleep|nanosleep)\(/,
  },
  python: {
    socket: /= socket\.socket\(socket\.AF_INET, socket\.SOCK_(STREAM|DGRAM)\)$/,
    bind: /\.bind\(\("[\d.]+", \d+\)\)$/,
    listen: /\.listen\(\d+\)$/,
    accept: /^\s*\w+, addr = \w+\.accept\(\)$/,
    connect: /\.connect\(\("[\d.]+", \d+\)\)$/,
    send: /\.(sendall|send)\(/,
    recv: /= \w+\.recv\(\d+\)$/,
    sendto: /\.sendto\(.+, \("[\d.]+", \d+\)\)$/,
    recvfrom: /^\s*data, addr = \w+\.recvfrom\(\d+\)$/,
    shutdown: /\.shutdown\(socket\.SHUT_(RD|WR|RDWR)\)$/,
    close: /\.close\(\)$/,
    setsockopt: /\.setsockopt\(socket\.(SOL_SOCKET|IPPROTO_TCP), socket\.(SO_\w+|TCP_NODELAY), |\.setblocking\((True|False)\)$/,
    sleep: /^\s*time\.sleep\([\d.e-]+\)$/,
  },
  java: {
    socket: /= (new (ServerSocket|Socket|DatagramSocket)\((null)?\)|(ServerSocketChannel|SocketChannel|DatagramChannel)\.open\(\));/,
    bind: /\.bind\((new InetSocketAddress\(.*\)|null)(, \d+)?\);/,
    listen: /\.bind\((new InetSocketAddress\(.*\)|null), \d+\);|^\s*\/\/ listen\(\)/,
    accept: /= \w+\.accept\(\);/,
    connect: /\.connect\(new InetSocketAddress\("[\d.]+", \d+\)\);/,
    send: /\.getOutputStream\(\)\.write\(|\.send\(new DatagramPacket\(|\.write\(ByteBuffer\.wrap\(/,
    recv: /\.getInputStream\(\)\.read\(buf, 0, \d+\)|\.receive\(|\.read\(ByteBuffer\.wrap\(buf/,
    sendto: /\.send\(new DatagramPacket\(.*new InetSocketAddress|\.send\(ByteBuffer\.wrap\(/,
    recvfrom: /\.receive\((pkt|bb)\);/,
    shutdown: /\.shutdown(Input|Output)\(\);|^\s*\/\/ shutdown\(SHUT_/,
    close: /\.close\(\);/,
    setsockopt: /\.(setReuseAddress|setSoLinger|setReceiveBufferSize|setSendBufferSize|setTcpNoDelay|setKeepAlive|configureBlocking)\(|\.setOption\(StandardSocketOptions\.\w+, |^\s*\/\/ (SO_\w+|TCP_NODELAY|O_NONBLOCK): /,
    sleep: /^\s*Thread\.sleep\(\d+(, \d+)?\);/,
  },
  javascript: {
    socket: /= (net\.createServer\(|new net\.Socket\(|dgram\.createSocket\()/,
    bind: /\.listen\(\{ host: '[\d.]+', port: \d+|\.bind\(\d+|^\s*\/\/ bind\([\d.]+:\d+\)|^\s*\/\/ bind\(\):/,
    listen: /\.listen\(\{ host: '[\d.]+', port: \d+(, backlog: \d+)? \}\);/,
    accept: /\[\w+\] = \(await \w+\.next\(\)\)\.value;|\[\w+\] = await once\(\w+, 'connection'\);/,
    connect: /\.connect\(/,
    send: /await write\(\w+, |\.write\(|await send\(\w+, /,
    recv: /await readSome\(\w+, \d+\)|readNow\(\w+, \d+\)|\[msg, rinfo\] = /,
    sendto: /await send\(\w+, .+, \d+, '[\d.]+'\);|await write\(/,
    recvfrom: /\[msg, rinfo\] = /,
    shutdown: /\.end\(\);|^\s*\/\/ shutdown\(SHUT_RD\)/,
    close: /\.(destroy|resetAndDestroy|close)\(\);/,
    setsockopt: /\.(setNoDelay|setKeepAlive|setRecvBufferSize|setSendBufferSize)\(|^\s*\/\/ (SO_\w+|TCP_NODELAY|O_NONBLOCK)\b/,
    sleep: /^\s*await sleep\([\d.]+\);$/,
  },
};

/** The highlighted line of every step is that step's call; all its lines exist and follow the first in order. */
function expectCallLines(g: GeneratedCode, steps: readonly Step[]): void {
  expect(g.stepLines).toHaveLength(steps.length);
  steps.forEach((step, i) => {
    const lines = g.stepLines[i];
    expect(lines.length, `step ${i} has no line`).toBeGreaterThan(0);
    for (const n of lines) expect(n >= 1 && n <= g.lines.length).toBe(true);
    expect([...lines.slice(1)].sort((a, b) => a - b)).toEqual(lines.slice(1));
    const line = g.lines[lines[0] - 1];
    expect(line, `step ${i} (${step.op})`).toMatch(CALL[g.lang][step.op]);
    if (g.calls[i]) expect(line).toContain(`${g.calls[i]}(`);
  });
}

describe('stepLines', () => {
  for (const [name, scenario] of Object.entries(ALL)) {
    scenario.programs.forEach((program, pi) => {
      for (const { id: lang } of LANGUAGES) {
        it(`${name} program ${pi} in ${lang}: every step highlights a line with its call`, () => {
          expectCallLines(generateCode(scenario, pi, lang), program.steps);
          // With every call failing, try/except lines surround the calls but are never highlighted.
          expectCallLines(generateCode(scenario, pi, lang, { failing: program.steps.map((_, i) => i) }), program.steps);
        });
      }
    });
  }

  it('keeps each step\'s lines to itself, except where one call does two steps', () => {
    for (const { id: lang } of LANGUAGES) {
      const g = generateCode(halfClose, 0, lang);
      const owner = new Map<number, number>();
      g.stepLines.forEach((lines, i) => {
        for (const n of lines) {
          const other = owner.get(n);
          // Only listen() may share a line, and only with the bind() of its socket (Java, Node).
          if (other !== undefined) expect([halfClose.programs[0].steps[other].op, halfClose.programs[0].steps[i].op]).toEqual(['bind', 'listen']);
          owner.set(n, i);
        }
      });
    }
  });

  it('puts a step\'s comment in the locale asked for, just above its call', () => {
    const en = generateCode(tcpEcho, 0, 'python', { locale: 'en' });
    const zh = generateCode(tcpEcho, 0, 'python', { locale: 'zh-CN' });
    expect(en.lines[en.stepLines[0][0] - 2]).toBe('# the listening socket');
    expect(zh.lines[zh.stepLines[0][0] - 2]).toBe('# 监听套接字');
    expect(zh.stepLines[0]).toContain(zh.stepLines[0][0] - 1);
  });

  it('lines and text agree, and tokens rebuild each line', () => {
    for (const { id: lang } of LANGUAGES) {
      const g = generateCode(tcpEcho, 1, lang);
      expect(g.text).toBe(g.lines.join('\n') + '\n');
      g.lines.forEach((line, i) => expect(g.tokens[i].map((t) => t.text).join('')).toBe(line));
    }
  });
});
