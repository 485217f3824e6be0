// Lesson 1: what a socket is — an endpoint named by IP address, protocol and port; a file
// descriptor to its process; many connections on one server port told apart by the 4-tuple.
import type { Lesson } from '../types';
import { endsOf, tx } from './helpers';
import { portOf, Unresolved, type TraceView } from '../traceView';
import { EPHEMERAL_HI, EPHEMERAL_LO } from '../../sim/tcp/tcpStack';

const CONNECT_CALL = { type: 'call', host: 'client', op: 'connect', before: true } as const;
const CONNECT_RETURN = { type: 'return', host: 'client', op: 'connect' } as const;

/** The server's endpoint the client connects to, from the connect() call's arguments. */
function serverEnd(v: TraceView): string {
  const args = v.get('call', CONNECT_CALL).args as { to?: string; port?: number };
  if (args.to === undefined || args.port === undefined) throw new Unresolved('the address connect() is given');
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(args.to) ? args.to : v.ip(args.to);
  return `${ip}:${args.port}`;
}

/** The client's connection ("local->remote") once connect() has returned. */
function clientSock(v: TraceView): string {
  const r = v.ret(CONNECT_RETURN);
  if (r.error || !r.sock) throw new Unresolved('a connected client socket');
  return r.sock;
}

const clientPort = (v: TraceView): number => portOf(clientSock(v));

