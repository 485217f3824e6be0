// Lesson 11: where sockets live in the stack and what runs on them — a browser resolving a name
// (DNS over UDP port 53) and fetching pages over TCP port 80: short connections, keep-alive and
// pipelining; the TCP/IP layers and encapsulation shown on the real header bytes, with OSI beside.
import { encodePacket, packetFields, type PacketField } from '../../sim/pcap';
import type { SegmentRecord } from '../../sim/trace/records';
import type { Lesson } from '../types';
import { Unresolved, portOf, type TraceView } from '../traceView';
import { tx } from './helpers';
import { frameOf, type Frame } from '../frame';

const REQUEST = { type: 'segment', from: 'browser', to: 'www', payload: true } as const;
const RESPONSE = { type: 'segment', from: 'www', to: 'browser', payload: true } as const;
const FIRST_FIN = { type: 'segment', flags: ['FIN'] } as const;

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

/** The Ethernet frame of the browser's first request (example MAC addresses, see src/lessons/frame.ts). */
function requestFrame(v: TraceView): Frame {
  const f = frameOf(v, v.at(REQUEST));
  if (!f) throw new Unresolved('the bytes of the request');
  return f;
}

/** Size of the response's Ethernet frame (with padding, if it were short). */
function frameSize(v: TraceView): number {
  const f = frameOf(v, v.at(RESPONSE));
  if (!f) throw new Unresolved('the bytes of the response');
  return f.sizes.frame;
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
      id: 'request',
      scenario: 'short',
      // Before the request leaves, and without the figure: the figure measures the packet on screen.
      anchor: { ...REQUEST, before: true },
      reveal: REQUEST,
      narration: tx(
        'The handshake is done and the browser is about to send its request. HTTP is plain text: "GET / HTTP/1.1", header lines, a blank line. Its bytes become the data of one TCP segment, and TCP puts its own header in front: ports, sequence and acknowledgement numbers, flags, window, checksum.',
        '握手已经完成，浏览器即将发送请求。HTTP 就是纯文本："GET / HTTP/1.1"、若干首部行、一个空行。这些字节成为一个 TCP 报文段的数据，TCP 在前面加上自己的首部：端口、序号和确认号、标志、窗口、校验和。',
      ),
      question: {
        id: 'tcp-header-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes long will the TCP header of this segment be?', '这个报文段的 TCP 首部将有多少字节？'),
        answer: (v) => field(fieldsOf(v, v.seg(REQUEST)), 'tcp.dataOffset'),
        explain: (v) => {
          const f = fieldsOf(v, v.seg(REQUEST));
          const tcp = field(f, 'tcp.dataOffset');
          return tx(
            `${tcp}: the data offset field says ${tcp / 4} words of 4 bytes — 20 bytes of fixed header${tcp > 20 ? ` plus ${tcp - 20} of options` : ' and no options (the options, MSS and window scale, went in the SYN)'}. Then come the ${v.seg(REQUEST).len} bytes of HTTP text.`,
            `${tcp} 字节：数据偏移字段的值是 ${tcp / 4}，单位是 4 字节——20 字节固定首部${tcp > 20 ? `加 ${tcp - 20} 字节选项` : '，没有选项（MSS 和窗口扩大因子这些选项放在 SYN 里）'}。其后是 ${v.seg(REQUEST).len} 字节的 HTTP 文本。`,
          );
        },
      },
    },
    {
      id: 'request-layers',
      scenario: 'short',
      anchor: REQUEST,
      view: 'encapsulation',
      narration: (v) => {
        const f = requestFrame(v);
        const at = f.parts.find((p) => p.layer === 'app')?.offset ?? f.sizes.frame;
        return tx(
          `The request on its way down: ${f.sizes.data} bytes of HTTP data; TCP puts its ${f.sizes.l4}-byte header in front and makes a segment, IP adds its ${f.sizes.ip} bytes (addresses, protocol number 6 for TCP) and makes a packet, and the link (here Ethernet) wraps the packet in a frame: a 14-byte header with the next hop's and the sender's hardware (MAC) addresses and the EtherType 0x0800 (IPv4), and a 4-byte checksum (FCS) at the end. Data → segment → packet → frame: ${f.sizes.frame} bytes, the HTTP text starting at byte ${at}. Each layer only reads its own header and hands the rest up.`,
          `请求一层层往下走：${f.sizes.data} 字节的 HTTP 数据；TCP 在前面加上 ${f.sizes.l4} 字节的首部做成报文段，IP 加上自己的 ${f.sizes.ip} 字节（地址、表示 TCP 的协议号 6）做成分组，链路层（这里是以太网）再把分组装进帧：14 字节的首部带着下一跳和发送方的硬件（MAC）地址以及 EtherType 0x0800（IPv4），末尾还有 4 字节的校验和（FCS）。数据 → 报文段 → 分组 → 帧：共 ${f.sizes.frame} 字节，HTTP 文本从第 ${at} 字节开始。每一层只读自己的首部，把其余部分交给上一层。`,
        );
      },
    },
    {
      id: 'response-packet',
      scenario: 'short',
      // Before the response leaves: the layers figure prints the packet's total length.
      anchor: { ...RESPONSE, before: true },
      reveal: RESPONSE,
      view: 'layers',
      narration: tx(
        'The server is about to answer: "HTTP/1.1 200 OK" with a Content-Length header and the page. TCP/IP\'s layering has four layers: application (HTTP, DNS, SMTP, FTP, Telnet), transport (TCP, UDP), network (IP, ICMP), link. OSI\'s seven layers split the application layer into application, presentation and session, and the link layer into data link and physical.',
        '服务器即将应答："HTTP/1.1 200 OK"、Content-Length 首部和网页内容。按 TCP/IP 分层，共有四层：应用层（HTTP、DNS、SMTP、FTP、Telnet）、传输层（TCP、UDP）、网络层（IP、ICMP）、链路层。OSI 的七层把应用层细分为应用层、表示层和会话层，把链路层细分为数据链路层和物理层。',
      ),
      question: {
        id: 'ip-total-length',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: (v) => tx(
          `The segment will carry ${v.seg(RESPONSE).len} bytes of HTTP. How long will the whole IP packet be (IP's total length)?`,
          `这个报文段将携带 ${v.seg(RESPONSE).len} 字节的 HTTP 数据。整个 IP 分组将有多长（IP 的总长度字段）？`,
        ),
        answer: (v) => field(fieldsOf(v, v.seg(RESPONSE)), 'ip.totalLength'),
        explain: (v) => {
          const f = fieldsOf(v, v.seg(RESPONSE));
          const ip = field(f, 'ip.headerLength');
          const tcp = field(f, 'tcp.dataOffset');
          const total = field(f, 'ip.totalLength');
          return tx(
            `${total} = ${ip} (IP header) + ${tcp} (TCP header) + ${v.seg(RESPONSE).len} (HTTP). On Ethernet the frame adds 14 bytes of header and a 4-byte checksum: a frame of ${frameSize(v)} bytes.`,
            `${total} = ${ip}（IP 首部）+ ${tcp}（TCP 首部）+ ${v.seg(RESPONSE).len}（HTTP）。在以太网上，帧还要加 14 字节首部和 4 字节校验和：整个帧 ${frameSize(v)} 字节。`,
          );
        },
      },
    },
    {
      id: 'short-connections',
      scenario: 'short',
      anchor: { ...FIRST_FIN, before: true },
      narration: tx(
        'Short connections: the request and the response both say "Connection: close" — one request per connection. The response has been sent; the browser reads until recv() returns 0.',
        '短连接：请求和响应都带着 "Connection: close"——每个连接只处理一个请求。响应已经发出；浏览器一直读，直到 recv() 返回 0。',
      ),
      question: {
        id: 'who-closes-first',
        kind: 'choice',
        prompt: tx('Which side will send the first FIN, and so wait in TIME_WAIT afterwards?', '哪一方将先发出 FIN，并因此在之后进入 TIME_WAIT？'),
        options: [
          { id: 'browser', label: tx('the browser, once it has the whole page', '浏览器，在拿到整个网页之后') },
          { id: 'www', label: tx('the web server, right after its response', 'Web 服务器，在发出响应之后立即') },
          { id: 'both', label: tx('both at once', '双方同时') },
        ],
        answer: (v) => {
          const fin = v.seg(FIRST_FIN);
          const same = v.all('segment', (s) => s.event === 'send' && s.flags.includes('FIN') && s.from !== fin.from && s.t === fin.t);
          return same.length > 0 ? 'both' : fin.from;
        },
        explain: (v) => {
          const fin = v.seg(FIRST_FIN);
          const done = v.time({ type: 'program', host: 'browser', event: 'end' });
          return tx(
            `${fin.from === 'www' ? 'The web server' : fin.from}: it ends the response by closing, so the end of the stream (recv() returning 0) tells the browser the page is complete, and the server's side of each connection waits in TIME_WAIT — busy web servers collect them. For the stylesheet the browser needs a new connection: ${synsFrom(v, 'browser')} connections in all, each with a handshake before its request and a close after it. The browser is done at ${done} ms.`,
            `${fin.from === 'www' ? 'Web 服务器' : fin.from}：它以关闭连接来结束响应，于是流的结束（recv() 返回 0）告诉浏览器网页已经完整，而每个连接在服务器一端都要进入 TIME_WAIT——繁忙的 Web 服务器会积累大量这样的连接。为了获取样式表，浏览器需要一个新连接：一共 ${synsFrom(v, 'browser')} 个连接，每个都要在请求之前握手、之后挥手。浏览器在 ${done} 毫秒完成。`,
          );
        },
      },
    },
    {
      id: 'keep-alive',
      scenario: 'keep',
      // Asked before the first connection opens: afterwards the diagram shows how many there are.
      anchor: { type: 'segment', from: 'browser', flags: ['SYN'], before: true },
      reveal: { ...REQUEST, nth: 2 },
      narration: tx(
        'Now the same two files with keep-alive (persistent connections, the default in HTTP/1.1): the requests say "Connection: keep-alive", and each response carries a Content-Length, so the browser knows where a response ends without the server closing.',
        '现在用持久连接（keep-alive，HTTP/1.1 的默认行为）获取同样的两个文件：请求带着 "Connection: keep-alive"，每个响应都带有 Content-Length，所以浏览器不必等服务器关闭连接，就知道响应在哪里结束。',
      ),
      question: {
        id: 'keepalive-connections',
        kind: 'number',
        prompt: tx('How many TCP connections will the browser open for the two files this time?', '这次为了获取两个文件，浏览器将打开几个 TCP 连接？'),
        answer: (v) => synsFrom(v, 'browser'),
        explain: (v) => tx(
          `${synsFrom(v, 'browser')}: the second request goes over the same connection, saving a handshake (and a close) per extra file. The browser is done at ${v.time({ type: 'program', host: 'browser', event: 'end' })} ms. Still, each request waits for the previous response.`,
          `${synsFrom(v, 'browser')} 个：第二个请求走同一个连接，每多一个文件就省下一次握手（和一次挥手）。浏览器在 ${v.time({ type: 'program', host: 'browser', event: 'end' })} 毫秒完成。不过每个请求仍要等上一个响应回来。`,
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
