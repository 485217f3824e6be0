// Lesson 7: loss and retransmission — the retransmission timeout and its exponential backoff,
// duplicate ACKs and fast retransmit, and congestion control (slow start, fast recovery,
// congestion avoidance) on a cwnd/ssthresh graph and a time-sequence (Stevens) graph.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { ms, tx } from './helpers';

const RETX1 = { type: 'segment', from: 'client', note: 'syn-retransmit' } as const;
const RTO_RETX = (nth: number) => ({ type: 'segment', from: 'client', note: 'rto-retransmit', nth }) as const;
const DUP3 = { type: 'segment', event: 'deliver', from: 'server', to: 'client', note: 'dup-ack', nth: 3 } as const;
const FAST = { type: 'segment', from: 'client', note: 'fast-retransmit' } as const;
const SYN1 = { type: 'segment', from: 'client', flags: ['SYN'] } as const;
const FIRST_RTO_FIRE = { type: 'timer', host: 'client', timer: 'rto', event: 'fire' } as const;
const FIRST_DATA = { type: 'segment', from: 'client', payload: true } as const;

export const lesson07: Lesson = {
  id: 'loss-and-retransmission',
  number: 7,
  title: tx('Loss, retransmission and congestion control', '丢包、重传与拥塞控制'),
  summary: tx(
    'A lost segment is resent when the retransmission timer expires (and the timeout doubles each time), or at once after three duplicate ACKs. Congestion control slows the sender down after a loss.',
    '丢失的报文段要么在重传计时器超时后重发（每次超时时间加倍），要么在收到三个重复 ACK 后立即重发。拥塞控制在丢包后让发送方放慢速度。',
  ),
  terms: [
    { en: 'retransmission timeout (RTO)', zh: '超时重传' }, { en: 'exponential backoff', zh: '指数退避' }, { en: 'duplicate ACK', zh: '重复确认' },
    { en: 'fast retransmit', zh: '快速重传' }, { en: 'congestion window (cwnd)', zh: '拥塞窗口' }, { en: 'slow start', zh: '慢启动' },
    { en: 'congestion avoidance', zh: '拥塞避免' }, { en: 'fast recovery', zh: '快速恢复' },
  ],
  scenarios: { syn: { builtin: 'syn-loss' }, rto: { lesson: 'rto-backoff' }, dup: { builtin: 'loss-retransmit' }, cc: { lesson: 'congestion' } },
  steps: [
    {
      id: 'syn-backoff',
      scenario: 'syn',
      // Before the timer fires: from then on the timer strip shows the next (doubled) timeout.
      anchor: { ...FIRST_RTO_FIRE, before: true },
      reveal: { type: 'segment', from: 'client', flags: ['SYN'], after: RETX1 },
      narration: (v) => tx(
        `The client's SYN was lost. Nothing comes back, so after ${ms(v.time(RETX1) - v.time(SYN1)).en} its retransmission timer will fire and it will send the SYN again (this run uses the rfc profile).`,
        `客户端的 SYN 丢失了。没有任何回应，于是 ${ms(v.time(RETX1) - v.time(SYN1))['zh-CN']}后它的重传计时器将超时，它会再次发送 SYN（本次运行使用 rfc 配置）。`,
      ),
      question: {
        id: 'next-syn-gap',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('That second SYN will be lost too. How many ms after it will the next SYN leave?', '第二个 SYN 也会丢失。下一个 SYN 将在它之后多少毫秒发出？'),
        answer: (v) => v.time({ type: 'segment', from: 'client', flags: ['SYN'], after: RETX1 }) - v.time(RETX1),
        explain: (v) => {
          const gap = v.time({ type: 'segment', from: 'client', flags: ['SYN'], after: RETX1 }) - v.time(RETX1);
          return tx(
            `${ms(gap).en}: each timeout doubles the next (1 s, 2 s, 4 s …, RFC 6298 §5.5), so a host that is down is not flooded. Linux first retries at a steady 1 s four times (lesson 12).`,
            `${ms(gap)['zh-CN']}：每次超时后，下一次的超时时间加倍（1 秒、2 秒、4 秒……，RFC 6298 §5.5），以免向一台宕机的主机狂发报文。Linux 则先以固定 1 秒的间隔重试四次（第 12 课）。`,
          );
        },
      },
    },
    {
      id: 'rto-backoff',
      scenario: 'rto',
      // Before the second timeout expires: the timer it sets would show the answer.
      anchor: { type: 'timer', host: 'client', timer: 'rto', event: 'fire', after: RTO_RETX(1), before: true },
      reveal: RTO_RETX(3),
      view: 'stevens',
      narration: tx(
        'A single small message, lost again and again. No later segment arrives to cause duplicate ACKs, so only the retransmission timer (RTO) can recover it. The timer started from the measured round-trip time; it has expired once, the message was sent again, and that copy is lost too.',
        '一条很短的消息，一次又一次地丢失。没有后续报文段到达接收方，也就不会产生重复 ACK，只能靠重传计时器（RTO）恢复。计时器的初值来自测得的往返时间；它已经超时一次，消息被重发，而这个副本也丢失了。',
      ),
      question: {
        id: 'third-rto',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: (v) => tx(
          `The first timeout was ${v.time(RTO_RETX(1)) - v.time(FIRST_DATA)} ms; the timer now running is ${v.time(RTO_RETX(2)) - v.time(RTO_RETX(1))} ms. The second retransmission will be lost as well: how long will the client then wait before the third?`,
          `第一次超时是 ${v.time(RTO_RETX(1)) - v.time(FIRST_DATA)} 毫秒；现在运行的计时器是 ${v.time(RTO_RETX(2)) - v.time(RTO_RETX(1))} 毫秒。第二次重传也会丢失：之后客户端要等多久才进行第三次重传？`,
        ),
        answer: (v) => v.time(RTO_RETX(3)) - v.time(RTO_RETX(2)),
        explain: (v) => tx(
          `${ms(v.time(RTO_RETX(3)) - v.time(RTO_RETX(2))).en}: exponential backoff doubles the RTO at every timeout. The round trip is not re-measured on a retransmitted segment (Karn's algorithm), since its ACK could belong to either copy.`,
          `${ms(v.time(RTO_RETX(3)) - v.time(RTO_RETX(2)))['zh-CN']}：指数退避在每次超时时把 RTO 加倍。重传的报文段不用于测量往返时间（Karn 算法），因为它的 ACK 可能属于任何一个副本。`,
        ),
      },
    },
    {
      id: 'duplicate-acks',
      scenario: 'dup',
      anchor: DUP3,
      reveal: FAST,
      view: 'stevens',
      narration: (v) => tx(
        `One segment of a burst was lost. Every later segment makes the server repeat the same acknowledgement, ack ${v.seg(DUP3).rack}: duplicate ACKs. The third one has just arrived.`,
        `一组报文段中有一个丢失了。之后到达的每个报文段都让服务器重复同一个确认号 ack ${v.seg(DUP3).rack}：这就是重复确认。第三个重复 ACK 刚刚到达。`,
      ),
      question: {
        id: 'after-three-dups',
        kind: 'choice',
        prompt: tx('What will the client do about the missing segment?', '对于丢失的报文段，客户端会怎么做？'),
        options: [
          { id: 'fast-retransmit', label: tx('resend it now, without waiting for the timer', '立即重发，不等计时器') },
          { id: 'rto-retransmit', label: tx('wait for the retransmission timeout, then resend it', '等重传超时后再重发') },
          { id: 'nothing', label: tx('nothing: the server will ask for it', '什么也不做：服务器会来要') },
        ],
        answer: (v) => {
          const s = v.all('segment', (x) => x.event === 'send' && x.from === 'client' && (x.note === 'fast-retransmit' || x.note === 'rto-retransmit'), v.at(DUP3))[0];
          return s?.note ?? 'nothing';
        },
        explain: (v) => tx(
          `Resend it now: three duplicate ACKs are strong evidence of a loss (one or two may only mean reordering), so TCP retransmits without waiting for the RTO. This is fast retransmit, at ${v.time(FAST)} ms.`,
          `立即重发：三个重复 ACK 是丢包的有力证据（一两个可能只是乱序），所以 TCP 不等 RTO 就重传。这就是快速重传，发生在 ${v.time(FAST)} 毫秒。`,
        ),
      },
    },
    {
      id: 'which-segment',
      scenario: 'dup',
      anchor: { ...FAST, before: true },
      narration: tx('The client retransmits.', '客户端进行重传。'),
      question: {
        id: 'retransmitted-seq',
        kind: 'number',
        prompt: tx('Which relative sequence number will the retransmitted segment start at?', '重传的报文段将从哪个相对序号开始？'),
        answer: (v) => v.seg(FAST).rseq,
        explain: (v) => tx(
          `${v.seg(FAST).rseq}: the number every duplicate ACK asked for, the first byte the server is missing. The segments after it were kept in the server's buffer (out of order) and are not resent.`,
          `${v.seg(FAST).rseq}：每个重复 ACK 要的都是这个序号，即服务器缺少的第一个字节。它之后的报文段已乱序保存在服务器的缓冲区中，不必重发。`,
        ),
      },
    },
    {
      id: 'congestion-loss',
      scenario: 'cc',
      anchor: { type: 'segment', from: 'client', note: 'fast-retransmit', before: true },
      view: 'cwnd',
      narration: tx(
        'A bulk transfer over a slow link. In slow start the congestion window (cwnd) grew by one segment for every ACK, doubling each round trip, until a segment was lost.',
        '在慢速链路上传输大量数据。慢启动阶段，拥塞窗口（cwnd）每收到一个 ACK 就增加一个报文段，每个往返时间翻一番，直到有报文段丢失。',
      ),
      question: {
        id: 'phase-after-loss',
        kind: 'choice',
        prompt: tx('After this fast retransmit, which phase does congestion control enter?', '这次快速重传之后，拥塞控制进入哪个阶段？'),
        options: [
          { id: 'slow-start', label: tx('slow start', '慢启动') },
          { id: 'congestion-avoidance', label: tx('congestion avoidance', '拥塞避免') },
          { id: 'fast-recovery', label: tx('fast recovery', '快速恢复') },
        ],
        answer: (v) => v.get('cwnd', { type: 'cwnd', host: 'client', after: { type: 'segment', from: 'client', note: 'fast-retransmit' } }).phase,
        explain: (v) => {
          const c = v.get('cwnd', { type: 'cwnd', host: 'client', after: { type: 'segment', from: 'client', note: 'fast-retransmit' } });
          return tx(
            `Fast recovery: ssthresh drops to half of what was in flight (${c.ssthresh} bytes) and cwnd is inflated by the duplicate ACKs meanwhile; when the loss is repaired cwnd falls back near ssthresh. A timeout, instead, would restart slow start from one segment.`,
            `快速恢复：ssthresh 降为在途数据量的一半（${c.ssthresh} 字节），期间 cwnd 随重复 ACK 膨胀；丢失的数据补上后，cwnd 回落到 ssthresh 附近。如果是超时，则会从一个报文段重新开始慢启动。`,
          );
        },
      },
    },
    {
      id: 'congestion-avoidance',
      scenario: 'cc',
      anchor: { type: 'cwnd', host: 'client', phase: 'congestion-avoidance' },
      view: 'cwnd',
      narration: tx(
        'cwnd has passed ssthresh: congestion avoidance. From now on cwnd grows slowly, probing for spare capacity, instead of doubling.',
        'cwnd 已超过 ssthresh：进入拥塞避免阶段。此后 cwnd 缓慢增长以试探剩余带宽，而不再翻倍。',
      ),
      question: {
        id: 'ca-increase',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('By how many bytes does cwnd grow at each step in congestion avoidance?', '拥塞避免阶段，cwnd 每次增长多少字节？'),
        answer: (v) => {
          const vals = [...new Set(v.all('cwnd', (c) => c.host === 'client' && c.phase === 'congestion-avoidance').map((c) => c.cwnd))];
          if (vals.length < 2) throw new Unresolved('two cwnd values in congestion avoidance');
          return vals[1] - vals[0];
        },
        explain: (v) => {
          const syn = v.seg({ type: 'segment', from: 'client', flags: ['SYN'] });
          const vals = [...new Set(v.all('cwnd', (c) => c.host === 'client' && c.phase === 'congestion-avoidance').map((c) => c.cwnd))];
          return tx(
            `${vals[1] - vals[0]} bytes, one maximum segment (MSS ${syn.opts?.mss ?? 1460}), about once per round trip: additive increase. With the halving on loss this is AIMD, which shares a bottleneck fairly.`,
            `${vals[1] - vals[0]} 字节，即一个最大报文段（MSS ${syn.opts?.mss ?? 1460}），大约每个往返时间增加一次：这就是加性增。与丢包时的减半合起来称为 AIMD，它能让各连接公平地分享瓶颈带宽。`,
          );
        },
      },
    },
  ],
};
