// Lesson 10: the errors the API returns and what causes each on the wire — ECONNREFUSED (RST to a
// SYN), ETIMEDOUT (no answer), ECONNRESET (RST), EPIPE, EADDRINUSE and SO_REUSEADDR, EAGAIN,
// and errors that never reach the network (ENOTCONN, EMSGSIZE).
import type { Errno } from '../../sim/trace/records';
import type { Anchor, Lesson, Question } from '../types';
import { errnoOf, errnoOptions, tx } from './helpers';
import type { L10n } from '../types';
import type { TraceView } from '../traceView';
import { PROFILES } from '../../sim';

/** "What will this call return?" with the answer taken from the return record. */
function errnoQuestion(id: string, prompt: L10n, ret: Anchor & { type: 'return' }, options: (Errno | 'OK')[], why: L10n): Question {
  return {
    id,
    kind: 'choice',
    prompt,
    options: errnoOptions(...options),
    answer: (v) => errnoOf(v.ret(ret)),
    explain: (v) => {
      const e = errnoOf(v.ret(ret));
      return tx(`${e === 'OK' ? 'It succeeds' : e}. ${why.en}`, `${e === 'OK' ? '调用成功' : e}。${why['zh-CN']}`);
    },
  };
}

const CONNECT = { type: 'return', host: 'client', op: 'connect' } as const;
const SYN = { type: 'segment', from: 'client', flags: ['SYN'] } as const;
const LAST_SYN = { ...SYN, last: true } as const;

const synsSent = (v: TraceView): number => v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.flags.includes('SYN')).length;

/** The scenario's SYN retry limit (its profile's default when it sets none). */
function synRetries(v: TraceView): number {
  return v.scenario.tcp?.synRetries ?? PROFILES[v.scenario.tcp?.profile ?? 'linux'].synRetries;
}

