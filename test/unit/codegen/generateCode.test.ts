// The generator's API as the code panel uses it: languages, call names, names, files, locales, errors.
import { describe, expect, it } from 'vitest';
import { callName, CodegenError, generateCode, LANGUAGES, type Lang } from '../../../src/codegen';
import { parseScenario, type Scenario, type Step } from '../../../src/scenarios/schema';
import { abortiveClose, awkwardNames, halfClose, tcpEcho, udpEcho } from './scenarios';

const step = (s: Record<string, unknown>) => s as unknown as Step;

describe('LANGUAGES', () => {
  it('lists C, Python, Java and JavaScript with display names', () => {
    expect(LANGUAGES.map((l) => [l.id, l.name])).toEqual([
      ['c', 'C'], ['python', 'Python'], ['java', 'Java'], ['javascript', 'JavaScript (Node.js)'],
    ]);
  });
});

describe('callName', () => {
  it('names accept() the way each language spells it', () => {
    const accept = step({ op: 'accept', sock: 'ls', as: 'c' });
    expect(LANGUAGES.map((l) => callName(accept, l.id))).toEqual(['accept()', 'socket.accept()', 'serverSocket.accept()', 'connections.next()']);
  });

  it('depends on what the socket is for', () => {
    const bind = step({ op: 'bind', sock: 's', port: 80 });
    expect(callName(bind, 'java', 'listener')).toBe('serverSocket.bind()');
    expect(callName(bind, 'java', 'dgram')).toBe('datagramSocket.bind()');
    expect(callName(bind, 'javascript', 'listener')).toBe('server.listen()');
    expect(callName(bind, 'javascript', 'stream')).toBe('socket.connect()');
    const send = step({ op: 'send', sock: 's', data: 'x' });
    expect(callName(send, 'python')).toBe('socket.sendall()');
    expect(callName(send, 'python', 'dgram')).toBe('socket.send()');
    expect(callName(step({ op: 'sendto', sock: 'u', to: 'a', port: 1, data: 'x' }), 'java')).toBe('datagramSocket.send()');
  });

  it('names the option calls', () => {
    const opt = (name: string) => step({ op: 'setsockopt', sock: 's', name, value: 1 });
    expect(callName(opt('O_NONBLOCK'), 'c')).toBe('fcntl()');
    expect(callName(opt('O_NONBLOCK'), 'python')).toBe('socket.setblocking()');
    expect(callName(opt('SO_LINGER'), 'java')).toBe('socket.setSoLinger()');
    expect(callName(opt('TCP_NODELAY'), 'javascript')).toBe('socket.setNoDelay()');
    expect(callName(step({ op: 'shutdown', sock: 's', how: 'wr' }), 'java')).toBe('socket.shutdownOutput()');
  });
});

