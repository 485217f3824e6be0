// Lesson 12: RFC vs Linux — the same program run under the `linux` and the `rfc` TCP profiles,
// and what differs: the SYN retransmission schedule, zero-window probes, the accept queue for
// listen(n), and the length of TIME_WAIT.
import { PROFILE_DIFFERENCES, PROFILES } from '../../sim';
import type { Scenario } from '../../scenarios/schema';
import type { Lesson, ScenarioRef } from '../types';
import { Unresolved, type TraceView } from '../traceView';
import { resolveScenarioRef, runScenario } from '../lessonScenario';
import { ms, tx } from './helpers';

const LINUX: ScenarioRef = { lesson: 'profiles' };
const RFC: ScenarioRef = {
  from: LINUX,
  patch: (s: Scenario) => ({ ...s, tcp: { ...s.tcp, profile: 'rfc' } }),
  label: tx('rfc profile', 'rfc 配置'),
};

const SYN_N = (n: number) => ({ type: 'segment', from: 'client', flags: ['SYN'], exact: true, nth: n }) as const;
/** Before the SYN's first timeout: once it fires, the timer strip shows the next timeout. */
const BEFORE_FIRST_TIMEOUT = { type: 'timer', host: 'client', timer: 'rto', event: 'fire', before: true } as const;
const PROBE = { type: 'segment', from: 'client', note: 'zero-window-probe' } as const;
const TW = { type: 'state', host: 'client', to: 'TIME_WAIT' } as const;

/** Gap between the 1st and 2nd SYN the client sends (the first timeout). */
const firstGap = (v: TraceView) => v.time(SYN_N(2)) - v.time(SYN_N(1));

/** Gap between the 2nd and 3rd SYN the client sends. */
const synGap = (v: TraceView) => v.time(SYN_N(3)) - v.time(SYN_N(2));

/** What a zero-window probe carries, by its length. */
const probeKind = (len: number): string => (len === 0 ? 'empty-ack' : len === 1 ? 'one-byte' : 'full-segment');

function timeWait(v: TraceView): number {
  const tw = v.get('state', TW);
  const end = v.all('state', (r) => r.sid === tw.sid && r.from === 'TIME_WAIT', v.at(TW) + 1)[0];
  if (!end) throw new Unresolved('the end of TIME_WAIT');
  return end.t - tw.t;
}

/** The same measurement on the other profile's run of the same program (as shipped). */
function other(v: TraceView): TraceView {
  const rfc = v.scenario.tcp?.profile === 'rfc';
  return runScenario(resolveScenarioRef(rfc ? LINUX : RFC));
}

