// Lesson 5: the four-way close — FIN_WAIT_1/2, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2·MSL and
// why (a lost last ACK; an old duplicate reaching a new connection on the same 4-tuple when
// TIME_WAIT is too short); CLOSE_WAIT left by a server that never closes; half-close with
// shutdown(); simultaneous close; either side may close first.
import type { Lesson } from '../types';
import { portOf, Unresolved, type TraceView } from '../traceView';
import { connAt, connStateAt, dataOptions, flagId, flagOptions, ms, show, stateOptions, statesOf, tx } from './helpers';

const CLIENT_FIN = { type: 'segment', from: 'client', flags: ['FIN'] } as const;
const SERVER_FIN = { type: 'segment', from: 'server', flags: ['FIN'] } as const;
const TW = { type: 'state', host: 'client', to: 'TIME_WAIT' } as const;

// The old duplicate: the server's first data segment, delayed by a fault, delivered after the
// client has connected again from the same port (its retransmission, not it, was read).
const CONNECT_2 = { type: 'return', host: 'client', op: 'connect', nth: 2 } as const;
const OLD_DATA = { type: 'segment', from: 'server', to: 'client', note: 'data' } as const;
const STRAGGLER = { type: 'segment', event: 'deliver', from: 'server', to: 'client', note: 'data', after: CONNECT_2 } as const;

/** How long socket `sid` stayed in TIME_WAIT. */
function timeWaitOf(v: TraceView, sid: number): number {
  const from = v.all('state', (r) => r.sid === sid && r.to === 'TIME_WAIT')[0];
  const to = from && v.all('state', (r) => r.sid === sid && r.from === 'TIME_WAIT')[0];
  if (!to) throw new Unresolved('the end of TIME_WAIT');
  return to.t - from.t;
}

/** What the client's TCP did with the old segment: passed its bytes to a program, dropped it, or reset. */
function oldDuplicateFate(v: TraceView): 'accepted' | 'discarded' | 'rst' {
  const s = v.seg(STRAGGLER);
  if (s.id !== v.seg(OLD_DATA).id) throw new Unresolved('the delayed segment arriving during the new connection');
  if (v.seg({ type: 'segment', from: 'client', after: STRAGGLER }).flags.includes('RST')) return 'rst';
  const oldText = v.received(v.ret({ type: 'return', host: 'client', op: 'recv' }));
  const later = v.all('return', (r) => r.host === 'client' && r.op === 'recv' && !r.error, v.at(CONNECT_2));
  return later.some((r) => v.received(r).includes(oldText)) ? 'accepted' : 'discarded';
}

