// Lesson 4: the three-way handshake — SYN, SYN+ACK, ACK; the states on both sides; initial
// sequence numbers as real and as relative numbers; and why it takes three segments.
import type { Lesson } from '../types';
import { connStateAt, stateOptions, tx } from './helpers';

const SYN = { type: 'segment', from: 'client', flags: ['SYN'], exact: true } as const;
const SYNACK = { type: 'segment', from: 'server', flags: ['SYN', 'ACK'], exact: true } as const;
const ACK3 = { type: 'segment', from: 'client', note: 'handshake-ack' } as const;

export const lesson04: Lesson = {
  id: 'three-way-handshake',
  number: 4,
  title: tx('The three-way handshake', '三次握手'),
  summary: tx(
    'SYN (seq = j), SYN+ACK (seq = k, ack = j+1), ACK (ack = k+1): both ends learn and confirm each other\'s initial sequence number, and the connection is established.',
    'SYN（seq = j）、SYN+ACK（seq = k，ack = j+1）、ACK（ack = k+1）：两端都得知并确认了对方的初始序号，连接建立。',
  ),
  terms: [
    { en: 'three-way handshake', zh: '三次握手' }, { en: 'initial sequence number (ISN)', zh: '初始序号' },
    { en: 'acknowledgement number', zh: '确认号' }, { en: 'relative sequence number', zh: '相对序号' },
  ],
  scenarios: { hs: { builtin: 'handshake' } },
  steps: [
    {
      id: 'syn',
      scenario: 'hs',
      anchor: SYN,
      view: 'state-machine',
      narration: (v) => {
        const s = v.seg(SYN);
        return tx(
          `The three-way handshake, first segment: connect() sends a SYN with sequence number j = ${s.seq}, the client's initial sequence number (ISN), chosen at random. Wireshark shows it as relative 0. The segment carries no data.`,
          `三次握手的第一个报文段：connect() 发送 SYN，序号 j = ${s.seq}，即客户端随机选取的初始序号（ISN）。Wireshark 把它显示为相对序号 0。这个报文段不携带数据。`,
        );
      },
      question: {
        id: 'client-state-syn',
        kind: 'choice',
        prompt: tx('Which state is the client in now?', '客户端现在处于什么状态？'),
        options: stateOptions('CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED'),
        answer: (v) => connStateAt(v, 'client', v.at(SYN)),
        explain: () => tx(
          'SYN_SENT (some texts write SYN_SEND): its SYN is out and it waits for the answer.',
          'SYN_SENT（有些资料写作 SYN_SEND）：它的 SYN 已发出，正在等待回答。',
        ),
      },
    },
    {
      id: 'syn-arrives',
      scenario: 'hs',
      anchor: { ...SYN, event: 'deliver' },
      reveal: SYNACK,
      narration: (v) => tx(
        `The SYN (seq = ${v.seg(SYN).seq}) reaches the listening socket. The server's TCP will answer with SYN+ACK.`,
        `SYN（seq = ${v.seg(SYN).seq}）到达监听套接字。服务器的 TCP 将回复 SYN+ACK。`,
      ),
      question: {
        id: 'synack-ack',
        kind: 'number',
        prompt: (v) => tx(
          `The client's SYN has seq = ${v.seg(SYN).seq}. Which acknowledgement number (absolute) will the server's SYN+ACK carry?`,
          `客户端 SYN 的 seq = ${v.seg(SYN).seq}。服务器的 SYN+ACK 将携带哪个确认号（绝对值）？`,
        ),
        answer: (v) => v.seg(SYNACK).ack,
        explain: (v) => {
          const j = v.seg(SYN).seq;
          const a = v.seg(SYNACK).ack;
          return tx(
            `${a} = j + 1 = ${j} + 1 (relative: 1). A SYN takes up one sequence number, and an acknowledgement number is the next sequence number the sender expects.`,
            `${a} = j + 1 = ${j} + 1（相对值为 1）。SYN 占用一个序号，而确认号是发送方期望收到的下一个序号。`,
          );
        },
      },
    },
    {
      id: 'syn-received',
      scenario: 'hs',
      anchor: SYNACK,
      view: 'state-machine',
      narration: (v) => {
        const s = v.seg(SYNACK);
        return tx(
          `SYN+ACK: the server's own ISN k = ${s.seq} (relative 0) and ack = ${s.ack} (relative 1). A new socket for this connection exists now, not yet accepted.`,
          `SYN+ACK：服务器自己的初始序号 k = ${s.seq}（相对值 0），ack = ${s.ack}（相对值 1）。此时已经为这个连接创建了一个新套接字，但还没有被 accept。`,
        );
      },
      question: {
        id: 'server-state',
        kind: 'choice',
        prompt: tx('Which state is the server\'s new connection in?', '服务器的新连接处于什么状态？'),
        options: stateOptions('LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED'),
        answer: (v) => connStateAt(v, 'server', v.at(SYNACK)),
        explain: () => tx(
          'SYN_RECEIVED (Linux calls it SYN_RECV): it has received a SYN and sent its own. The listening socket itself stays in LISTEN.',
          'SYN_RECEIVED（Linux 称为 SYN_RECV）：它收到了 SYN 并发出了自己的 SYN。监听套接字本身仍处于 LISTEN。',
        ),
      },
    },
    {
      id: 'third-segment',
      scenario: 'hs',
      anchor: { ...SYNACK, event: 'deliver' },
      reveal: ACK3,
      narration: tx(
        'The SYN+ACK reaches the client: its SYN is acknowledged, and it has learned the server\'s ISN.',
        'SYN+ACK 到达客户端：它的 SYN 得到了确认，它也得知了服务器的初始序号。',
      ),
      question: {
        id: 'third-ack',
        kind: 'number',
        prompt: (v) => tx(
          `The SYN+ACK has seq = ${v.seg(SYNACK).seq}. Which acknowledgement number (absolute) will the client's ACK carry?`,
          `SYN+ACK 的 seq = ${v.seg(SYNACK).seq}。客户端的 ACK 将携带哪个确认号（绝对值）？`,
        ),
        answer: (v) => v.seg(ACK3).ack,
        explain: (v) => tx(
          `${v.seg(ACK3).ack} = k + 1 = ${v.seg(SYNACK).seq} + 1. With it the server learns that the client received its ISN. Its own seq is j + 1 = ${v.seg(ACK3).seq}: relative (seq, ack) = (${v.seg(ACK3).rseq}, ${v.seg(ACK3).rack}).`,
          `${v.seg(ACK3).ack} = k + 1 = ${v.seg(SYNACK).seq} + 1。服务器由此得知客户端收到了它的初始序号。这个 ACK 自己的 seq 是 j + 1 = ${v.seg(ACK3).seq}：相对的 (seq, ack) = (${v.seg(ACK3).rseq}, ${v.seg(ACK3).rack})。`,
        ),
      },
    },
    {
      id: 'established',
      scenario: 'hs',
      anchor: { ...ACK3, event: 'deliver' },
      view: 'state-machine',
      narration: tx(
        'Both ends are ESTABLISHED. connect() returned on the client when it sent the ACK; now the connection joins the accept queue and the server\'s accept() returns it. Why three segments: each side must send its ISN and hear it acknowledged, and the SYN+ACK does two of the four jobs at once. With only two, a delayed old SYN could open a connection nobody asked for.',
        '两端都进入 ESTABLISHED。客户端发出 ACK 时 connect() 已经返回；现在连接进入全连接队列，服务器的 accept() 返回它。为什么是三次：每一方都要发出自己的初始序号并得到确认，而 SYN+ACK 一次完成了这四件事中的两件。如果只有两次，一个迟到的旧 SYN 就可能打开一个没人要的连接。',
      ),
      question: {
        id: 'handshake-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes of application data did the three handshake segments carry in all?', '三个握手报文段一共携带了多少字节的应用数据？'),
        answer: (v) => v.seg(SYN).len + v.seg(SYNACK).len + v.seg(ACK3).len,
        explain: (v) => tx(
          `${v.seg(SYN).len + v.seg(SYNACK).len + v.seg(ACK3).len}: the handshake only exchanges sequence numbers and options (MSS ${v.seg(SYN).opts?.mss ?? '—'}, window scale). Data comes after.`,
          `${v.seg(SYN).len + v.seg(SYNACK).len + v.seg(ACK3).len} 字节：握手只交换序号和选项（MSS ${v.seg(SYN).opts?.mss ?? '—'}、窗口扩大因子）。数据在之后才传送。`,
        ),
      },
    },
  ],
};