export const lesson01: Lesson = {
  id: 'what-is-a-socket',
  number: 1,
  title: tx('What a socket is', '什么是套接字'),
  summary: tx(
    'A socket is one endpoint of a two-way connection: an IP address, a protocol and a port, and to its program a file descriptor.',
    '套接字是双向通信连接的一个端点：IP 地址 + 传输协议 + 端口；对程序来说，它是一个文件描述符。',
  ),
  terms: [
    { en: 'socket', zh: '套接字' }, { en: 'endpoint', zh: '端点' }, { en: 'IP address + port', zh: 'IP 地址 + 端口' },
    { en: '4-tuple', zh: '四元组' }, { en: 'file descriptor', zh: '文件描述符' }, { en: 'everything is a file', zh: '一切皆文件' },
    { en: 'process ID', zh: '进程标识' }, { en: 'address family (domain)', zh: '地址族 / 域' },
  ],
  scenarios: { echo: { builtin: 'echo' }, many: { lesson: 'many-clients' } },
  steps: [
    {
      id: 'file-descriptor',
      scenario: 'echo',
      anchor: { type: 'call', host: 'server', op: 'socket', before: true },
      view: 'code',
      narration: tx(
        'Everything is a file: a program opens a socket, reads and writes it, and closes it, like a file. socket() returns a file descriptor, a small number that indexes the process\'s open files.',
        '一切皆文件：程序打开套接字、读写它、再关闭它，就像对待文件一样。socket() 返回一个文件描述符，即进程打开文件表中的一个小整数下标。',
      ),
      question: {
        id: 'socket-fd',
        kind: 'number',
        prompt: tx('Which file descriptor will the server\'s socket() return?', '服务器的 socket() 将返回哪个文件描述符？'),
        answer: (v) => v.ret({ type: 'return', host: 'server', op: 'socket' }).result as number,
        explain: (v) => {
          const fd = v.ret({ type: 'return', host: 'server', op: 'socket' }).result as number;
          return tx(
            `${fd}: descriptors 0, 1 and 2 are already open (standard input, output and error) and the kernel hands out the lowest free number. Every later call on this socket names it by ${fd}.`,
            `${fd}：0、1、2 号描述符已经打开（标准输入、标准输出、标准错误），内核分配最小的空闲号码。之后对这个套接字的每个调用都用 ${fd} 指代它。`,
          );
        },
      },
    },
    {
      id: 'endpoints',
      scenario: 'echo',
      // Before connect(): once it returns, the client's socket shows its address on the diagram.
      anchor: CONNECT_CALL,
      reveal: CONNECT_RETURN,
      narration: (v) => {
        const server = serverEnd(v);
        return tx(
          `Two processes on two hosts, one socket at each end of the connection: each socket is an endpoint. A socket is named by IP address, protocol and port, written IP:port: the server's is ${server} (TCP), where it listens. The client is about to connect to it.`,
          `两台主机上的两个进程，连接的两端各有一个套接字：每个套接字就是一个端点。套接字由 IP 地址、传输协议和端口确定，写作 IP:端口：服务器的是 ${server}（TCP），它在那里监听。客户端即将连接它。`,
        );
      },
      question: {
        id: 'client-port',
        kind: 'choice',
        prompt: tx('The client never called bind(). Which port will its socket have once connect() returns?', '客户端从未调用 bind()。connect() 返回后，它的套接字是哪个端口？'),
        options: (v) => {
          const port = portOf(serverEnd(v));
          return [
            { id: 'server-port', label: tx(`${port}, the same port as the server`, `${port}，与服务器相同的端口`) },
            { id: 'ephemeral', label: tx(`a free ephemeral port the kernel picks (Linux: ${EPHEMERAL_LO}–${EPHEMERAL_HI})`, `内核挑选的一个空闲临时端口（Linux：${EPHEMERAL_LO}–${EPHEMERAL_HI}）`) },
            { id: 'none', label: tx('none (port 0): a client socket has no port', '没有端口（0）：客户端套接字不需要端口') },
          ];
        },
        answer: (v) => {
          const local = clientPort(v);
          if (local === 0) return 'none';
          return local === portOf(serverEnd(v)) ? 'server-port' : 'ephemeral';
        },
        explain: (v) => {
          const { local, remote } = endsOf(clientSock(v));
          return tx(
            `An ephemeral port, ${portOf(local)}: connect() picked a free one, so the client's endpoint is ${local} and the server's ${remote}. The server chose its port, ${portOf(remote)}, with bind(), so that clients know where to find the service: the port identifies the process (the service) on its host.`,
            `临时端口 ${portOf(local)}：connect() 为它选了一个空闲端口，所以客户端的端点是 ${local}，服务器的是 ${remote}。服务器用 bind() 选定了自己的 ${portOf(remote)} 号端口，客户端才知道到哪里找这个服务：端口标识主机上的进程（服务）。`,
          );
        },
      },
    },
    {
      id: 'layers',
      scenario: 'echo',
      anchor: { type: 'segment', from: 'client', payload: true },
      view: 'layers',
      narration: tx(
        'The socket API sits between the application layer and the transport layer. The program only calls send(); the kernel\'s TCP makes a segment of the bytes, IP puts it in a packet, and the link carries it as a frame. The API hides all of that.',
        '套接字是位于应用层与传输层之间的抽象层。程序只调用 send()；内核的 TCP 把字节做成报文段，IP 把它装进分组，链路层把它作为帧传送。套接字 API 把这些都隐藏了起来。',
      ),
    },
    {
      id: 'per-host-numbers',
      scenario: 'many',
      anchor: { type: 'return', host: 'bob', op: 'socket' },
      narration: tx(
        'File descriptors, like process IDs, are only unique on one host: bob\'s first socket and the server\'s listening socket both have number 3. On the network a socket is named by IP address, protocol and port instead. (These are AF_INET sockets; AF_INET6 is the IPv6 family, and AF_UNIX sockets connect processes on the same host by a file name, with no IP or port at all.)',
        '文件描述符和进程标识（PID）一样，只在一台主机上唯一：bob 的第一个套接字和服务器的监听套接字编号都是 3。在网络上，套接字由 IP 地址、协议和端口来确定。（这里都是 AF_INET 地址族的套接字；AF_INET6 用于 IPv6，而 AF_UNIX 域套接字通过文件名连接同一主机上的进程，根本没有 IP 和端口。）',
      ),
      question: {
        id: 'second-socket-fd',
        kind: 'number',
        prompt: tx('alice\'s two programs each opened one socket on the same host. Which descriptor did the second one get?', 'alice 主机上的两个程序各打开了一个套接字。第二个套接字得到了哪个描述符？'),
        answer: (v) => v.ret({ type: 'return', host: 'alice', op: 'socket', nth: 2 }).result as number,
        explain: (v) => {
          const a = v.ret({ type: 'return', host: 'alice', op: 'socket', nth: 1 }).result;
          const b = v.ret({ type: 'return', host: 'alice', op: 'socket', nth: 2 }).result;
          return tx(
            `${b}: ${a} was already taken on alice, and the simulator gives a host one descriptor table (as if both tabs were threads of one browser process). Another host, bob, starts again from 3.`,
            `${b}：在 alice 上 ${a} 已被占用，而模拟器中一台主机只有一张描述符表（就像两个标签页是同一个浏览器进程的两个线程）。另一台主机 bob 又从 3 开始编号。`,
          );
        },
      },
    },
    {
      id: 'four-tuple',
      scenario: 'many',
      anchor: { type: 'return', host: 'server', op: 'accept', nth: 3 },
      narration: (v) => {
        const socks = v.all('return', (r) => r.host === 'server' && r.op === 'accept' && !r.error).map((r) => r.sock ?? '');
        const list = socks.map((s) => { const { local, remote } = endsOf(s); return `(${remote} → ${local})`; }).join(', ');
        return tx(
          `Three clients, one server port 80. Each connection is identified by its 4-tuple (source IP, source port, destination IP, destination port) plus the protocol: ${list}.`,
          `三个客户端，一个服务器端口 80。每个连接由它的四元组（源 IP、源端口、目的 IP、目的端口）加上协议来标识：${list}。`,
        );
      },
      question: {
        id: 'connected-on-80',
        kind: 'number',
        prompt: tx('Not counting the listening socket, how many sockets on the server now have local port 80?', '不算监听套接字，服务器上现在有几个本地端口为 80 的套接字？'),
        answer: (v) => {
          const at = v.at({ type: 'return', host: 'server', op: 'accept', nth: 3 });
          const sids = new Set(v.all('state', (r) => r.host === 'server' && r.sock.includes('->') && portOf(r.sock) === 80, 0, at + 1).map((r) => r.sid));
          return [...sids].filter((sid) => v.stateOf(sid, at) === 'ESTABLISHED').length;
        },
        explain: (v) => {
          const at = v.at({ type: 'return', host: 'server', op: 'accept', nth: 3 });
          const fds = v.all('return', (r) => r.host === 'server' && r.op === 'accept' && !r.error, 0, at + 1).map((r) => r.result);
          return tx(
            `${fds.length}: accept() returned a new socket for each connection (fds ${fds.join(', ')}), all on port 80. A port alone does not identify a connection; the 4-tuple does, and the listening socket keeps waiting for more.`,
            `${fds.length} 个：accept() 为每个连接返回一个新的套接字（文件描述符 ${fds.join('、')}），它们都在 80 端口上。仅凭端口不能确定一个连接，四元组才能；监听套接字则继续等待新的连接。`,
          );
        },
      },
    },
    {
      id: 'demultiplex',
      scenario: 'many',
      anchor: { type: 'segment', event: 'deliver', from: 'server', to: 'alice', payload: true, nth: 2 },
      narration: tx(
        'A reply from port 80 arrives at alice, which has two connections to that same server port. alice\'s TCP looks up the connection whose 4-tuple matches the segment\'s addresses and ports and puts the bytes in that socket\'s receive buffer (demultiplexing); the server did the same with each request.',
        '一个来自 80 端口的响应到达 alice，而 alice 有两个连到同一服务器端口的连接。alice 的 TCP 找到四元组与报文段的地址和端口相符的那个连接，把字节放进这个套接字的接收缓冲区（分用）；服务器对每个请求也是这样做的。',
      ),
      question: {
        id: 'what-differs',
        kind: 'choice',
        prompt: tx('Both of alice\'s connections go from the same host to the same server port. Which part of their 4-tuples differs?', 'alice 的两个连接来自同一台主机，连到同一个服务器端口。它们的四元组哪一部分不同？'),
        options: [
          { id: 'src-ip', label: tx('the client\'s IP address', '客户端 IP 地址') },
          { id: 'src-port', label: tx('the client\'s port', '客户端端口') },
          { id: 'dst-ip', label: tx('the server\'s IP address', '服务器 IP 地址') },
          { id: 'dst-port', label: tx('the server\'s port', '服务器端口') },
        ],
        answer: (v) => {
          const [a, b] = v.all('return', (r) => r.host === 'alice' && r.op === 'connect' && !r.error).map((r) => r.sock ?? '');
          if (!a || !b) throw new Unresolved('two connections from alice');
          const [la, ra] = [endsOf(a).local.split(':'), endsOf(a).remote.split(':')];
          const [lb, rb] = [endsOf(b).local.split(':'), endsOf(b).remote.split(':')];
          if (la[0] !== lb[0]) return 'src-ip';
          if (la[1] !== lb[1]) return 'src-port';
          return ra[0] !== rb[0] ? 'dst-ip' : 'dst-port';
        },
        explain: (v) => {
          const socks = v.all('return', (r) => r.host === 'alice' && r.op === 'connect' && !r.error).map((r) => endsOf(r.sock ?? '').local);
          return tx(
            `The client port: ${socks.join(' and ')}. Each connect() got its own ephemeral port, so the two 4-tuples differ and the server never mixes up their bytes.`,
            `客户端端口不同：${socks.join(' 和 ')}。每次 connect() 都得到自己的临时端口，因此两个四元组不同，服务器不会把它们的字节弄混。`,
          );
        },
      },
    },
  ],
};
