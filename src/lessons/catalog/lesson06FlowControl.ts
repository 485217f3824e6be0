// Lesson 6: data transfer, buffers and flow control — sequence and acknowledgement numbers, the
// receive buffer that keeps what the program has not read, the advertised window shrinking to
// zero, zero-window probes, and the window reopening; several segments in flight at once.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { tx } from './helpers';

const FIRST_DATA_IN = { type: 'segment', event: 'deliver', from: 'client', to: 'server', payload: true } as const;
const FIRST_ACK_BACK = { type: 'segment', event: 'deliver', from: 'server', to: 'client', flags: ['ACK'], exact: true, payload: false } as const;
const ZERO = { type: 'segment', from: 'server', win: 0 } as const;
const ZERO_AT_CLIENT = { type: 'segment', event: 'deliver', from: 'server', to: 'client', win: 0 } as const;
const UPDATE = { type: 'segment', from: 'server', note: 'window-update' } as const;

export const lesson06: Lesson = {
  id: 'flow-control',
  number: 6,
  title: tx('Data transfer: buffers, the sliding window and flow control', '数据传输：缓冲区、滑动窗口与流量控制'),
  summary: tx(
    'In data transfer every byte has a sequence number and the receiver acknowledges the next one it expects. Unread data waits in the receive buffer; the free space is the window, and when it reaches zero the sender stops.',
    '数据传输中每个字节都有序号，接收方确认它期望的下一个字节。未读取的数据留在接收缓冲区中；剩余空间就是窗口，窗口降到零时发送方停止发送。',
  ),
  terms: [
    { en: 'data transfer', zh: '数据传输' }, { en: 'sequence number', zh: '序号' }, { en: 'acknowledgement (feedback)', zh: '确认（反馈机制）' }, { en: 'send / receive buffer', zh: '发送缓冲区 / 接收缓冲区' },
    { en: 'flow control', zh: '流量控制' }, { en: 'sliding window', zh: '滑动窗口' }, { en: 'zero-window probe', zh: '零窗口探测' },
  ],
  scenarios: { zw: { builtin: 'zero-window' } },
  steps: [
    {
      id: 'ack-number',
      scenario: 'zw',
      anchor: FIRST_DATA_IN,
      reveal: { type: 'segment', from: 'server', after: FIRST_DATA_IN },
      view: 'buffers',
      narration: (v) => {
        const s = v.seg(FIRST_DATA_IN);
        const size = v.all('buffer', (b) => b.host === 'server' && b.rcvSize > 0)[0]?.rcvSize;
        if (size === undefined) throw new Unresolved('the server\'s receive buffer');
        return tx(
          `The connection is established and data transfer begins. The first data segment arrives: ${s.len} bytes starting at relative sequence number ${s.rseq}. The server's receive buffer holds ${size} bytes at most (SO_RCVBUF), and its program is asleep, not calling recv().`,
          `连接已经建立，数据传输开始。第一个数据报文段到达：${s.len} 字节，从相对序号 ${s.rseq} 开始。服务器的接收缓冲区最多容纳 ${size} 字节（SO_RCVBUF），而它的程序正在休眠，没有调用 recv()。`,
        );
      },
      question: {
        id: 'ack-for-data',
        kind: 'number',
        prompt: tx('Which relative acknowledgement number will the server send for this segment?', '服务器将为这个报文段发送哪个相对确认号？'),
        answer: (v) => v.seg({ type: 'segment', from: 'server', after: FIRST_DATA_IN }).rack,
        explain: (v) => {
          const s = v.seg(FIRST_DATA_IN);
          const a = v.seg({ type: 'segment', from: 'server', after: FIRST_DATA_IN });
          return tx(
            `${a.rack} = ${s.rseq} + ${s.len}: the sequence number of the next byte it expects. The receiver answers every segment it gets; that feedback is what lets TCP be reliable.`,
            `${a.rack} = ${s.rseq} + ${s.len}：它期望的下一个字节的序号。接收方对收到的每个报文段都作出回答；正是这种反馈机制让 TCP 可靠。`,
          );
        },
      },
    },
    {
      id: 'in-flight',
      scenario: 'zw',
      anchor: FIRST_ACK_BACK,
      narration: tx(
        'The first acknowledgement reaches the client. The client did not wait for it before sending more: a sliding window lets several segments be in flight at once.',
        '第一个确认到达客户端。客户端发送更多数据之前并没有等它：滑动窗口允许多个报文段同时在途。',
      ),
      question: {
        id: 'segments-in-flight',
        kind: 'number',
        prompt: tx('How many data segments had the client sent before this first ACK arrived?', '在这第一个 ACK 到达之前，客户端已经发出了几个数据报文段？'),
        answer: (v) => v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.len > 0, 0, v.at(FIRST_ACK_BACK)).length,
        explain: (v) => {
          const n = v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.len > 0, 0, v.at(FIRST_ACK_BACK));
          return tx(
            `${n.length}, ${n.reduce((a, s) => a + s.len, 0)} bytes in all, limited by the window the server advertised in its SYN+ACK (${v.seg({ type: 'segment', from: 'server', flags: ['SYN'] }).win} bytes) and by the congestion window.`,
            `${n.length} 个，共 ${n.reduce((a, s) => a + s.len, 0)} 字节，受服务器在 SYN+ACK 中通告的窗口（${v.seg({ type: 'segment', from: 'server', flags: ['SYN'] }).win} 字节）和拥塞窗口的限制。`,
          );
        },
      },
    },
    {
      id: 'buffer-full',
      scenario: 'zw',
      // Before the zero-window ACK: its step updates the buffers panel with the answer.
      anchor: { ...ZERO, before: true },
      reveal: ZERO,
      view: 'buffers',
      narration: tx(
        'The server\'s program is still asleep and the client keeps sending. This segment fills the receive buffer: the server will acknowledge it with a window of 0 — flow control: the sender must stop. The bytes are not lost; they wait in the kernel until the program reads them.',
        '服务器的程序仍在睡眠，客户端继续发送。这个报文段把接收缓冲区填满了：服务器确认它时将通告窗口为 0——这就是流量控制：发送方必须停下。这些字节并没有丢失；它们在内核中等待，直到程序读取它们。',
      ),
      question: {
        id: 'unread-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('When the server advertises that window of 0, how many bytes will be waiting, unread, in its receive buffer?', '服务器通告这个 0 窗口时，它的接收缓冲区中将有多少字节在等待读取？'),
        answer: (v) => {
          const at = v.settled(v.at(ZERO));
          const b = v.all('buffer', (r) => r.host === 'server', 0, at + 1).pop();
          if (!b) throw new Unresolved('a buffer record of the server');
          return b.rcvUnread;
        },
        explain: (v) => {
          const at = v.settled(v.at(ZERO));
          const b = v.all('buffer', (r) => r.host === 'server', 0, at + 1).pop()!;
          return tx(
            `${b.rcvUnread} of ${b.rcvSize}: every byte that arrived, acknowledged and kept. Window = free space = ${b.rcvSize} − ${b.rcvUnread} = ${b.rcvSize - b.rcvUnread}.`,
            `${b.rcvSize} 字节中的 ${b.rcvUnread} 字节：到达的每个字节都已确认并保存。窗口 = 剩余空间 = ${b.rcvSize} − ${b.rcvUnread} = ${b.rcvSize - b.rcvUnread}。`,
          );
        },
      },
    },
    {
      id: 'probe',
      scenario: 'zw',
      anchor: ZERO_AT_CLIENT,
      reveal: { type: 'segment', from: 'client', after: ZERO_AT_CLIENT },
      narration: tx(
        'The client learns the window is 0 and stops sending data. But if the window update that reopens it were lost, both ends would wait forever…',
        '客户端得知窗口为 0，停止发送数据。但如果重新打开窗口的窗口更新报文丢失了，两端就会永远等下去……',
      ),
      question: {
        id: 'next-after-zero',
        kind: 'choice',
        prompt: tx('The client still has data to send. What will it send next?', '客户端还有数据要发送。它接下来会发送什么？'),
        options: [
          { id: 'data', label: tx('the next full data segment', '下一个完整的数据报文段') },
          { id: 'zero-window-probe', label: tx('a zero-window probe, after a while', '过一段时间后发送零窗口探测') },
          { id: 'rst', label: tx('a reset (RST)', '复位报文（RST）') },
          { id: 'fin', label: tx('a FIN', 'FIN') },
        ],
        answer: (v) => {
          const s = v.seg({ type: 'segment', from: 'client', after: ZERO_AT_CLIENT });
          if (s.note === 'zero-window-probe') return 'zero-window-probe';
          if (s.flags.includes('RST')) return 'rst';
          if (s.flags.includes('FIN') && s.len === 0) return 'fin';
          return 'data';
        },
        explain: (v) => {
          const s = v.seg({ type: 'segment', from: 'client', after: ZERO_AT_CLIENT });
          const wait = s.t - v.time(ZERO_AT_CLIENT);
          return tx(
            `A zero-window probe, ${wait} ms later, when the persist timer fires; further probes back off. Each probe makes the receiver repeat its window. (Linux probes with an empty ACK one byte below SND.UNA; RFC 9293 with one byte of new data; this one carries ${s.len} bytes.)`,
            `零窗口探测，在 ${wait} 毫秒后持续计时器到期时发出；之后的探测间隔逐次加倍。每次探测都让接收方重新报告窗口。（Linux 用序号比 SND.UNA 小 1 的空 ACK 探测；RFC 9293 用 1 字节新数据；这个探测携带 ${s.len} 字节。）`,
          );
        },
      },
    },
    {
      id: 'window-reopens',
      scenario: 'zw',
      anchor: { ...UPDATE, before: true },
      view: 'buffers',
      narration: tx(
        'The server\'s program wakes up and calls recv(). Reading frees buffer space, and the server tells the client with a window update.',
        '服务器程序醒来并调用 recv()。读取数据腾出了缓冲区空间，服务器用一个窗口更新报文告诉客户端。',
      ),
      question: {
        id: 'first-recv-size',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes will this first recv() (max 4096) return?', '这第一次 recv()（最多 4096 字节）将返回多少字节？'),
        answer: (v) => {
          const r = v.ret({ type: 'return', host: 'server', op: 'recv' });
          if (typeof r.result !== 'object' || !('bytes' in r.result)) throw new Unresolved('data');
          return r.result.bytes;
        },
        explain: (v) => {
          const u = v.seg(UPDATE);
          return tx(
            `${(v.ret({ type: 'return', host: 'server', op: 'recv' }).result as { bytes: number }).bytes}: everything that had waited in the buffer. The window update then advertises ${u.win} bytes, and the client resumes sending.`,
            `${(v.ret({ type: 'return', host: 'server', op: 'recv' }).result as { bytes: number }).bytes} 字节：缓冲区中等待的全部数据。随后窗口更新报文通告 ${u.win} 字节的窗口，客户端恢复发送。`,
          );
        },
      },
    },
  ],
};
