// Lesson 11: where sockets live in the stack and what runs on them — a browser resolving a name
// (DNS over UDP port 53) and fetching pages over TCP port 80: short connections, keep-alive and
// pipelining; the TCP/IP layers and encapsulation shown on the real header bytes, with OSI beside.
import { encodePacket, packetFields, type PacketField } from '../../sim/pcap';
import type { SegmentRecord } from '../../sim/trace/records';
import type { Lesson } from '../types';
import { Unresolved, portOf, type TraceView } from '../traceView';
import { tx } from './helpers';

const REQUEST = { type: 'segment', from: 'browser', to: 'www', payload: true } as const;
const RESPONSE = { type: 'segment', from: 'www', to: 'browser', payload: true } as const;

/** The header fields of a segment's packet, from its wire bytes. */
export function fieldsOf(v: TraceView, seg: SegmentRecord): PacketField[] {
  const p = v.packets.get(seg.id);
  if (!p) throw new Unresolved(`the bytes of packet ${seg.id}`);
  return packetFields(encodePacket(p));
}

function field(fields: PacketField[], key: string): number {
  const f = fields.find((x) => x.key === key);
  if (!f || typeof f.value !== 'number') throw new Unresolved(key);
  return f.value;
}

const synsFrom = (v: TraceView, host: string) =>
  v.all('segment', (s) => s.event === 'send' && s.from === host && s.flags.includes('SYN') && !s.flags.includes('ACK') && s.note === 'syn').length;

