// Lesson 5: the four-way close — FIN_WAIT_1/2, CLOSE_WAIT, LAST_ACK, TIME_WAIT for 2·MSL and
// why (a lost last ACK, old duplicates); CLOSE_WAIT left by a server that never closes; half-close
// with shutdown(); simultaneous close; either side may close first.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import { connAt, connStateAt, dataOptions, flagId, flagOptions, ms, show, stateOptions, statesOf, tx } from './helpers';

const CLIENT_FIN = { type: 'segment', from: 'client', flags: ['FIN'] } as const;
const SERVER_FIN = { type: 'segment', from: 'server', flags: ['FIN'] } as const;
const TW = { type: 'state', host: 'client', to: 'TIME_WAIT' } as const;

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
  },
  steps: [
    {
      id: 'first-fin',
      scenario: 'clientFirst',
      anchor: CLIENT_FIN,
      reveal: { type: 'state', host: 'server', to: 'CLOSE_WAIT' },
      view: 'state-machine',
      narration: tx(
        'The client calls close(): it sends a FIN and enters FIN_WAIT_1. It is the active closer.',
        '客户端调用 close()：它发出 FIN，进入 FIN_WAIT_1。它是主动关闭的一方。',
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
          'ACK, again, and TIME_WAIT starts over. Had the client already forgotten the connection, it would have answered RST and the server\'s close would end in an error. That is the first reason for TIME_WAIT; the second is to let old duplicates die out.',
          '再次回复 ACK，TIME_WAIT 重新计时。如果客户端已经忘掉了这个连接，它会回复 RST，服务器的关闭就会以错误告终。这是 TIME_WAIT 的第一个理由；第二个理由是让旧的重复报文段消失。',
        ),
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
