// Lesson 2: socket types — a stream (TCP: connection, reliable, ordered, no boundaries) next to
// datagrams (UDP: no connection, full address on each, may be lost, boundaries kept) and a
// raw ICMP socket that gets a copy of the ICMP message a datagram provoked.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { dataOptions, show, tx } from './helpers';
import { isRecvResult, type ReturnRecord } from '../../sim/trace/records';

/** The byte count a recv call returned. */
function rawBytes(r: ReturnRecord): number {
  if (!isRecvResult(r.result)) throw new Unresolved('the raw socket\'s recvfrom() result');
  return r.result.bytes;
}

export const lesson02: Lesson = {
  id: 'socket-types',
  number: 2,
  title: tx('Socket types: stream, datagram and raw', '套接字类型：流式、数据报与原始套接字'),
  summary: tx(
    'Three socket types: SOCK_STREAM (TCP) is connection-oriented, reliable and ordered, a byte stream; SOCK_DGRAM (UDP) is connectionless and keeps message boundaries but may lose datagrams; SOCK_RAW reads IP packets such as ICMP.',
    '三种套接字类型：SOCK_STREAM（TCP）面向连接、可靠、有序，是字节流；SOCK_DGRAM（UDP）无连接，保留消息边界，但数据报可能丢失；SOCK_RAW 可读取 ICMP 等 IP 分组。',
  ),
  terms: [
    { en: 'socket type', zh: '套接字类型' }, { en: 'stream socket', zh: '流式套接字' }, { en: 'datagram socket', zh: '数据报套接字' }, { en: 'raw socket', zh: '原始套接字' },
    { en: 'connection-oriented', zh: '面向连接' }, { en: 'connectionless', zh: '无连接' },
  ],
  scenarios: { udp: { builtin: 'udp-echo' }, sticky: { builtin: 'sticky-tcp-vs-udp' }, loss: { lesson: 'tcp-vs-udp-loss' }, icmp: { lesson: 'udp-unreachable' } },
  steps: [
    {
      id: 'no-connection',
      scenario: 'udp',
      anchor: { type: 'datagram', from: 'client' },
      reveal: { type: 'datagram', event: 'deliver', last: true },
      narration: tx(
        'The first socket type: a datagram socket (SOCK_DGRAM, UDP) has no connection: no handshake before, no close after. sendto() names the destination, and every datagram carries the full destination address. A connection-oriented service has three phases (establish, transfer, release); a connectionless one has none.',
        '第一种套接字类型：数据报套接字（SOCK_DGRAM，UDP）没有连接：之前没有握手，之后也没有挥手。sendto() 指明目的地址，每个数据报都携带完整的目的地址。面向连接的服务有三个阶段（建立连接、数据传输、释放连接）；无连接的服务一个也没有。',
      ),
      question: {
        id: 'udp-packets',
        kind: 'number',
        prompt: tx('How many packets cross the network in this whole UDP exchange, request and reply?', '这次完整的 UDP 交互（请求加应答）一共有多少个分组经过网络？'),
        answer: (v) => v.all('datagram', (d) => d.event === 'send').length + v.all('segment', (s) => s.event === 'send').length,
        explain: (v) => {
          const n = v.all('datagram', (d) => d.event === 'send').length;
          return tx(
            `${n}: one datagram each way and nothing else. A TCP echo of the same message needs a three-way handshake, the data, acknowledgements and a four-way close: UDP has less overhead, and no guarantees.`,
            `${n} 个：每个方向一个数据报，别无其他。同样一条消息的 TCP 回显需要三次握手、数据、确认和四次挥手：UDP 开销更小，但也没有任何保证。`,
          );
        },
      },
    },
    {
      id: 'datagram-boundaries',
      scenario: 'sticky',
      anchor: { type: 'return', host: 'server', op: 'recvfrom', before: true },
      narration: tx(
        'The client sent "HELLO" and "WORLD" twice: over TCP with two send() calls and over UDP as two datagrams. Both have arrived; now the servers read.',
        '客户端把 "HELLO" 和 "WORLD" 各发送了两遍：通过 TCP 调用两次 send()，通过 UDP 发送两个数据报。它们都已到达；现在服务器开始读取。',
      ),
      question: {
        id: 'first-recvfrom',
        kind: 'choice',
        prompt: tx('What will the UDP server\'s first recvfrom() return?', 'UDP 服务器的第一次 recvfrom() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'server', op: 'recvfrom' })), ['HELLO', 'WORLD', 'HELLOWORLD']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'server', op: 'recvfrom' })),
        explain: (v) => {
          const d = v.received(v.ret({ type: 'return', host: 'server', op: 'recvfrom' }));
          return tx(
            `${show(d)}: one datagram per call. UDP keeps each datagram's boundary: a recvfrom() never returns part of one or two at once.`,
            `${show(d)}：每次调用取一个数据报。UDP 保留每个数据报的边界：recvfrom() 从不只返回半个数据报，也不会一次返回两个。`,
          );
        },
      },
    },
    {
      id: 'stream-no-boundaries',
      scenario: 'sticky',
      anchor: { type: 'return', host: 'server', op: 'recv', before: true },
      narration: tx('Now the TCP server reads from its connected socket.', '现在 TCP 服务器从它的已连接套接字读取。'),
      question: {
        id: 'tcp-recv',
        kind: 'choice',
        prompt: tx('What will the TCP server\'s recv() return?', 'TCP 服务器的 recv() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'server', op: 'recv' })), ['HELLO', 'WORLD', 'HELLOWORLD']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'server', op: 'recv' })),
        explain: (v) => {
          const d = v.received(v.ret({ type: 'return', host: 'server', op: 'recv' }));
          return tx(
            `${show(d)}: a stream socket delivers bytes, not messages. Both sends were waiting in the receive buffer and one recv() took everything it had room for.`,
            `${show(d)}：流式套接字交付的是字节，不是消息。两次发送的数据都在接收缓冲区中等待，一次 recv() 就取走了它能容纳的全部字节。`,
          );
        },
      },
    },
    {
      id: 'udp-loss',
      scenario: 'loss',
      anchor: { type: 'datagram', event: 'drop' },
      reveal: { type: 'return', host: 'server', op: 'recvfrom', nth: 2 },
      narration: tx(
        'The network drops the second datagram, and also the second TCP segment. UDP does nothing about it: no acknowledgement, no retransmission. A datagram may be lost, duplicated or arrive out of order.',
        '网络丢掉了第二个数据报，也丢掉了第二个 TCP 报文段。UDP 对此什么也不做：没有确认，也没有重传。数据报可能丢失、重复或乱序到达。',
      ),
      question: {
        id: 'udp-received',
        kind: 'number',
        prompt: tx('How many of the three datagrams will the UDP server receive?', '三个数据报中，UDP 服务器将收到几个？'),
        answer: (v) => v.all('datagram', (d) => d.event === 'deliver' && d.to === 'server').length,
        explain: (v) => {
          const got = v.all('return', (r) => r.host === 'server' && r.op === 'recvfrom' && !r.error).map((r) => show(v.received(r)));
          return tx(
            `${got.length}: ${got.join(' and ')}. The lost one is simply gone, and nothing tells the receiver that it ever existed.`,
            `${got.length} 个：${got.join(' 和 ')}。丢失的那个就这样消失了，接收方甚至不知道它存在过。`,
          );
        },
      },
    },
    {
      id: 'tcp-reliable',
      scenario: 'loss',
      anchor: { type: 'return', host: 'server', op: 'recv', before: true },
      view: 'buffers',
      narration: tx(
        'TCP noticed the missing bytes (the receiver kept acknowledging the same sequence number) and retransmitted them. The bytes that came after the gap waited in the receive buffer.',
        'TCP 发现了缺失的字节（接收方一直确认同一个序号），并重传了它们。缺口之后到达的字节在接收缓冲区中等待。',
      ),
      question: {
        id: 'tcp-in-order',
        kind: 'choice',
        prompt: tx('What will the TCP server\'s first recv() return?', 'TCP 服务器的第一次 recv() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'server', op: 'recv' })), ['one two three', 'one three', 'one ', 'three']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'server', op: 'recv' })),
        explain: (v) => {
          const d = v.received(v.ret({ type: 'return', host: 'server', op: 'recv' }));
          const re = v.all('segment', (s) => s.event === 'send' && s.from === 'client' && (s.note ?? '').includes('retransmit')).length;
          return tx(
            `${show(d)}: every byte, in order, once, after ${re} retransmission(s). Reliable, ordered, no duplicates: that is what SOCK_STREAM promises.`,
            `${show(d)}：每个字节都按序到达且只有一份，之前经过了 ${re} 次重传。可靠、有序、不重复：这正是流式套接字（SOCK_STREAM）的承诺。`,
          );
        },
      },
    },
    {
      id: 'raw-icmp',
      scenario: 'icmp',
      anchor: { type: 'icmp', from: 'server' },
      narration: tx(
        'No socket is bound to UDP port 9999, so the server\'s host answers with an ICMP "port unreachable" message. No TCP or UDP socket receives ICMP; a raw socket (SOCK_RAW) reads IP packets such as ICMP, which is how ping and traceroute work. A second thread on the client has opened one.',
        '9999 端口上没有绑定 UDP 套接字，所以服务器主机回复一条 ICMP "端口不可达" 报文。TCP 和 UDP 套接字都收不到 ICMP；原始套接字（SOCK_RAW）能读取 ICMP 这样的 IP 分组，ping 和 traceroute 就是这样工作的。客户端的第二个线程打开了一个原始套接字。',
      ),
      question: {
        id: 'icmp-protocol',
        kind: 'choice',
        prompt: tx('Which protocol carries the server host\'s answer?', '服务器主机的回答由哪个协议承载？'),
        options: [
          { id: 'tcp', label: tx('TCP', 'TCP') }, { id: 'udp', label: tx('UDP', 'UDP') }, { id: 'icmp', label: tx('ICMP', 'ICMP') },
        ],
        answer: (v) => {
          const r = v.trace.find((x) => (x.type === 'segment' || x.type === 'datagram' || x.type === 'icmp') && x.event === 'send' && x.from === 'server');
          if (!r) throw new Unresolved('a packet from the server');
          return r.type === 'segment' ? 'tcp' : r.type === 'datagram' ? 'udp' : 'icmp';
        },
        explain: (v) => {
          const ret = v.ret({ type: 'return', host: 'client', op: 'recv' });
          return tx(
            `ICMP, a network-layer protocol beside IP. Because this UDP socket is connected, the kernel reports the ICMP error to it: recv() returns ${ret.error ?? 'data'}.`,
            `ICMP，与 IP 同处网络层的协议。因为这个 UDP 套接字已连接，内核把这个 ICMP 错误报告给它：recv() 返回 ${ret.error ?? '数据'}。`,
          );
        },
      },
    },
    {
      id: 'raw-copy',
      scenario: 'icmp',
      anchor: { type: 'return', host: 'client', op: 'recvfrom', before: true },
      narration: tx(
        'Side by side on one host: the stream and datagram sockets of the other steps get payload bytes from TCP or UDP, while the raw ICMP socket (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)), which needed no bind, gets a copy of every ICMP message its host receives. Its recvfrom() has waited until now; the kernel still handles the message itself (the UDP socket gets its error too).',
        '同一台主机上并排比较：前面几步的流式套接字和数据报套接字从 TCP 或 UDP 得到载荷字节；而原始 ICMP 套接字（socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)）不需要 bind，就能得到主机收到的每条 ICMP 报文的副本。它的 recvfrom() 一直等到现在；内核仍然照常处理这条报文（UDP 套接字照样得到错误）。',
      ),
      question: {
        id: 'raw-bytes',
        kind: 'number',
        prompt: tx('How many bytes does the raw socket\'s recvfrom() return?', '原始套接字的 recvfrom() 返回多少字节？'),
        answer: (v) => rawBytes(v.ret({ type: 'return', host: 'client', op: 'recvfrom' })),
        explain: (v) => {
          const n = rawBytes(v.ret({ type: 'return', host: 'client', op: 'recvfrom' }));
          return tx(
            `${n}: a raw socket reads the whole IPv4 packet, not just a payload: the 20-byte IP header, the 8-byte ICMP header, and what ICMP quotes of the datagram that caused it (its IP header and the first 8 bytes after it, the UDP header). The ICMP type (3) and code (3, port unreachable) come right after the IP header.`,
            `${n} 字节：原始套接字读到的是整个 IPv4 分组，而不只是载荷：20 字节的 IP 首部、8 字节的 ICMP 首部，以及 ICMP 引用的那个引发错误的数据报的内容（它的 IP 首部和其后的 8 个字节，即 UDP 首部）。ICMP 类型（3）和代码（3，端口不可达）紧跟在 IP 首部之后。`,
          );
        },
      },
    },
  ],
};