export const lesson11: Lesson = {
  id: 'http-over-tcp',
  number: 11,
  title: tx('HTTP over TCP, and the layers underneath', 'TCP 上的 HTTP，以及下面的各层'),
  summary: tx(
    'A browser resolves a name, connects to port 80, sends a request and reads the response. Short connections, keep-alive and pipelining use TCP differently; every packet wraps the HTTP text in TCP, IP and link headers.',
    '浏览器解析域名、连接 80 端口、发送请求并读取响应。短连接、持久连接和流水线以不同的方式使用 TCP；每个分组都把 HTTP 文本依次包在 TCP、IP 和链路层的首部中。',
  ),
  terms: [
    { en: 'TCP/IP layers', zh: 'TCP/IP 分层' }, { en: 'encapsulation', zh: '封装' }, { en: 'short connection', zh: '短连接' },
    { en: 'persistent connection (keep-alive)', zh: '持久连接（长连接）' }, { en: 'pipelining', zh: '流水线' }, { en: 'well-known port', zh: '知名端口' },
  ],
  scenarios: { short: { lesson: 'http-short' }, keep: { lesson: 'http-keepalive' }, pipe: { lesson: 'http-pipelining' } },
  steps: [
    {
      id: 'dns',
      scenario: 'short',
      anchor: { type: 'datagram', from: 'browser', to: 'dns' },
      reveal: { type: 'segment', from: 'browser', flags: ['SYN'] },
      narration: tx(
        'To open http://www.example.com/ the browser first needs an address: it asks a DNS server, over UDP to the well-known port 53. Well-known services bind well-known ports, one service per port: DNS 53, HTTP 80, HTTPS 443, SMTP 25.',
        '要打开 http://www.example.com/，浏览器首先需要一个地址：它通过 UDP 向 DNS 服务器的知名端口 53 发出询问。知名服务绑定知名端口，一个端口一个服务：DNS 53、HTTP 80、HTTPS 443、SMTP 25。',
      ),
      question: {
        id: 'http-port',
        kind: 'number',
        prompt: tx('Once it has the address, which server port will the browser connect to?', '得到地址之后，浏览器将连接服务器的哪个端口？'),
        answer: (v) => portOf(v.seg({ type: 'segment', from: 'browser', flags: ['SYN'] }).dst),
        explain: (v) => {
          const syn = v.seg({ type: 'segment', from: 'browser', flags: ['SYN'] });
          return tx(
            `${portOf(syn.dst)}: the SYN goes to ${syn.dst}, the address DNS returned and HTTP's well-known port. The browser's own port, ${portOf(syn.src)}, is ephemeral.`,
            `${portOf(syn.dst)}：SYN 发往 ${syn.dst}，即 DNS 返回的地址和 HTTP 的知名端口。浏览器自己的端口 ${portOf(syn.src)} 是临时端口。`,
          );
        },
      },
    },
    {
      id: 'request-layers',
      scenario: 'short',
      anchor: REQUEST,
      view: 'encapsulation',
      narration: tx(
        'The HTTP request is plain text: "GET / HTTP/1.1", headers, a blank line. It is the data of one TCP segment; TCP adds its header (ports, sequence numbers, flags, window), IP adds addresses, and the link (e.g. Ethernet) wraps the packet in a frame: data → segment → packet → frame.',
        'HTTP 请求就是纯文本："GET / HTTP/1.1"、若干首部行、一个空行。它是一个 TCP 报文段的数据；TCP 加上自己的首部（端口、序号、标志、窗口），IP 加上地址，链路层（例如以太网）再把分组装进帧：数据 → 报文段 → 分组 → 帧。',
      ),
      question: {
        id: 'tcp-header-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes long is the TCP header of this segment?', '这个报文段的 TCP 首部有多少字节？'),
        answer: (v) => field(fieldsOf(v, v.seg(REQUEST)), 'tcp.dataOffset'),
        explain: (v) => {
          const f = fieldsOf(v, v.seg(REQUEST));
          const tcp = field(f, 'tcp.dataOffset');
          return tx(
            `${tcp}: the data offset field says ${tcp / 4} words of 4 bytes — 20 bytes of fixed header${tcp > 20 ? ` plus ${tcp - 20} of options` : ''}. Then come the ${v.seg(REQUEST).len} bytes of HTTP text.`,
            `${tcp} 字节：数据偏移字段的值是 ${tcp / 4}，单位是 4 字节——20 字节固定首部${tcp > 20 ? `加 ${tcp - 20} 字节选项` : ''}。其后是 ${v.seg(REQUEST).len} 字节的 HTTP 文本。`,
          );
        },
      },
    },
    {
      id: 'response-packet',
      scenario: 'short',
      anchor: RESPONSE,
      view: 'layers',
      narration: tx(
        'The response, "HTTP/1.1 200 OK" with a Content-Length header and the page. In TCP/IP\'s four layers: application (HTTP, DNS, SMTP, FTP, Telnet), transport (TCP, UDP), network (IP, ICMP), link. OSI\'s seven layers split the application layer into application, presentation and session, and the link layer into data link and physical.',
        '响应："HTTP/1.1 200 OK"、Content-Length 首部和网页内容。按 TCP/IP 的四层：应用层（HTTP、DNS、SMTP、FTP、Telnet）、传输层（TCP、UDP）、网络层（IP、ICMP）、链路层。OSI 的七层把应用层细分为应用层、表示层和会话层，把链路层细分为数据链路层和物理层。',
      ),
      question: {
        id: 'ip-total-length',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: (v) => tx(
          `The segment carries ${v.seg(RESPONSE).len} bytes of HTTP. How long is the whole IP packet (IP's total length)?`,
          `这个报文段携带 ${v.seg(RESPONSE).len} 字节的 HTTP 数据。整个 IP 分组有多长（IP 的总长度字段）？`,
        ),
        answer: (v) => field(fieldsOf(v, v.seg(RESPONSE)), 'ip.totalLength'),
        explain: (v) => {
          const f = fieldsOf(v, v.seg(RESPONSE));
          const ip = field(f, 'ip.headerLength');
          const tcp = field(f, 'tcp.dataOffset');
          const total = field(f, 'ip.totalLength');
          return tx(
            `${total} = ${ip} (IP header) + ${tcp} (TCP header) + ${v.seg(RESPONSE).len} (HTTP). On Ethernet the frame adds 14 bytes of header and a 4-byte checksum: ${total + 18} bytes on the wire.`,
            `${total} = ${ip}（IP 首部）+ ${tcp}（TCP 首部）+ ${v.seg(RESPONSE).len}（HTTP）。在以太网上，帧还要加 14 字节首部和 4 字节校验和：线路上共 ${total + 18} 字节。`,
          );
        },
      },
    },
    {
      id: 'short-connections',
      scenario: 'short',
      anchor: { type: 'segment', from: 'browser', flags: ['SYN'], nth: 2 },
      narration: tx(
        'Short connections: the first response ended when the server closed the connection ("Connection: close"). For the stylesheet the browser opens a new connection: a new handshake, a new close.',
        '短连接：第一个响应以服务器关闭连接结束（"Connection: close"）。为了获取样式表，浏览器打开一个新连接：又一次握手，又一次挥手。',
      ),
      question: {
        id: 'short-connection-count',
        kind: 'number',
        prompt: tx('How many TCP connections does the browser open to fetch the two files?', '为了获取这两个文件，浏览器一共打开了几个 TCP 连接？'),
        answer: (v) => synsFrom(v, 'browser'),
        explain: (v) => {
          const done = v.time({ type: 'program', host: 'browser', event: 'end' });
          return tx(
            `${synsFrom(v, 'browser')}: one per file, each with a handshake (one round trip) before its request. The browser is done at ${done} ms.`,
            `${synsFrom(v, 'browser')} 个：每个文件一个连接，每个连接在发出请求之前都要握手（一个往返时间）。浏览器在 ${done} 毫秒完成。`,
          );
        },
      },
    },
    {
      id: 'keep-alive',
      scenario: 'keep',
      anchor: { ...REQUEST, nth: 2 },
      narration: tx(
        'Keep-alive (persistent connections, the default in HTTP/1.1): the second request goes over the same connection. The browser knows where each response ends from its Content-Length, so the connection can stay open.',
        '持久连接（HTTP/1.1 的默认行为）：第二个请求走同一个连接。浏览器根据每个响应的 Content-Length 知道它在哪里结束，所以连接可以保持打开。',
      ),
      question: {
        id: 'keepalive-connections',
        kind: 'number',
        prompt: tx('How many TCP connections does the browser open this time?', '这次浏览器打开了几个 TCP 连接？'),
        answer: (v) => synsFrom(v, 'browser'),
        explain: (v) => tx(
          `${synsFrom(v, 'browser')}: one handshake saved per extra file. The browser is done at ${v.time({ type: 'program', host: 'browser', event: 'end' })} ms. Still, each request waits for the previous response.`,
          `${synsFrom(v, 'browser')} 个：每多一个文件就省下一次握手。浏览器在 ${v.time({ type: 'program', host: 'browser', event: 'end' })} 毫秒完成。不过每个请求仍要等上一个响应回来。`,
        ),
      },
    },
    {
      id: 'pipelining',
      scenario: 'pipe',
      anchor: { type: 'return', host: 'www', op: 'recv', before: true },
      narration: tx(
        'Pipelining: the browser sends the second request right after the first, without waiting for the first response. Both are on their way in one stream of bytes; the server reads.',
        '流水线：浏览器发出第一个请求后不等响应，立即发出第二个请求。两个请求在同一个字节流中传输；服务器开始读取。',
      ),
      question: {
        id: 'requests-in-one-recv',
        kind: 'number',
        prompt: tx('How many HTTP requests will the server find in what its first recv() returns?', '服务器第一次 recv() 返回的数据中包含几个 HTTP 请求？'),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'www', op: 'recv' })).split('GET ').length - 1,
        explain: (v) => {
          const n = v.received(v.ret({ type: 'return', host: 'www', op: 'recv' })).split('GET ').length - 1;
          return tx(
            `${n}: a byte stream again (lesson 8), so HTTP itself marks where each request ends (the blank line). The server answers in order; the browser is done at ${v.time({ type: 'program', host: 'browser', event: 'end' })} ms, a round trip sooner than with keep-alive alone. HTTP/2 later replaced pipelining with multiplexing.`,
            `${n} 个：这又是字节流（第 8 课），所以 HTTP 自己标明每个请求在哪里结束（空行）。服务器按顺序应答；浏览器在 ${v.time({ type: 'program', host: 'browser', event: 'end' })} 毫秒完成，比单纯的持久连接早一个往返时间。后来 HTTP/2 用多路复用取代了流水线。`,
          );
        },
      },
    },
  ],
};
