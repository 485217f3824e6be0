// What the highlighted line of each step must look like in each language, written independently
// of the generator, and the check that every step's first line is its call.
import { expect } from 'vitest';
import type { GeneratedCode, Lang } from '../../../src/codegen';
import type { Step } from '../../../src/scenarios/schema';

export const CALL: Record<Lang, Record<Step['op'], RegExp>> = {
  c: {
    socket: /= socket\(AF_INET, (SOCK_(STREAM|DGRAM), 0|SOCK_RAW, IPPROTO_ICMP)\);/,
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
    spawn: /\(errno = pthread_create\(&\w+, NULL, \w+, NULL\)\) != 0/,
    poll: /^\s*ready = poll\(pfd, \d+, -?\d+\);$/,
  },
  python: {
    socket: /= socket\.socket\(socket\.AF_INET, socket\.SOCK_(STREAM|DGRAM|RAW, socket\.IPPROTO_ICMP)\)$/,
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
    spawn: /^\s*threading\.Thread\(target=\w+\)\.start\(\)$/,
    poll: /^\s*readable = select\.select\(\[\w+(, \w+)*\], \[\], \[\](, [\d.e-]+)?\)\[0\]$/,
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
    spawn: /^\s*new Thread\(\(\) -> \w+\(\)\)\.start\(\);$/,
    poll: /^\s*ready = selector\.(select\(\d*\)|selectNow\(\));$/,
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
    spawn: /^\s*\w+\(\)\.catch\(\(err\) => /,
    poll: /^\s*ready = await poll\(-?[\d.]+, \w+(, \w+)*\);$/,
  },
};

/** The highlighted line of every step is that step's call; all its lines exist and follow the first in order. */
export function expectCallLines(g: GeneratedCode, steps: readonly Step[]): void {
  expect(g.stepLines).toHaveLength(steps.length);
  steps.forEach((step, i) => {
    const lines = g.stepLines[i];
    expect(lines.length, `step ${i} has no line`).toBeGreaterThan(0);
    for (const n of lines) expect(n >= 1 && n <= g.lines.length).toBe(true);
    expect([...lines.slice(1)].sort((a, b) => a - b)).toEqual(lines.slice(1));
    const line = g.lines[lines[0] - 1];
    // Java and Node have no raw sockets: a comment stands for each call on one.
    if (/^\s*\/\/ \w+\(\): ((Java|Node\.js) has no raw sockets|no raw socket in (Java|Node\.js))/.test(line)) return;
    expect(line, `step ${i} (${step.op})`).toMatch(CALL[g.lang][step.op]);
    if (g.calls[i]) expect(line).toContain(`${g.calls[i]}(`);
  });
}

