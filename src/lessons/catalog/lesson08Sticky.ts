// Lesson 8: the byte stream and "sticky packets" — two sends arrive in one recv, one send needs
// several recvs; the fixes (a length prefix, a delimiter) shown working; UDP keeps boundaries.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { dataOptions, show, tx } from './helpers';

const TCP_RECV = { type: 'return', host: 'server', op: 'recv' } as const;

const bytesOf = (r: { result?: unknown }): number => {
  const res = r.result;
  if (typeof res !== 'object' || res === null || !('bytes' in res)) throw new Unresolved('data returned by recv()');
  return (res as { bytes: number }).bytes;
};

export const lesson08: Lesson = {
  id: 'sticky-packets',
  number: 8,
  title: tx('The byte stream and "sticky packets"', '字节流与"粘包"'),
  summary: tx(
    'TCP keeps bytes, not messages: two send() calls can come back from one recv(), and one send() can take several. The application marks its messages itself, with a fixed length, a delimiter or a length prefix.',
    'TCP 保留的是字节而不是消息：两次 send() 的数据可能被一次 recv() 读到，一次 send() 的数据也可能要多次 recv() 才能读完。应用程序必须自己划分消息：定长、分隔符或长度前缀。',
  ),
  terms: [
    { en: 'byte stream', zh: '字节流' }, { en: 'sticky packets', zh: '粘包' }, { en: 'message boundary', zh: '消息边界' },
    { en: 'length prefix', zh: '长度前缀' }, { en: 'delimiter', zh: '分隔符' },
  ],
  scenarios: { sticky: { builtin: 'sticky-tcp-vs-udp' }, split: { lesson: 'sticky-split' }, length: { lesson: 'framing-length' }, delim: { lesson: 'framing-delimiter' } },
  steps: [
    {
      id: 'two-sends-one-recv',
      scenario: 'sticky',
      anchor: { ...TCP_RECV, before: true },
      view: 'buffers',
      narration: tx(
        'The client called send("HELLO") and then send("WORLD") on its TCP socket. The server was busy; both are now in its receive buffer, and it calls recv(buf, 1024).',
        '客户端在 TCP 套接字上先调用 send("HELLO")，再调用 send("WORLD")。服务器正忙；两段数据现在都在它的接收缓冲区中，它调用 recv(buf, 1024)。',
      ),
      question: {
        id: 'sticky-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes will this one recv() return?', '这一次 recv() 将返回多少字节？'),
        answer: (v) => bytesOf(v.ret(TCP_RECV)),
        explain: (v) => tx(
          `${bytesOf(v.ret(TCP_RECV))}: ${show(v.received(v.ret(TCP_RECV)))}, both messages glued together: "sticky packets". Nothing in the stream says where "HELLO" ended.`,
          `${bytesOf(v.ret(TCP_RECV))} 字节：${show(v.received(v.ret(TCP_RECV)))}，两条消息粘在了一起，这就是"粘包"。字节流中没有任何东西标明 "HELLO" 在哪里结束。`,
        ),
      },
    },
    {
      id: 'udp-keeps-boundaries',
      scenario: 'sticky',
      anchor: { type: 'return', host: 'server', op: 'recvfrom', nth: 2, before: true },
      narration: tx(
        'For contrast, the same two messages as UDP datagrams: the first recvfrom() returned "HELLO".',
        '作为对比，同样两条消息作为 UDP 数据报发送：第一次 recvfrom() 返回了 "HELLO"。',
      ),
      question: {
        id: 'second-datagram',
        kind: 'choice',
        prompt: tx('What will the second recvfrom() return?', '第二次 recvfrom() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'server', op: 'recvfrom', nth: 2 })), ['WORLD', 'ORLD', 'HELLOWORLD', '']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'server', op: 'recvfrom', nth: 2 })),
        explain: () => tx(
          '"WORLD": UDP never merges or splits datagrams. Each one is a message, at the price of no reliability.',
          '"WORLD"：UDP 从不合并或拆分数据报。每个数据报就是一条消息，代价是没有可靠性。',
        ),
      },
    },
    {
      id: 'one-send-segments',
      scenario: 'split',
      anchor: { type: 'segment', from: 'client', payload: true },
      reveal: { type: 'segment', from: 'client', payload: true, last: true },
      view: 'stevens',
      narration: tx(
        'The other way round: one send() of 3000 bytes. TCP cuts the bytes into segments of at most one MSS, here 1000 bytes.',
        '反过来：一次 send() 发送 3000 字节。TCP 把这些字节切成不超过 MSS 的报文段，这里 MSS 是 1000 字节。',
      ),
      question: {
        id: 'segments-for-3000',
        kind: 'number',
        prompt: tx('How many data segments will carry the 3000 bytes?', '这 3000 字节将由几个数据报文段携带？'),
        answer: (v) => v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.len > 0 && !(s.note ?? '').includes('retransmit')).length,
        explain: (v) => {
          const segs = v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.len > 0 && !(s.note ?? '').includes('retransmit'));
          return tx(
            `${segs.length}: ${segs.map((s) => s.len).join(' + ')} bytes. The receiver sees segments, not the send() call that made them.`,
            `${segs.length} 个：${segs.map((s) => s.len).join(' + ')} 字节。接收方看到的是报文段，看不到产生它们的那次 send()。`,
          );
        },
      },
    },
    {
      id: 'one-send-many-recvs',
      scenario: 'split',
      anchor: TCP_RECV,
      reveal: { ...TCP_RECV, last: true },
      narration: (v) => tx(
        `The server reads in a loop, recv(buf, 1024) until the end of the stream. Its first recv() returned ${bytesOf(v.ret(TCP_RECV))} bytes: only what had arrived.`,
        `服务器循环读取，调用 recv(buf, 1024) 直到流结束。它的第一次 recv() 返回了 ${bytesOf(v.ret(TCP_RECV))} 字节：只有已经到达的部分。`,
      ),
      question: {
        id: 'recvs-with-data',
        kind: 'number',
        prompt: tx('How many recv() calls will return data (more than 0 bytes) in all?', '一共将有几次 recv() 调用返回数据（多于 0 字节）？'),
        answer: (v) => v.all('return', (r) => r.host === 'server' && r.op === 'recv' && !r.error && bytesOf(r) > 0).length,
        explain: (v) => {
          const sizes = v.all('return', (r) => r.host === 'server' && r.op === 'recv' && !r.error && bytesOf(r) > 0).map(bytesOf);
          return tx(
            `${sizes.length}: ${sizes.join(' + ')} = ${sizes.reduce((a, b) => a + b, 0)} bytes, then 0 for the end of the stream. One message, several reads: a receiver must loop until it has a whole message.`,
            `${sizes.length} 次：${sizes.join(' + ')} = ${sizes.reduce((a, b) => a + b, 0)} 字节，之后返回 0 表示流结束。一条消息，多次读取：接收方必须循环读取，直到拿到完整的消息。`,
          );
        },
      },
    },
    {
      id: 'length-prefix',
      scenario: 'length',
      anchor: { ...TCP_RECV, nth: 2, before: true },
      view: 'code',
      narration: tx(
        'A fix: a length prefix. The sender puts each message\'s length in front of it, as four digits: "0005HELLO0005WORLD". The receiver read exactly 4 bytes of header: "0005".',
        '一种解决办法：长度前缀。发送方在每条消息前面写上它的长度（四位数字）："0005HELLO0005WORLD"。接收方先恰好读取 4 字节的头部："0005"。',
      ),
      question: {
        id: 'after-header',
        kind: 'choice',
        prompt: tx('Now it calls recv(buf, 5). What will it return?', '接着它调用 recv(buf, 5)。将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ ...TCP_RECV, nth: 2 })), ['HELLO', 'HELLO0005WORLD', '0005H', 'WORLD']),
        answer: (v) => v.received(v.ret({ ...TCP_RECV, nth: 2 })),
        explain: (v) => {
          const all = v.all('return', (r) => r.host === 'server' && r.op === 'recv' && !r.error).map((r) => show(v.received(r)));
          return tx(
            `"HELLO": exactly one message, because the header said how long it is. The four reads were ${all.join(', ')}. (When fewer bytes have arrived, the receiver keeps reading until it has them all.)`,
            `"HELLO"：恰好一条消息，因为头部指明了它的长度。四次读取分别得到 ${all.join('、')}。（如果到达的字节还不够，接收方要继续读，直到读满为止。）`,
          );
        },
      },
    },
    {
      id: 'delimiter',
      scenario: 'delim',
      anchor: TCP_RECV,
      narration: (v) => tx(
        `Another fix: a delimiter. Each message ends with "\\n". One recv() returned ${show(v.received(v.ret(TCP_RECV)))}; the receiver splits it at each newline (and keeps an unfinished last line for the next read). A third fix is a fixed length for every message.`,
        `另一种解决办法：分隔符。每条消息以 "\\n" 结尾。一次 recv() 返回了 ${show(v.received(v.ret(TCP_RECV)))}；接收方在每个换行符处切分（最后没有读完的一行留到下次读取）。第三种办法是让每条消息都定长。`,
      ),
      question: {
        id: 'lines-found',
        kind: 'number',
        prompt: tx('How many complete messages does the receiver find in what this recv() returned?', '在这次 recv() 返回的数据中，接收方能找到几条完整的消息？'),
        answer: (v) => v.received(v.ret(TCP_RECV)).split('\n').length - 1,
        explain: (v) => {
          const lines = v.received(v.ret(TCP_RECV)).split('\n');
          return tx(
            `${lines.length - 1}: ${lines.slice(0, -1).map(show).join(' and ')}${lines[lines.length - 1] ? `, with ${show(lines[lines.length - 1])} left over` : ''}. The delimiter must never appear inside a message (or be escaped).`,
            `${lines.length - 1} 条：${lines.slice(0, -1).map(show).join(' 和 ')}${lines[lines.length - 1] ? `，还剩 ${show(lines[lines.length - 1])}` : ''}。分隔符绝不能出现在消息内容中（否则要转义）。`,
          );
        },
      },
    },
  ],
};