export const lesson05: Lesson = {
  id: 'four-way-close',
  number: 5,
  title: tx('The four-way close and TIME_WAIT', '四次挥手与 TIME_WAIT'),
  summary: tx(
    'FIN, ACK, FIN, ACK: each direction is closed on its own. The side that closes first waits in TIME_WAIT for 2·MSL; a side that never calls close() stays in CLOSE_WAIT.',
    'FIN、ACK、FIN、ACK：两个方向分别关闭。先关闭的一方在 TIME_WAIT 中等待 2MSL；从不调用 close() 的一方停留在 CLOSE_WAIT。',
  ),
  terms: [
    { en: 'four-way close', zh: '四次挥手' }, { en: 'active close', zh: '主动关闭' }, { en: 'passive close', zh: '被动关闭' },
    { en: 'half-close', zh: '半关闭' }, { en: 'maximum segment lifetime (MSL)', zh: '最长报文段寿命' },
  ],
  scenarios: {
    clientFirst: { builtin: 'close-client-first' }, lostAck: { lesson: 'close-lost-ack' }, leak: { lesson: 'close-wait-leak' },
    half: { builtin: 'half-close' }, both: { lesson: 'simultaneous-close' }, serverFirst: { builtin: 'close-server-first' },
    stale: { lesson: 'close-old-duplicate' },
  },
  steps: [
    {
      id: 'first-fin',
      scenario: 'clientFirst',
      anchor: CLIENT_FIN,
      reveal: { type: 'state', host: 'server', to: 'CLOSE_WAIT' },
      view: 'state-machine',
      narration: tx(
        'The four-way close begins: the client calls close(), sends a FIN and enters FIN_WAIT_1. It is the active closer.',
        '四次挥手开始：客户端调用 close()，发出 FIN，进入 FIN_WAIT_1。它是主动关闭的一方。',
      ),
      question: {
        id: 'server-after-fin',
        kind: 'choice',
        prompt: tx('Which state will the server\'s connection enter when this FIN arrives?', '这个 FIN 到达时，服务器的连接将进入什么状态？'),
        options: stateOptions('FIN_WAIT_1', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSED'),
        answer: (v) => connStateAt(v, 'server', v.at({ ...CLIENT_FIN, event: 'deliver' })),
        explain: () => tx(
          'CLOSE_WAIT: the server\'s TCP acknowledges the FIN at once and waits for its own program to close. Its recv() now returns 0, the end of the stream.',
          'CLOSE_WAIT：服务器的 TCP 立即确认这个 FIN，然后等待自己的程序关闭。此时它的 recv() 返回 0，表示流结束。',
        ),
      },
    },
    {
      id: 'fin-wait-2',
      scenario: 'clientFirst',
      anchor: { type: 'segment', event: 'deliver', from: 'server', to: 'client', flags: ['ACK'], exact: true, after: CLIENT_FIN },
      narration: tx(
        'The server\'s ACK of the FIN arrives. Its program has also called close() already, so its FIN (LAST_ACK) is right behind.',
        '服务器对 FIN 的 ACK 到达。服务器程序也已经调用了 close()，所以它的 FIN（LAST_ACK 状态）紧随其后。',
      ),
      question: {
        id: 'client-after-ack',
        kind: 'choice',
        prompt: tx('Which state is the client in now?', '客户端现在处于什么状态？'),
        options: stateOptions('FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'TIME_WAIT', 'CLOSE_WAIT'),
        answer: (v) => connStateAt(v, 'client', v.at({ type: 'segment', event: 'deliver', from: 'server', to: 'client', flags: ['ACK'], exact: true, after: CLIENT_FIN })),
        explain: () => tx(
          'FIN_WAIT_2: its direction is closed and acknowledged; it waits for the server\'s FIN.',
          'FIN_WAIT_2：它这个方向已关闭并得到确认；它在等待服务器的 FIN。',
        ),
      },
    },
    {
      id: 'time-wait',
      scenario: 'clientFirst',
      anchor: TW,
      reveal: { type: 'state', host: 'client', from: 'TIME_WAIT' },
      view: 'state-machine',
      narration: tx(
        'The server\'s FIN arrives; the client acknowledges it and enters TIME_WAIT. The server closes on that last ACK.',
        '服务器的 FIN 到达；客户端确认它并进入 TIME_WAIT。服务器收到最后这个 ACK 后关闭。',
      ),
      question: {
        id: 'time-wait-length',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('For how many milliseconds will the client stay in TIME_WAIT?', '客户端将在 TIME_WAIT 中停留多少毫秒？'),
        answer: (v) => {
          const tw = v.get('state', TW);
          const end = v.trace.find((r, i) => i > v.at(TW) && r.type === 'state' && r.sid === tw.sid && r.from === 'TIME_WAIT');
          if (!end) throw new Unresolved('the end of TIME_WAIT');
          return end.t - tw.t;
        },
        explain: (v) => {
          const tw = v.get('state', TW);
          const end = v.trace.find((r, i) => i > v.at(TW) && r.type === 'state' && r.sid === tw.sid && r.from === 'TIME_WAIT')!;
          return tx(
            `${ms(end.t - tw.t).en}: 2·MSL, twice the maximum segment lifetime (Linux: MSL = 30 s, so 60 s). Long enough for any old segment of this connection to die out before the same 4-tuple can be used again.`,
            `${ms(end.t - tw.t)['zh-CN']}：2MSL，即最长报文段寿命的两倍（Linux 中 MSL = 30 秒，所以是 60 秒）。这足以让这个连接的旧报文段全部消失，之后同一个四元组才能再次使用。`,
          );
        },
      },
    },
    {
      id: 'lost-last-ack',
      scenario: 'lostAck',
      anchor: { type: 'segment', event: 'deliver', from: 'server', to: 'client', note: 'rto-retransmit' },
      reveal: { type: 'segment', from: 'client', after: { type: 'segment', event: 'deliver', from: 'server', to: 'client', note: 'rto-retransmit' } },
      narration: tx(
        'Why TIME_WAIT: here the client\'s last ACK was lost. The server, still in LAST_ACK, retransmits its FIN after a timeout, and it reaches the client in TIME_WAIT.',
        '为什么需要 TIME_WAIT：这里客户端的最后一个 ACK 丢失了。仍处于 LAST_ACK 的服务器超时后重传 FIN，它到达了处于 TIME_WAIT 的客户端。',
      ),
      question: {
        id: 'answer-to-old-fin',
        kind: 'choice',
        prompt: tx('What does the client send back?', '客户端会回复什么？'),
        options: flagOptions(['ACK'], ['RST'], ['FIN', 'ACK'], []).map((o) => (o.id === '' ? { id: 'none', label: tx('nothing', '什么也不发') } : o)),
        answer: (v) => {
          const at = v.at({ type: 'segment', event: 'deliver', from: 'server', to: 'client', note: 'rto-retransmit' });
          const next = v.trace.find((r, i) => i > at && r.type === 'segment' && r.event === 'send' && r.from === 'client');
          return next && next.type === 'segment' ? flagId(next.flags) : 'none';
        },
        explain: () => tx(
          'ACK, again, and TIME_WAIT starts over. Had the client already forgotten the connection, it would have answered RST and the server\'s close would end in an error. That is the first reason for TIME_WAIT; the second is to let old duplicates die out (next step).',
          '再次回复 ACK，TIME_WAIT 重新计时。如果客户端已经忘掉了这个连接，它会回复 RST，服务器的关闭就会以错误告终。这是 TIME_WAIT 的第一个理由；第二个理由是让旧的重复报文段消失（见下一步）。',
        ),
      },
    },
    {
      id: 'old-duplicate',
      scenario: 'stale',
      anchor: { ...STRAGGLER, before: true },
      reveal: { type: 'segment', from: 'client', after: STRAGGLER },
      narration: (v) => {
        const old = v.seg(OLD_DATA);
        const delay = v.time(STRAGGLER) - old.t;
        const tw = timeWaitOf(v, v.get('state', { type: 'state', host: 'client', to: 'TIME_WAIT' }).sid);
        const port = portOf(v.ret(CONNECT_2).sock ?? '');
        return tx(
          `Why TIME_WAIT, the second reason: old duplicates. The server's first data segment took ${ms(delay).en} to cross the network (a fault of this scenario holds it up); the server retransmitted it, and the client read it and closed first. To show the danger, this run shortens the MSL (tcp.msl), so TIME_WAIT was over after ${ms(tw).en}, long before the straggler. The client then connected again from the same port ${port}: the new connection has exactly the old 4-tuple. The old segment is about to arrive.`,
          `为什么需要 TIME_WAIT，第二个理由：旧的重复报文段。服务器的第一个数据报文段用了 ${ms(delay)['zh-CN']}才穿过网络（本场景设置的故障耽搁了它）；服务器重传了它，客户端读到数据后先关闭了连接。为了显示其中的危险，本次运行缩短了 MSL（tcp.msl），于是 TIME_WAIT 在 ${ms(tw)['zh-CN']}后就结束了，远早于这个迟到的报文段。随后客户端又从同一个端口 ${port} 发起连接：新连接的四元组与旧连接完全相同。旧报文段即将到达。`,
        );
      },
      question: {
        id: 'old-duplicate-fate',
        kind: 'choice',
        prompt: (v) => tx(
          `What will the client's TCP do with the ${v.seg(STRAGGLER).len} bytes of this old segment?`,
          `客户端的 TCP 将如何处理这个旧报文段的 ${v.seg(STRAGGLER).len} 字节？`,
        ),
        options: [
          { id: 'accepted', label: tx('hand them to the new connection\'s program as data', '当作数据交给新连接的程序') },
          { id: 'discarded', label: tx('drop them and only send an ACK: they are not what the new connection expects', '丢弃它们，只回一个 ACK：它们不是新连接期待的数据') },
          { id: 'rst', label: tx('answer with RST: their connection no longer exists', '回复 RST：它们所属的连接已经不存在') },
        ],
        answer: (v) => oldDuplicateFate(v),
        explain: (v) => {
          const s = v.seg(STRAGGLER);
          const reply = v.seg({ type: 'segment', from: 'client', after: STRAGGLER });
          const fate = oldDuplicateFate(v);
          const head = fate === 'discarded'
            ? tx(
              `Dropped, with an ACK (ack ${reply.ack}): the segment carries sequence number ${s.seq}, but the new connection started from a new random ISN, expects ${reply.ack} next and accepts at most ${reply.win} bytes from there. The 4-tuple did not catch it — the stack handed the segment to the new connection — only the sequence check did: with random ISNs a good chance, not a guarantee.`,
              `丢弃，并回一个 ACK（ack ${reply.ack}）：这个报文段的序号是 ${s.seq}，而新连接从新的随机 ISN 开始，期待的下一个序号是 ${reply.ack}，从那里起最多接收 ${reply.win} 字节。拦住它的不是四元组——协议栈已经把这个报文段交给了新连接——而只是序号检查：有了随机 ISN，这种检查很可能奏效，但并不保证。`,
            )
            : fate === 'accepted'
              ? tx('Accepted: its sequence numbers fell inside the new connection\'s window, and old bytes became new data.', '被接收了：它的序号恰好落在新连接的窗口之内，旧字节变成了新数据。')
              : tx('RST: no connection had that 4-tuple any more.', 'RST：已经没有连接使用这个四元组了。');
          return tx(
            `${head.en} TIME_WAIT lasts 2·MSL so that no segment of an old connection is still in the network when its 4-tuple is used again. With Linux's MSL (30 s) this second connect() from port ${portOf(v.ret(CONNECT_2).sock ?? '')} would have failed with EADDRNOTAVAIL while the old connection was in TIME_WAIT, and the straggler would have met that TIME_WAIT, which knows the bytes are old.`,
            `${head['zh-CN']}TIME_WAIT 持续 2MSL，就是为了在四元组被再次使用之前，让旧连接的报文段全部从网络中消失。如果用 Linux 的 MSL（30 秒），在旧连接处于 TIME_WAIT 期间，从 ${portOf(v.ret(CONNECT_2).sock ?? '')} 端口发起的第二次 connect() 会以 EADDRNOTAVAIL 失败，而迟到的报文段遇到的将是那个 TIME_WAIT，它知道这些字节是旧的。`,
          );
        },
      },
    },
    {
      id: 'close-wait-forever',
      scenario: 'leak',
      anchor: { type: 'end' },
      view: 'state-machine',
      narration: tx(
        'The server read the end of the stream but never called close(). Its connection stays in CLOSE_WAIT for as long as the program runs; with many clients such sockets pile up. The client gave up waiting in FIN_WAIT_2 after 60 s (Linux\'s tcp_fin_timeout).',
        '服务器读到了流的结束，却从未调用 close()。只要程序还在运行，它的连接就一直停在 CLOSE_WAIT；客户端一多，这样的套接字就会越积越多。客户端在 FIN_WAIT_2 中等了 60 秒后放弃（Linux 的 tcp_fin_timeout）。',
      ),
      question: {
        id: 'leaked-state',
        kind: 'choice',
        prompt: tx('At the end of the run, which state is the server\'s connection in?', '运行结束时，服务器的连接处于什么状态？'),
        options: stateOptions('CLOSED', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'FIN_WAIT_2'),
        answer: (v) => connStateAt(v, 'server', v.trace.length - 1),
        explain: (v) => {
          const sid = connAt(v, 'server', v.trace.length - 1);
          return tx(
            `${v.stateOf(sid, v.trace.length - 1)}: it went ${statesOf(v, sid).join(' → ')} and no FIN of its own ever left, because only close() (or shutdown) sends it.`,
            `${v.stateOf(sid, v.trace.length - 1)}：它经历了 ${statesOf(v, sid).join(' → ')}，自己的 FIN 从未发出，因为只有 close()（或 shutdown）才会发送它。`,
          );
        },
      },
    },
    {
      id: 'half-close',
      scenario: 'half',
      anchor: { type: 'return', host: 'client', op: 'shutdown' },
      reveal: { type: 'return', host: 'client', op: 'recv' },
      narration: tx(
        'Half-close: the client sent its request and called shutdown(SHUT_WR). A FIN went out, so the server\'s recv() will see the end of the request, but the client can still receive.',
        '半关闭：客户端发出请求后调用 shutdown(SHUT_WR)。FIN 已经发出，所以服务器的 recv() 会读到请求的结尾，但客户端仍然可以接收数据。',
      ),
      question: {
        id: 'recv-after-shutdown',
        kind: 'choice',
        prompt: tx('What will the client\'s first recv() return?', '客户端的第一次 recv() 将返回什么？'),
        options: (v) => dataOptions(v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })), ['', 'request body']),
        answer: (v) => v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })),
        explain: (v) => tx(
          `${show(v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })))}: the server's reply. shutdown(SHUT_WR) closed only the sending direction; close() would have closed both.`,
          `${show(v.received(v.ret({ type: 'return', host: 'client', op: 'recv' })))}：服务器的回复。shutdown(SHUT_WR) 只关闭了发送方向；而 close() 会把两个方向都关闭。`,
        ),
      },
    },
    {
      id: 'simultaneous',
      scenario: 'both',
      anchor: SERVER_FIN,
      reveal: { type: 'state', host: 'client', to: 'CLOSING' },
      view: 'state-machine',
      narration: tx(
        'Both programs call close() at the same moment: two FINs cross on the way. Either side may close first, and here both do.',
        '两个程序在同一时刻调用 close()：两个 FIN 在路上交错而过。任何一方都可以先关闭，这里两方同时关闭。',
      ),
      question: {
        id: 'closing',
        kind: 'choice',
        prompt: tx('The client is in FIN_WAIT_1. Which state will it enter when the server\'s FIN arrives?', '客户端处于 FIN_WAIT_1。服务器的 FIN 到达时，它将进入什么状态？'),
        options: stateOptions('FIN_WAIT_2', 'CLOSING', 'TIME_WAIT', 'CLOSE_WAIT'),
        answer: (v) => connStateAt(v, 'client', v.at({ ...SERVER_FIN, event: 'deliver' })),
        explain: (v) => tx(
          `CLOSING: a FIN arrived before the ACK of its own FIN. Both sides then go to TIME_WAIT: ${statesOf(v, connAt(v, 'client', v.trace.length - 1)).join(' → ')}.`,
          `CLOSING：在自己的 FIN 得到确认之前收到了对方的 FIN。随后两方都进入 TIME_WAIT：${statesOf(v, connAt(v, 'client', v.trace.length - 1)).join(' → ')}。`,
        ),
      },
    },
    {
      id: 'server-closes-first',
      scenario: 'serverFirst',
      anchor: { type: 'segment', from: 'server', flags: ['FIN'] },
      reveal: { type: 'state', to: 'TIME_WAIT' },
      narration: tx(
        'Now the server closes first. The roles swap: the server is the active closer, the client the passive one.',
        '这次服务器先关闭。角色互换：服务器是主动关闭方，客户端是被动关闭方。',
      ),
      question: {
        id: 'who-time-waits',
        kind: 'choice',
        prompt: tx('Which side will wait in TIME_WAIT?', '哪一方将在 TIME_WAIT 中等待？'),
        options: [{ id: 'client', label: tx('the client', '客户端') }, { id: 'server', label: tx('the server', '服务器') }, { id: 'both', label: tx('both', '两方都会') }],
        answer: (v) => {
          const hosts = [...new Set(v.all('state', (r) => r.to === 'TIME_WAIT').map((r) => r.host))];
          if (hosts.length === 0) throw new Unresolved('TIME_WAIT');
          return hosts.length > 1 ? 'both' : hosts[0];
        },
        explain: () => tx(
          'The server: TIME_WAIT belongs to whoever closes first. A busy server that closes first collects TIME_WAIT sockets, and restarting it then needs SO_REUSEADDR to bind its port (lesson 10).',
          '服务器：谁先关闭，谁就进入 TIME_WAIT。先关闭连接的繁忙服务器会积累大量 TIME_WAIT 套接字，此时重启它需要 SO_REUSEADDR 才能绑定端口（第 10 课）。',
        ),
      },
    },
  ],
};