describe('generateCode', () => {
  it('resolves a host name in connect/sendto to that host\'s IP', () => {
    expect(generateCode(tcpEcho, 1, 'python').text).toContain('s.connect(("10.0.0.2", 7000))');
    expect(generateCode(udpEcho, 0, 'javascript').text).toContain("await send(u, 'pong', 9001, '10.0.0.1');");
    expect(generateCode(udpEcho, 0, 'c').text).toContain('inet_pton(AF_INET, "10.0.0.1", &addr.sin_addr);');
  });

  it('emits filler bytes as the simulator makes them: the alphabet, repeated', () => {
    expect(generateCode(halfClose, 0, 'python').text).toContain('conn.sendall((b"abcdefghijklmnopqrstuvwxyz" * 116)[:3000])');
    expect(generateCode(halfClose, 0, 'javascript').text).toContain("await write(conn, Buffer.alloc(3000, 'abcdefghijklmnopqrstuvwxyz'));");
    expect(generateCode(halfClose, 0, 'java').text).toContain('"abcdefghijklmnopqrstuvwxyz".repeat(116).substring(0, 3000)');
    const c = generateCode(halfClose, 0, 'c').text;
    expect(c).toContain('send(conn, fill, 3000, 0)');
    expect(c).toContain('static char fill[3000];');
  });

  it('stops at a failing step with expect: "ok" in C (die) and reports the others (perror)', () => {
    const c = generateCode(tcpEcho, 0, 'c').text;
    expect(c).toContain('if (bind(ls, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");');
    expect(c).toContain('if (send(c, "hello", 5, 0) < 0) perror("send");');
    expect(c).toContain('static void die(const char *what)');
    expect(generateCode(udpEcho, 1, 'c').text).not.toContain('die(');
  });

  it('makes SO_LINGER 0 an abortive close in every language', () => {
    expect(generateCode(abortiveClose, 0, 'c').text).toMatch(/lg\.l_onoff = 1;\n\s*lg\.l_linger = 0;\n.*SO_LINGER, &lg/);
    expect(generateCode(abortiveClose, 0, 'python').text).toContain('s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))');
    expect(generateCode(abortiveClose, 0, 'java').text).toContain('s.setSoLinger(true, 0);');
    expect(generateCode(abortiveClose, 0, 'javascript').text).toContain('s.resetAndDestroy();');
  });

  it('renames socket names that are keywords or clash with the program, keeping them distinct', () => {
    const expectVars: Record<Lang, string[]> = {
      c: ['int int_ = socket(', 'int class = accept(', 'int linux_ = socket(', 'int SOCK_fd = socket(', 'int v_x = socket(', 'int buf_ = socket('],
      python: ['class_, addr = int.accept()', 'print_, addr = int.accept()', 'data_ = socket.socket('],
      java: ['ServerSocket int_ = new ServerSocket();', 'Socket class_ = int_.accept();', 'Socket System_ = new Socket();', 'Socket buf_ = new Socket();'],
      javascript: ['const [print] = (await intConnections.next()).value;', 'const net_ = dgram.createSocket(', 'const data_ = new net.Socket('],
    };
    for (const [lang, fragments] of Object.entries(expectVars) as [Lang, string[]][]) {
      const text = generateCode(awkwardNames, 0, lang).text;
      for (const f of fragments) expect(text, lang).toContain(f);
    }
  });

  it('declares a reused socket name once and assigns it afterwards', () => {
    const js = generateCode(awkwardNames, 0, 'javascript').text;
    expect(js).toContain('let [class_] = (await intConnections.next()).value;');
    expect(js).toContain('\n[class_] = (await intConnections.next()).value;');
    expect(generateCode(awkwardNames, 0, 'c').text).toContain('\n    class = accept(int_, NULL, NULL);');
  });

  it('declares up front a socket that another thread on the host creates', () => {
    const py = generateCode(awkwardNames, 1, 'python', { locale: 'zh-CN' });
    expect(py.text).toContain('print_ = None  # print：由本主机上另一个线程（程序）创建的套接字');
    expect(generateCode(awkwardNames, 1, 'java').text).toContain('Socket print = null;  // print: a socket another thread (program) on this host creates');
  });

  it('names files so that they compile: Java classes after the host, numbered per host', () => {
    expect(generateCode(tcpEcho, 0, 'java').fileName).toBe('Server.java');
    expect(generateCode(tcpEcho, 1, 'javascript').fileName).toBe('client.mjs');
    expect(generateCode(awkwardNames, 1, 'java').fileName).toBe('Server2.java');
    expect(generateCode(awkwardNames, 1, 'java').text).toContain('public class Server2 {');
    const odd = scenarioWith({ 'my-socket': { ip: '10.0.0.9' } }, 'my-socket');
    expect(generateCode(odd, 0, 'java').fileName).toBe('MySocket.java');
    const clash = scenarioWith({ socket: { ip: '10.0.0.9' } }, 'socket');
    expect(generateCode(clash, 0, 'java').fileName).toBe('SocketProgram.java');
  });

  it('writes its own explanations in the locale asked for', () => {
    const en = generateCode(tcpEcho, 0, 'javascript', { locale: 'en' }).text;
    const zh = generateCode(tcpEcho, 0, 'javascript', { locale: 'zh-CN' }).text;
    expect(en).toContain('// the accept queue: connections wait here until accept() takes them');
    expect(zh).toContain('// 全连接队列：连接在此等待，直到 accept() 把它取走');
    expect(zh).toContain('// 主机 server（10.0.0.2）上的程序');
    // Apart from the scenario's own zh-CN comment, the English program has no Chinese in it.
    expect(en.replace('监听套接字', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives tokens for colouring', () => {
    const g = generateCode(tcpEcho, 1, 'c');
    const line = g.stepLines[3][0] - 1;
    expect(g.tokens[line].filter((t) => t.kind !== 'plain')).toEqual([
      { text: 'if', kind: 'keyword' }, { text: 'send', kind: 'call' }, { text: '"hi"', kind: 'string' },
      { text: '2', kind: 'number' }, { text: '0', kind: 'number' }, { text: '0', kind: 'number' }, { text: 'perror', kind: 'call' },
      { text: '"send"', kind: 'string' },
    ]);
    const py = generateCode(tcpEcho, 0, 'python');
    expect(py.tokens[py.stepLines[0][0] - 2]).toEqual([{ text: '# the listening socket', kind: 'comment' }]);
  });

  it('refuses what it cannot generate with a specific error', () => {
    expect(() => generateCode(tcpEcho, 2, 'c')).toThrow(new CodegenError('programIndex 2 is out of range: the scenario has 2 program(s)'));
    expect(() => generateCode(tcpEcho, -1, 'c')).toThrow(CodegenError);
    expect(() => generateCode(tcpEcho, 0, 'cobol' as Lang)).toThrow('lang: expected one of "c", "python", "java", "javascript", got "cobol"');
    const bad = structuredClone(tcpEcho);
    (bad.programs[1].steps[2] as { port: unknown }).port = Number.NaN;
    expect(() => generateCode(bad, 1, 'python')).toThrow('steps[2].port: expected an integer of 0 or more, got null');
    const noHost = structuredClone(tcpEcho);
    noHost.programs[0].host = 'nowhere';
    expect(() => generateCode(noHost, 0, 'java')).toThrow('programs[0].host: no host named "nowhere"');
  });
});

function scenarioWith(hosts: Record<string, { ip: string }>, host: string): Scenario {
  const r = parseScenario({
    format: 'socketlab-scenario/1', seed: 1, hosts,
    programs: [{ host, steps: [{ op: 'socket', type: 'stream', as: 's' }, { op: 'close', sock: 's' }] }],
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.scenario;
}
