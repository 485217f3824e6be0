// Lesson 3: the TCP call flow on both sides — which call sends which segment, which calls block
// and until when, and that accept() returns a new socket while the listener keeps listening.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { dataOptions, flagId, flagOptions, ms, show, stateOptions, tx } from './helpers';

const WAITS = {
  connection: tx('a client to complete the handshake (a connection)', '客户端完成握手（一个连接）'),
  data: tx('data to arrive', '数据到达'),
  handshake: tx('its own handshake to finish', '自己的握手完成'),
  'buffer-space': tx('room in the send buffer', '发送缓冲区有空间'),
} as const;

export const lesson03: Lesson = {
  id: 'tcp-call-flow',
  number: 3,
  title: tx('The TCP call flow', '面向连接的套接字通信流程'),
  summary: tx(
    'Server: socket → bind → listen → accept → recv/send → close. Client: socket → connect → send/recv → close. Watch which calls block, and what accept() returns.',
    '服务器：socket → bind → listen → accept → recv/send → close。客户端：socket → connect → send/recv → close。观察哪些调用会阻塞，以及 accept() 返回什么。',
  ),
  terms: [
    { en: 'listening socket', zh: '监听套接字' }, { en: 'connected socket', zh: '已连接套接字' }, { en: 'blocking call', zh: '阻塞调用' },
    { en: 'ephemeral port', zh: '临时端口' },
  ],
  scenarios: { echo: { builtin: 'echo' }, many: { lesson: 'many-clients' } },
  steps: [
    {
      id: 'listen',
      scenario: 'echo',
      anchor: { type: 'return', host: 'server', op: 'listen' },
      view: 'state-machine',
      narration: tx(
        'The connection-oriented call flow starts at the server: it calls socket(), bind() to port 7 and listen(5). None of them sends anything: they prepare a socket that the kernel will use to answer SYNs.',
        '面向连接的套接字通信流程从服务器开始：它调用 socket()、bind() 绑定到 7 号端口、listen(5)。它们都不发送任何东西：只是准备好一个套接字，内核将用它来响应 SYN。',
      ),
      question: {
        id: 'listener-state',
        kind: 'choice',
        prompt: tx('Which state is the server\'s socket in now?', '服务器的套接字现在处于什么状态？'),
        options: stateOptions('CLOSED', 'LISTEN', 'SYN_RECEIVED', 'ESTABLISHED'),
        answer: (v) => {
          const sid = v.get('call', { type: 'call', host: 'server', op: 'listen' }).sid;
          if (sid === undefined) throw new Unresolved('the listening socket');
          return v.stateOf(sid, v.at({ type: 'return', host: 'server', op: 'listen' }));
        },
        explain: () => tx(
          'LISTEN: listen() turned it into a listening socket. It will never carry data; it only accepts connections.',
          'LISTEN：listen() 把它变成了监听套接字。它永远不传输数据，只负责接受连接。',
        ),
      },
    },
    {
      id: 'accept-blocks',
      scenario: 'echo',
      anchor: { type: 'block', host: 'server', op: 'accept' },
      view: 'code',
      narration: tx('The server calls accept(). No client has connected yet, so the call blocks: the server\'s program stops here.', '服务器调用 accept()。还没有客户端连接，所以这个调用阻塞：服务器程序停在这里。'),
      question: {
        id: 'accept-waits-for',
        kind: 'choice',
        prompt: tx('What is accept() waiting for?', 'accept() 在等待什么？'),
        options: Object.entries(WAITS).map(([id, label]) => ({ id, label })),
        answer: (v) => v.get('block', { type: 'block', host: 'server', op: 'accept' }).waitingFor,
        explain: (v) => {
          const t = v.time({ type: 'return', host: 'server', op: 'accept' });
          return tx(
            `A connection: accept() returns only when a client has completed the three-way handshake and the connection waits in the accept queue. Here that happens at ${t} ms.`,
            `一个连接：只有当某个客户端完成三次握手、连接进入全连接队列后，accept() 才返回。这里发生在 ${t} 毫秒。`,
          );
        },
      },
    },
    {
      id: 'connect-sends',
      scenario: 'echo',
      anchor: { type: 'call', host: 'client', op: 'connect', before: true },
      reveal: { type: 'segment', from: 'client', flags: ['SYN'] },
      narration: tx('The client has its socket and now calls connect(server, 7).', '客户端已有套接字，现在调用 connect(server, 7)。'),
      question: {
        id: 'connect-segment',
        kind: 'choice',
        prompt: tx('Which segment will connect() send?', 'connect() 将发送哪种报文段？'),
        options: flagOptions(['SYN'], ['SYN', 'ACK'], ['ACK'], ['PSH', 'ACK']),
        answer: (v) => flagId(v.seg({ type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'connect' } }).flags),
        explain: (v) => {
          const s = v.seg({ type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'connect' } });
          return tx(
            `${flagId(s.flags)}, the first segment of the three-way handshake, with sequence number ${s.seq}. connect() is the call that performs the handshake.`,
            `${flagId(s.flags)}，三次握手的第一个报文段，序号为 ${s.seq}。执行握手的正是 connect()。`,
          );
        },
      },
    },
    {
      id: 'connect-returns',
      scenario: 'echo',
      anchor: { type: 'return', host: 'client', op: 'connect' },
      narration: tx(
        'connect() returns once the SYN+ACK has arrived and the client has sent its ACK. The OS picked the client\'s local port, an ephemeral port; the client never called bind().',
        'SYN+ACK 到达、客户端发出 ACK 之后，connect() 返回。客户端的本地端口是操作系统选定的临时端口；客户端从未调用 bind()。',
      ),
      question: {
        id: 'connect-duration',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('For how many milliseconds of virtual time did connect() block?', 'connect() 阻塞了多少毫秒（虚拟时间）？'),
        answer: (v) => v.time({ type: 'return', host: 'client', op: 'connect' }) - v.time({ type: 'call', host: 'client', op: 'connect' }),
        explain: (v) => {
          const d = v.time({ type: 'return', host: 'client', op: 'connect' }) - v.time({ type: 'call', host: 'client', op: 'connect' });
          return tx(
            `${ms(d).en}: one round trip, the SYN going out and the SYN+ACK coming back. The client does not wait for its own ACK to arrive.`,
            `${ms(d)['zh-CN']}：一个往返时间，SYN 发出去、SYN+ACK 回来。客户端不必等自己的 ACK 到达。`,
          );
        },
      },
    },
    {
      id: 'recv-blocks',
      scenario: 'echo',
      anchor: { type: 'block', host: 'client', op: 'recv' },
      reveal: { type: 'return', host: 'client', op: 'recv' },
      narration: tx(
        'The client sent "hello, socket" (send() returned at once: the bytes are in the kernel\'s send buffer) and now blocks in recv() until data arrives.',
        '客户端发送了 "hello, socket"（send() 立即返回：字节已进入内核的发送缓冲区），现在阻塞在 recv() 上，直到有数据到达。',
      ),
      question: {
        id: 'client-recv',
        kind: 'choice',
        prompt: tx('What will the client\'s recv() return?', '客户端的 recv() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })), ['hello, socket', 'hello', '']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })),
        explain: (v) => {
          const r = v.ret({ type: 'return', host: 'client', op: 'recv' });
          return tx(
            `${show(v.received(r))}, at ${r.t} ms: the server's recv() got the message and its send() wrote it back.`,
            `${show(v.received(r))}，在 ${r.t} 毫秒：服务器的 recv() 收到消息，它的 send() 又把消息写了回来。`,
          );
        },
      },
    },
    {
      id: 'accept-returns',
      scenario: 'echo',
      anchor: { type: 'return', host: 'server', op: 'accept', before: true },
      narration: tx('The client\'s ACK reaches the server: the connection is established and waits in the accept queue.', '客户端的 ACK 到达服务器：连接建立完成，在全连接队列中等待。'),
      reveal: { type: 'return', host: 'server', op: 'accept' },
      question: {
        id: 'accept-fd',
        kind: 'number',
        prompt: tx('The listening socket is fd 3. Which file descriptor will accept() return?', '监听套接字是 3 号描述符。accept() 将返回哪个文件描述符？'),
        answer: (v) => v.ret({ type: 'return', host: 'server', op: 'accept' }).result as number,
        explain: (v) => {
          const fd = v.ret({ type: 'return', host: 'server', op: 'accept' }).result as number;
          return tx(
            `${fd}: a NEW socket, connected to this one client. recv() and send() use fd ${fd}; the listening socket, fd 3, stays in LISTEN for the next client.`,
            `${fd}：一个新的套接字，只与这一个客户端相连。recv() 和 send() 使用 ${fd} 号描述符；监听套接字（3 号）继续处于 LISTEN，等待下一个客户端。`,
          );
        },
      },
    },
    {
      id: 'close',
      scenario: 'echo',
      anchor: { type: 'call', host: 'client', op: 'close', before: true },
      reveal: { type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'close' } },
      narration: tx('The client is done and calls close().', '客户端已经完成，调用 close()。'),
      question: {
        id: 'close-segment',
        kind: 'choice',
        prompt: tx('Which segment will close() send?', 'close() 将发送哪种报文段？'),
        options: flagOptions(['FIN', 'ACK'], ['RST', 'ACK'], ['SYN'], ['ACK']),
        answer: (v) => flagId(v.seg({ type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'close' } }).flags),
        explain: (v) => {
          const s = v.seg({ type: 'segment', from: 'client', after: { type: 'call', host: 'client', op: 'close' } });
          return tx(
            `${flagId(s.flags)}: FIN says "I will send nothing more", the start of the four-way close. The server's recv() will return 0 (end of stream) when it arrives.`,
            `${flagId(s.flags)}：FIN 表示"我不会再发送了"，这是四次挥手的开始。它到达后，服务器的 recv() 将返回 0（流结束）。`,
          );
        },
      },
    },
    {
      id: 'listener-keeps-listening',
      scenario: 'many',
      anchor: { type: 'return', host: 'server', op: 'accept', nth: 2 },
      narration: tx('With three clients: the server has accepted two connections and calls accept() again for the third.', '有三个客户端时：服务器已经接受了两个连接，又为第三个调用 accept()。'),
      question: {
        id: 'listener-after-accepts',
        kind: 'choice',
        prompt: tx('After two accept() calls, which state is the listening socket in?', '两次 accept() 之后，监听套接字处于什么状态？'),
        options: stateOptions('LISTEN', 'ESTABLISHED', 'CLOSED', 'SYN_RECEIVED'),
        answer: (v) => {
          const sid = v.get('call', { type: 'call', host: 'server', op: 'listen' }).sid;
          if (sid === undefined) throw new Unresolved('the listening socket');
          return v.stateOf(sid, v.at({ type: 'return', host: 'server', op: 'accept', nth: 2 }));
        },
        explain: (v) => {
          const fds = v.all('return', (r) => r.host === 'server' && r.op === 'accept' && !r.error).map((r) => r.result);
          return tx(
            `LISTEN: the connections live in new sockets (fds ${fds.join(', ')}); the listening socket never changes state while it listens.`,
            `LISTEN：连接都在新的套接字里（文件描述符 ${fds.join('、')}）；监听套接字在监听期间从不改变状态。`,
          );
        },
      },
    },
  ],
};