export const lesson10: Lesson = {
  id: 'errors',
  number: 10,
  title: tx('Errors and their causes on the wire', '错误码及其在网络上的成因'),
  summary: tx(
    'Each errno has a cause you can see: a RST answering a SYN (ECONNREFUSED), silence (ETIMEDOUT), a RST on a connection (ECONNRESET), writing to a dead connection (EPIPE), a port in use (EADDRINUSE), nothing ready on a non-blocking socket (EAGAIN).',
    '每个错误码都有看得见的成因：对 SYN 回复的 RST（ECONNREFUSED）、毫无回音（ETIMEDOUT）、连接上的 RST（ECONNRESET）、向已失效的连接写数据（EPIPE）、端口被占用（EADDRINUSE）、非阻塞套接字上没有就绪的数据（EAGAIN）。',
  ),
  terms: [
    { en: 'error code (errno)', zh: '错误码' }, { en: 'connection refused', zh: '连接被拒绝' }, { en: 'connection reset', zh: '连接被重置' },
    { en: 'address already in use', zh: '地址已被占用' },
  ],
  scenarios: {
    refused: { builtin: 'refused' }, timeout: { lesson: 'connect-timeout' }, reset: { builtin: 'abortive-close' }, pipe: { lesson: 'epipe' },
    inuse: { lesson: 'addr-in-use' }, loop: { lesson: 'event-loop' }, misuse: { lesson: 'api-misuse' },
  },
  steps: [
    {
      id: 'refused',
      scenario: 'refused',
      anchor: { type: 'segment', from: 'client', flags: ['SYN'] },
      reveal: CONNECT,
      narration: tx('Every error code in this lesson has a cause you can see. First: the client connects to port 8080 of the server, where nothing listens.', '本课的每个错误码都有看得见的成因。第一个：客户端连接服务器的 8080 端口，那里没有任何套接字在监听。'),
      question: errnoQuestion('refused-errno', tx('What will connect() return?', 'connect() 将返回什么？'), CONNECT, ['OK', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET'],
        tx('The server\'s TCP has no listener on that port and answers the SYN with RST: "nobody here". The answer comes back in one round trip.',
          '服务器的 TCP 在那个端口上没有监听套接字，于是用 RST 回答这个 SYN："这里没人"。这个回答在一个往返时间内就回来了。')),
    },
    {
      id: 'timeout-syns',
      scenario: 'timeout',
      anchor: SYN,
      reveal: LAST_SYN,
      narration: (v) => tx(
        `This time no host has the address at all. Nothing will answer the SYN: no SYN+ACK, no RST. The client retransmits its SYN when its timer expires, at most tcp.synRetries times: ${synRetries(v)} here (Linux's default is 6, about two minutes).`,
        `这次根本没有主机使用这个地址。没有任何东西会回应这个 SYN：没有 SYN+ACK，也没有 RST。计时器每次超时，客户端就重传 SYN，最多重传 tcp.synRetries 次：这里是 ${synRetries(v)} 次（Linux 默认为 6 次，大约两分钟）。`,
      ),
      question: {
        id: 'syns-sent',
        kind: 'number',
        prompt: tx('How many SYNs will the client send in all before it gives up?', '客户端在放弃之前一共会发送多少个 SYN？'),
        answer: (v) => synsSent(v),
        explain: (v) => tx(
          `${synsSent(v)}: the first SYN and ${synsSent(v) - 1} retransmissions, the last one at ${v.time(LAST_SYN)} ms. A retry count of n means n + 1 SYNs on the wire.`,
          `${synsSent(v)} 个：第一个 SYN 加上 ${synsSent(v) - 1} 次重传，最后一次在 ${v.time(LAST_SYN)} 毫秒。重试次数为 n，线路上就有 n + 1 个 SYN。`,
        ),
      },
    },
    {
      id: 'timeout',
      scenario: 'timeout',
      anchor: LAST_SYN,
      reveal: CONNECT,
      narration: tx(
        'The last retransmission of the SYN has gone out, unanswered like the others. connect() is still blocked.',
        'SYN 的最后一次重传已经发出，和之前的一样没有回应。connect() 仍然阻塞着。',
      ),
      question: {
        ...errnoQuestion('timeout-errno', tx('What will connect() finally return?', 'connect() 最终将返回什么？'), CONNECT, ['OK', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH'],
          tx('Silence is not a refusal: after the last retry the kernel gives up.', '没有回音并不等于拒绝：最后一次重试之后，内核放弃了。')),
        explain: (v) => {
          const r = v.ret(CONNECT);
          const syns = v.all('segment', (s) => s.event === 'send' && s.from === 'client' && s.flags.includes('SYN')).length;
          return tx(
            `${errnoOf(r)}, at ${r.t} ms, after ${syns} SYNs. Silence is not a refusal: the kernel waited through every retry before giving up.`,
            `${errnoOf(r)}，在 ${r.t} 毫秒，共发出 ${syns} 个 SYN。没有回音并不等于拒绝：内核等完了所有重试才放弃。`,
          );
        },
      },
    },
    {
      id: 'reset',
      scenario: 'reset',
      anchor: { type: 'segment', from: 'client', flags: ['RST'] },
      reveal: { type: 'return', host: 'server', op: 'recv', nth: 2 },
      narration: tx(
        'The client set SO_LINGER to 0 and called close(): an abortive close. Instead of a FIN it sends RST, and throws away anything unsent. The server is blocked in recv().',
        '客户端把 SO_LINGER 设为 0 后调用 close()：这是异常关闭。它不发 FIN 而是发 RST，并丢弃所有未发送的数据。服务器正阻塞在 recv() 上。',
      ),
      question: errnoQuestion('reset-errno', tx('What will the server\'s recv() return?', '服务器的 recv() 将返回什么？'), { type: 'return', host: 'server', op: 'recv', nth: 2 }, ['OK', 'ECONNRESET', 'EPIPE', 'ENOTCONN'],
        tx('A RST kills the connection at once: no TIME_WAIT, no orderly end of stream (which would be recv() returning 0).',
          'RST 立即终止连接：没有 TIME_WAIT，也没有有序的流结束（那会是 recv() 返回 0）。')),
    },
    {
      id: 'epipe',
      scenario: 'pipe',
      anchor: { type: 'segment', event: 'deliver', from: 'server', to: 'client', flags: ['RST'] },
      reveal: { type: 'return', host: 'client', op: 'send', nth: 3 },
      narration: tx(
        'The server closed its socket; the client sent "first" anyway, and the server\'s TCP, which no longer has a socket for it, answered RST. The client has not called anything since.',
        '服务器关闭了它的套接字；客户端仍然发送了 "first"，服务器的 TCP 已没有接收它的套接字，于是回复 RST。此后客户端还没有调用任何函数。',
      ),
      question: {
        ...errnoQuestion('epipe-errno', tx('The client will call send() twice more. What will the second of them return?', '客户端还会调用两次 send()。其中第二次将返回什么？'),
          { type: 'return', host: 'client', op: 'send', nth: 3 }, ['OK', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED'], tx('', '')),
        explain: (v) => {
          const a = errnoOf(v.ret({ type: 'return', host: 'client', op: 'send', nth: 2 }));
          const b = errnoOf(v.ret({ type: 'return', host: 'client', op: 'send', nth: 3 }));
          return tx(
            `${b}. The first call after the RST reported the reset (${a}); after that the connection is simply gone and writing fails with ${b}. A real process also gets the SIGPIPE signal, which ends it unless it is ignored (or MSG_NOSIGNAL is used).`,
            `${b}。RST 之后的第一次调用报告了连接被重置（${a}）；此后连接已不存在，写入以 ${b} 失败。真实的进程还会收到 SIGPIPE 信号，除非忽略它（或使用 MSG_NOSIGNAL），否则进程会被终止。`,
          );
        },
      },
    },
    {
      id: 'addr-in-use',
      scenario: 'inuse',
      anchor: { type: 'return', host: 'server', op: 'bind', nth: 2, before: true },
      narration: tx('A second server program on the same host tries to bind port 7 while the first one listens there.', '同一主机上的第二个服务器程序试图绑定 7 号端口，而第一个程序正在那里监听。'),
      question: errnoQuestion('inuse-errno', tx('What will its bind() return?', '它的 bind() 将返回什么？'), { type: 'return', host: 'server', op: 'bind', nth: 2 }, ['OK', 'EADDRINUSE', 'EACCES', 'EINVAL'],
        tx('One service per port: another socket is bound to port 7 already.', '一个端口只能有一个服务：已经有另一个套接字绑定了 7 号端口。')),
    },
    {
      id: 'time-wait-rebind',
      scenario: 'inuse',
      anchor: { type: 'return', host: 'server', op: 'bind', nth: 3, before: true },
      view: 'state-machine',
      narration: tx(
        'The first server closed its connection first, so the connection waits in TIME_WAIT on port 7. The server restarts and binds port 7 again with a fresh socket.',
        '第一个服务器先关闭了连接，所以这个连接在 7 号端口上处于 TIME_WAIT。服务器重启，用一个新的套接字再次绑定 7 号端口。',
      ),
      question: {
        ...errnoQuestion('time-wait-errno', tx('The new socket has not set SO_REUSEADDR. What will bind() return?', '新套接字没有设置 SO_REUSEADDR。bind() 将返回什么？'),
          { type: 'return', host: 'server', op: 'bind', nth: 3 }, ['OK', 'EADDRINUSE', 'ECONNRESET'], tx('', '')),
        explain: (v) => {
          const a = errnoOf(v.ret({ type: 'return', host: 'server', op: 'bind', nth: 3 }));
          const b = errnoOf(v.ret({ type: 'return', host: 'server', op: 'bind', nth: 4 }));
          return tx(
            `${a}: a connection in TIME_WAIT still holds the port. After setsockopt(SO_REUSEADDR) the next bind() gives ${b === 'OK' ? 'success' : b}: that is why servers set it before bind().`,
            `${a}：处于 TIME_WAIT 的连接仍然占着这个端口。调用 setsockopt(SO_REUSEADDR) 之后，下一次 bind() ${b === 'OK' ? '成功了' : `返回 ${b}`}：这就是服务器总在 bind() 之前设置它的原因。`,
          );
        },
      },
    },
    {
      id: 'eagain',
      scenario: 'loop',
      anchor: { type: 'return', host: 'server', op: 'accept', error: true, before: true },
      narration: tx(
        'The event-loop server calls accept() once more on its non-blocking listener, although poll() did not say a new connection was waiting.',
        '事件循环服务器在它的非阻塞监听套接字上又调用了一次 accept()，尽管 poll() 并没有报告有新的连接在等待。',
      ),
      question: errnoQuestion('eagain-errno', tx('What will this accept() return?', '这次 accept() 将返回什么？'), { type: 'return', host: 'server', op: 'accept', error: true }, ['OK', 'EAGAIN', 'ECONNREFUSED', 'EINTR'],
        tx('A non-blocking call that would have to wait fails with EAGAIN (also called EWOULDBLOCK) instead. It is not a failure of the connection, only "try again later".',
          '需要等待的非阻塞调用改为以 EAGAIN（也叫 EWOULDBLOCK）失败。这不是连接出了问题，只是"稍后再试"。')),
    },
    {
      id: 'local-errors',
      scenario: 'misuse',
      anchor: { type: 'return', host: 'client', op: 'sendto', before: true },
      narration: tx(
        'Some errors never touch the network. recv() on a TCP socket that was never connected returned ENOTCONN. Others depend on the system: EACCES/EPERM (e.g. binding a port below 1024 without privilege, or a firewall), EINTR (a signal interrupted a blocking call; just call again). The simulator models neither privileges nor signals.',
        '有些错误根本不涉及网络。在从未连接的 TCP 套接字上调用 recv() 返回了 ENOTCONN。还有一些取决于系统：EACCES/EPERM（例如没有权限却绑定 1024 以下的端口，或被防火墙拦截）、EINTR（阻塞调用被信号打断；再调用一次即可）。模拟器既不模拟权限也不模拟信号。',
      ),
      question: errnoQuestion('emsgsize-errno', tx('The client now calls sendto() with 70,000 bytes on a UDP socket. What will it return?', '客户端现在在 UDP 套接字上调用 sendto()，发送 70000 字节。它将返回什么？'), { type: 'return', host: 'client', op: 'sendto' }, ['OK', 'EMSGSIZE', 'EAGAIN', 'ENOTCONN'],
        tx('A UDP datagram must fit in one IPv4 packet: at most 65,507 bytes of data. Nothing is sent; a TCP socket would simply have split the bytes into segments.',
          'UDP 数据报必须装进一个 IPv4 分组：数据最多 65507 字节。这次什么也没有发送；换成 TCP 套接字，这些字节会被直接切分成多个报文段。')),
    },
  ],
};