export const lesson12: Lesson = {
  id: 'rfc-vs-linux',
  number: 12,
  title: tx('RFC vs Linux: one program, two TCPs', 'RFC 与 Linux：同一个程序，两种 TCP'),
  summary: tx(
    'Where the standards leave room, Linux made its own choices. Run the same program under the rfc and the linux profile and compare the SYN retries, the zero-window probes, the accept queue and TIME_WAIT.',
    '在标准留有余地的地方，Linux 做了自己的选择。用 rfc 和 linux 两种配置运行同一个程序，比较 SYN 重传、零窗口探测、全连接队列和 TIME_WAIT。',
  ),
  terms: [
    { en: 'TCP profile', zh: 'TCP 配置' }, { en: 'RFC 9293 / RFC 6298', zh: 'RFC 9293 / RFC 6298' }, { en: 'SYN retransmission', zh: 'SYN 重传' },
  ],
  scenarios: { linux: LINUX, rfc: RFC },
  steps: [
    {
      id: 'linux-syn',
      scenario: 'linux',
      anchor: BEFORE_FIRST_TIMEOUT,
      reveal: SYN_N(3),
      narration: (v) => tx(
        `The linux profile. The client's first two SYNs will be lost. The first one's retransmission timer is running: the first retransmission will leave ${ms(firstGap(v)).en} after the SYN.`,
        `linux 配置。客户端的前两个 SYN 都会丢失。第一个 SYN 的重传计时器正在运行：第一次重传将在 SYN 发出 ${ms(firstGap(v))['zh-CN']}后进行。`,
      ),
      question: {
        id: 'linux-syn-gap',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('That retransmission will be lost too. How many ms after it will Linux send the next SYN?', '这次重传也会丢失。Linux 将在它之后多少毫秒发送下一个 SYN？'),
        answer: synGap,
        explain: (v) => tx(
          `${ms(synGap(v)).en}: Linux retries a SYN at a steady 1 s the first ${PROFILES.linux.synLinearTimeouts} times (tcp_syn_linear_timeouts) before doubling, to connect sooner after a brief loss.`,
          `${ms(synGap(v))['zh-CN']}：Linux 前 ${PROFILES.linux.synLinearTimeouts} 次以固定的 1 秒间隔重传 SYN（tcp_syn_linear_timeouts），之后才开始加倍，以便短暂丢包后能更快连上。`,
        ),
      },
    },
    {
      id: 'accept-queue',
      scenario: 'rfc',
      // Before listen(): from then on the sockets panel prints the queue's capacity.
      anchor: { type: 'call', host: 'server', op: 'listen', before: true },
      reveal: { type: 'queue', host: 'server' },
      narration: tx('Now the same program under the rfc profile (RFC 9293, RFC 6298). The server is about to call listen(1).', '现在同一个程序改用 rfc 配置（RFC 9293、RFC 6298）。服务器即将调用 listen(1)。'),
      question: {
        id: 'rfc-accept-max',
        kind: 'number',
        prompt: tx('Under the rfc profile, how many established connections will be able to wait in this accept queue?', '在 rfc 配置下，这个全连接队列最多将能有几个已建立的连接在等待？'),
        answer: (v) => v.get('queue', { type: 'queue', host: 'server' }).acceptMax,
        explain: (v) => tx(
          `${v.get('queue', { type: 'queue', host: 'server' }).acceptMax}: exactly the backlog. Linux allows backlog + 1 (${other(v).get('queue', { type: 'queue', host: 'server' }).acceptMax} here), an off-by-one that long ago became its behaviour.`,
          `${v.get('queue', { type: 'queue', host: 'server' }).acceptMax} 个：恰好等于 backlog。Linux 允许 backlog + 1 个（这里是 ${other(v).get('queue', { type: 'queue', host: 'server' }).acceptMax} 个），这个"差一"早已成为它的固定行为。`,
        ),
      },
    },
    {
      id: 'rfc-syn',
      scenario: 'rfc',
      anchor: BEFORE_FIRST_TIMEOUT,
      reveal: SYN_N(3),
      narration: (v) => tx(
        `Under the rfc profile the same two SYNs will be lost, and the first retransmission will also leave ${ms(firstGap(v)).en} after the SYN.`,
        `在 rfc 配置下同样会丢失两个 SYN，第一次重传同样在 SYN 发出 ${ms(firstGap(v))['zh-CN']}后进行。`,
      ),
      question: {
        id: 'rfc-syn-gap',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('And under the rfc profile: how many ms after that first retransmission will the next SYN leave?', '在 rfc 配置下：第一次重传之后，还要多少毫秒才发出下一个 SYN？'),
        answer: synGap,
        explain: (v) => tx(
          `${ms(synGap(v)).en}: RFC 6298 doubles the timeout at every retry (1, 2, 4 … s); Linux waited ${ms(synGap(other(v))).en}. The connection is established later under rfc.`,
          `${ms(synGap(v))['zh-CN']}：RFC 6298 在每次重试时都把超时时间加倍（1、2、4……秒）；Linux 等待的是 ${ms(synGap(other(v)))['zh-CN']}。因此 rfc 配置下连接建立得更晚。`,
        ),
      },
    },
    {
      id: 'linux-probe',
      scenario: 'linux',
      anchor: { ...PROBE, before: true },
      view: 'buffers',
      narration: tx(
        'The server\'s 1000-byte buffer is full and it advertises a zero window. After a while the client\'s persist timer fires and it probes the window.',
        '服务器 1000 字节的缓冲区满了，它通告零窗口。过了一段时间，客户端的持续计时器到期，它开始探测窗口。',
      ),
      question: {
        id: 'linux-probe-bytes',
        kind: 'number',
        unit: tx('bytes', '字节'),
        prompt: tx('How many bytes of data will Linux\'s zero-window probe carry?', 'Linux 的零窗口探测将携带多少字节的数据？'),
        answer: (v) => v.seg(PROBE).len,
        explain: (v) => tx(
          `${v.seg(PROBE).len}: Linux sends an empty ACK with sequence number SND.UNA − 1 (relative ${v.seg(PROBE).rseq}), already acknowledged, which forces the receiver to answer with its current window.`,
          `${v.seg(PROBE).len} 字节：Linux 发送一个空的 ACK，序号为 SND.UNA − 1（相对值 ${v.seg(PROBE).rseq}），这是已被确认过的序号，迫使接收方用当前窗口作答。`,
        ),
      },
    },
    {
      id: 'rfc-probe',
      scenario: 'rfc',
      anchor: { ...PROBE, before: true },
      view: 'buffers',
      narration: tx('The same moment under the rfc profile.', 'rfc 配置下的同一时刻。'),
      question: {
        id: 'rfc-probe-kind',
        kind: 'choice',
        prompt: tx('What will the RFC zero-window probe carry?', 'RFC 的零窗口探测将携带什么？'),
        options: [
          { id: 'empty-ack', label: tx('nothing: an empty ACK, like Linux\'s', '什么也不带：和 Linux 一样的空 ACK') },
          { id: 'one-byte', label: tx('one byte of new data, beyond the window', '窗口之外的 1 字节新数据') },
          { id: 'full-segment', label: tx('a full segment of data', '一个满长度的数据报文段') },
        ],
        answer: (v) => probeKind(v.seg(PROBE).len),
        explain: (v) => tx(
          `${v.seg(PROBE).len === 1 ? 'One byte' : `${v.seg(PROBE).len} bytes`}: RFC 9293 probes with one byte of new data beyond the window; if the window has opened meanwhile, the byte is simply accepted. Linux's probe carried ${other(v).seg(PROBE).len} bytes.`,
          `${v.seg(PROBE).len} 字节：RFC 9293 用窗口之外的 1 字节新数据进行探测；如果窗口恰好已经打开，这个字节就直接被接收。Linux 的探测携带 ${other(v).seg(PROBE).len} 字节。`,
        ),
      },
    },
    {
      id: 'time-wait',
      scenario: 'rfc',
      anchor: TW,
      reveal: { type: 'state', host: 'client', from: 'TIME_WAIT' },
      view: 'state-machine',
      narration: tx(
        `The client closed first and waits in TIME_WAIT. Every default that differs between the profiles: ${PROFILE_DIFFERENCES.join(', ')}. Each can be set on its own in the scenario's "tcp" options.`,
        `客户端先关闭，在 TIME_WAIT 中等待。两种配置之间不同的全部默认值：${PROFILE_DIFFERENCES.join('、')}。每一项都可以在场景的 "tcp" 选项中单独设置。`,
      ),
      question: {
        id: 'rfc-time-wait',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('How long will TIME_WAIT last under the rfc profile?', '在 rfc 配置下，TIME_WAIT 将持续多久？'),
        answer: timeWait,
        explain: (v) => tx(
          `${ms(timeWait(v)).en}: 2·MSL with the MSL of RFC 793, 2 minutes. Linux uses a fixed 60 s (${ms(timeWait(other(v))).en} in its run), so busy Linux servers keep fewer sockets in TIME_WAIT.`,
          `${ms(timeWait(v))['zh-CN']}：2MSL，MSL 取 RFC 793 的 2 分钟。Linux 固定使用 60 秒（在它的运行中为 ${ms(timeWait(other(v)))['zh-CN']}），因此繁忙的 Linux 服务器处于 TIME_WAIT 的套接字更少。`,
        ),
      },
    },
  ],
};
