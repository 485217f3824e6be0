// Lesson 9: serving many clients — an iterative server and the accept queue, backlog overflow,
// and the three designs drawn as what the server does over time: a thread per connection, a pool
// of threads blocking in accept(), one event loop with non-blocking sockets and poll().
// Blocking vs non-blocking, synchronous vs asynchronous.
import type { Lesson } from '../types';
import { Unresolved } from '../traceView';
import type { TraceView } from '../traceView';
import { ms, tx } from './helpers';
import { programName } from '../../i18n/programNames';

/** From c3's connect() to the return of its recv() with the response. */
function c3Wait(v: TraceView): number {
  return v.time({ type: 'return', host: 'c3', op: 'recv' }) - v.time({ type: 'call', host: 'c3', op: 'connect' });
}

const C3_REPLY = { type: 'return', host: 'c3', op: 'recv' } as const;

export const lesson09: Lesson = {
  id: 'many-clients',
  number: 9,
  title: tx('Serving many clients', '并发服务'),
  summary: tx(
    'One listening socket, many connected sockets. Serve one client at a time and the others wait; a thread per connection, a thread pool, or one event loop with non-blocking sockets and poll() serve them together.',
    '一个监听套接字，多个已连接套接字。一次只服务一个客户端，其他客户端就得等待；每连接一个线程、线程池，或者用一个基于非阻塞套接字和 poll() 的事件循环，就能同时服务它们。',
  ),
  terms: [
    { en: 'concurrent server', zh: '并发服务器' }, { en: 'accept queue / backlog', zh: '全连接队列 / backlog' }, { en: 'thread pool', zh: '线程池' },
    { en: 'event loop', zh: '事件循环' }, { en: 'blocking / non-blocking', zh: '阻塞 / 非阻塞' }, { en: 'synchronous / asynchronous', zh: '同步 / 异步' },
    { en: 'I/O multiplexing (select/poll/epoll)', zh: 'I/O 多路复用' },
  ],
  scenarios: {
    iter: { lesson: 'iterative-server' }, backlog: { builtin: 'backlog-overflow' }, perConn: { lesson: 'thread-per-connection' },
    pool: { lesson: 'thread-pool' }, loop: { lesson: 'event-loop' }, nb: { lesson: 'nonblocking-eagain' },
  },
  steps: [
    {
      id: 'accept-queue',
      scenario: 'iter',
      anchor: { type: 'return', host: 'server', op: 'accept', nth: 2 },
      narration: tx(
        'Only now does the server call accept() for c2. The connection had been complete and queued for a while: accept() does not create connections, it takes finished ones off the accept queue.',
        '直到现在服务器才为 c2 调用 accept()。这个连接早已完成并在队列中排队：accept() 并不创建连接，它只是从全连接队列中取出已完成的连接。',
      ),
      question: {
        id: 'queued-time',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('How long had c2\'s established connection waited in the accept queue?', 'c2 已建立的连接在全连接队列中等了多久？'),
        answer: (v) => {
          const r = v.ret({ type: 'return', host: 'server', op: 'accept', nth: 2 });
          const est = v.all('state', (s) => s.sid === r.sid && s.to === 'ESTABLISHED')[0];
          if (!est) throw new Unresolved('the connection becoming established');
          return r.t - est.t;
        },
        explain: (v) => {
          const r = v.ret({ type: 'return', host: 'server', op: 'accept', nth: 2 });
          const est = v.all('state', (s) => s.sid === r.sid && s.to === 'ESTABLISHED')[0];
          return tx(
            `${ms(r.t - est.t).en}: ESTABLISHED at ${est.t} ms, accepted at ${r.t} ms. The listen() backlog bounds how many such connections may wait.`,
            `${ms(r.t - est.t)['zh-CN']}：${est.t} 毫秒时进入 ESTABLISHED，${r.t} 毫秒时才被 accept。listen() 的 backlog 参数限制了最多能有多少个这样的连接排队。`,
          );
        },
      },
    },
    {
      id: 'iterative',
      scenario: 'iter',
      anchor: { ...C3_REPLY, before: true },
      view: 'threads',
      narration: tx(
        'An iterative server, not yet a concurrent one: one thread accepts a client, spends 200 ms on its request, closes, and only then accepts the next. Three clients connect 10 ms apart.',
        '循环服务器，还谈不上并发服务：一个线程接受一个客户端，花 200 毫秒处理它的请求，关闭连接，然后才接受下一个。三个客户端相隔 10 毫秒先后连接。',
      ),
      question: {
        id: 'c3-wait-iterative',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('How long will client c3 wait, from its connect() to its response?', '客户端 c3 从调用 connect() 到收到响应，要等待多久？'),
        answer: c3Wait,
        tolerance: 0,
        explain: (v) => tx(
          `${ms(c3Wait(v)).en}: its connection was established at once (the kernel completes handshakes by itself), but it waited in the accept queue while c1 and c2 were served one after the other.`,
          `${ms(c3Wait(v))['zh-CN']}：它的连接立即就建立了（握手由内核自己完成），但它在全连接队列中等待，而 c1 和 c2 被依次服务。`,
        ),
      },
    },
    {
      id: 'backlog-overflow',
      scenario: 'backlog',
      // Before listen(): from then on the sockets panel prints the queue's capacity.
      anchor: { type: 'call', host: 'server', op: 'listen', before: true },
      reveal: { type: 'segment', event: 'drop', reason: 'backlog' },
      narration: tx(
        'A server that calls listen(1) and then does not call accept() for 1.5 s, while four clients connect. Completed connections wait in the accept queue until accept() takes them.',
        '服务器调用 listen(1)，之后 1.5 秒内不调用 accept()，而有四个客户端来连接。已完成的连接在全连接队列中等待，直到 accept() 把它们取走。',
      ),
      question: {
        id: 'accept-max',
        kind: 'number',
        prompt: tx('How many established connections will be able to wait in this listener\'s accept queue?', '这个监听套接字的全连接队列中最多能有几个已建立的连接在等待？'),
        answer: (v) => v.get('queue', { type: 'queue', host: 'server' }).acceptMax,
        explain: (v) => {
          const q = v.get('queue', { type: 'queue', host: 'server' });
          return tx(
            `${q.acceptMax}: listen(1) under Linux allows backlog + 1 (the rfc profile allows exactly the backlog). Once the queue is full, the server drops the other clients' handshake ACKs: their connect() already returned, but the server has no room for them, so they retransmit and wait. They are not refused, just kept waiting.`,
            `${q.acceptMax} 个：Linux 下 listen(1) 允许 backlog + 1 个（rfc 配置恰好允许 backlog 个）。队列满了以后，服务器丢弃其他客户端的握手 ACK：这些客户端的 connect() 已经返回，但服务器没有地方放它们，于是它们只能重传并等待。它们并没有被拒绝，只是被迫等待。`,
          );
        },
      },
    },
    {
      id: 'thread-per-connection',
      scenario: 'perConn',
      anchor: { ...C3_REPLY, before: true },
      view: 'threads',
      narration: tx(
        'A thread per connection: the main thread only calls accept(), and starts a new thread (pthread_create) for each connection. Each thread blocks in its own recv() and sleeps through its own 200 ms of work.',
        '每个连接一个线程：主线程只调用 accept()，并为每个连接启动一个新线程（pthread_create）。每个线程在自己的 recv() 上阻塞，各自完成 200 毫秒的工作。',
      ),
      question: {
        id: 'c3-wait-threads',
        kind: 'number',
        unit: tx('ms', '毫秒'),
        prompt: tx('Same three clients. How long will c3 wait now, from connect() to its response?', '同样的三个客户端。现在 c3 从 connect() 到收到响应要等多久？'),
        answer: c3Wait,
        explain: (v) => tx(
          `${ms(c3Wait(v)).en}: one round trip, the request and 200 ms of work, whatever the other clients do. The cost: a thread (with its stack) for every client.`,
          `${ms(c3Wait(v))['zh-CN']}：一个往返、请求本身和 200 毫秒的处理，与其他客户端无关。代价是每个客户端都要一个线程（以及它的栈）。`,
        ),
      },
    },
    {
      id: 'thread-pool',
      scenario: 'pool',
      anchor: { type: 'return', host: 'server', op: 'accept', nth: 3, before: true },
      view: 'threads',
      narration: tx(
        'A thread pool: two threads, started in advance, both block in accept() on the same listening socket, and the kernel gives each new connection to one of them. c1 and c2 are being served; c3 has connected.',
        '线程池：预先启动的两个线程都在同一个监听套接字上阻塞于 accept()，内核把每个新连接交给其中一个线程。c1 和 c2 正在被服务；c3 已经连上。',
      ),
      question: {
        id: 'who-takes-c3',
        kind: 'choice',
        prompt: tx('Which thread will accept c3\'s connection?', '哪个线程将 accept c3 的连接？'),
        options: (v) => v.scenario.programs.map((p, i) => ({ p, i })).filter(({ p }) => p.host === 'server').map(({ p, i }) => ({ id: String(i), label: tx(p.name ?? `program ${i}`, programName(p.name, 'zh-CN') ?? `程序 ${i}`) })),
        answer: (v) => String(v.ret({ type: 'return', host: 'server', op: 'accept', nth: 3 }).prog),
        explain: (v) => {
          const r = v.ret({ type: 'return', host: 'server', op: 'accept', nth: 3 });
          const name = v.scenario.programs[r.prog].name ?? `program ${r.prog}`;
          return tx(
            `${name}, at ${r.t} ms: the first thread to finish its client went back to accept(). c3 waited for a free thread: a pool bounds the threads, and the waiting, to its size.`,
            `${programName(name, 'zh-CN')}，在 ${r.t} 毫秒：最先处理完客户端的线程回到了 accept()。c3 一直等到有线程空闲：线程池限定了线程数，也就限定了同时服务的数量。`,
          );
        },
      },
    },
    {
      id: 'event-loop',
      scenario: 'loop',
      anchor: { type: 'return', host: 'server', op: 'poll', nth: 2 },
      view: 'threads',
      narration: tx(
        'An event loop: one thread, every socket non-blocking. It waits in poll() on the listener and its connections together, and each time does only what poll() said is ready: accept() on the listener, recv() on a connection. (select() and Linux\'s epoll do the same job.)',
        '事件循环：一个线程，所有套接字都是非阻塞的。它在 poll() 中同时等待监听套接字和各个连接，每次只做 poll() 报告为就绪的事：在监听套接字上 accept()，在连接上 recv()。（select() 和 Linux 的 epoll 做的是同样的事。）',
      ),
      question: {
        id: 'loop-threads',
        kind: 'number',
        prompt: tx('How many threads does this server use to serve all three clients?', '这个服务器用了几个线程来服务全部三个客户端？'),
        answer: (v) => v.all('program', (p) => p.host === 'server' && p.event === 'start').length,
        explain: (v) => {
          const polls = v.all('return', (r) => r.host === 'server' && r.op === 'poll').length;
          return tx(
            `${v.all('program', (p) => p.host === 'server' && p.event === 'start').length}: one thread and ${polls} poll() calls. It suits servers that mostly wait for the network; long work on one request would hold up everyone, which is why this loop answers at once instead of spending 200 ms.`,
            `${v.all('program', (p) => p.host === 'server' && p.event === 'start').length} 个：一个线程，调用了 ${polls} 次 poll()。它适合大部分时间都在等待网络的服务器；处理某个请求的耗时工作会拖住所有人，所以这个事件循环立即应答，而没有花 200 毫秒。`,
          );
        },
      },
    },
    {
      id: 'non-blocking',
      scenario: 'nb',
      anchor: { type: 'return', host: 'server', op: 'recv', before: true },
      narration: tx(
        'Blocking or not: this server made its connected socket non-blocking (O_NONBLOCK) and calls recv() before any data has arrived.',
        '阻塞还是非阻塞：这个服务器把已连接套接字设为非阻塞（O_NONBLOCK），并在任何数据到达之前调用 recv()。',
      ),
      question: {
        id: 'nonblocking-recv',
        kind: 'choice',
        prompt: tx('What will this recv() do?', '这次 recv() 会怎样？'),
        options: [
          { id: 'block', label: tx('wait until data arrives', '一直等到数据到达') },
          { id: 'zero', label: tx('return 0', '返回 0') },
          { id: 'EAGAIN', label: tx('fail at once with EAGAIN (EWOULDBLOCK)', '立即以 EAGAIN（EWOULDBLOCK）失败') },
          { id: 'ECONNRESET', label: tx('fail with ECONNRESET', '以 ECONNRESET 失败') },
        ],
        answer: (v) => {
          const call = v.get('call', { type: 'call', host: 'server', op: 'recv' });
          const r = v.ret({ type: 'return', host: 'server', op: 'recv' });
          if (r.error) return r.error;
          if (r.t > call.t) return 'block';
          return 'zero';
        },
        explain: () => tx(
          'EAGAIN, at once: a non-blocking call never waits; "nothing yet" is an error the program must handle, typically by waiting in poll() and trying again, as it does next. Both are still synchronous I/O: the program asks and gets an answer. Asynchronous I/O (POSIX aio, io_uring, Windows IOCP) hands the whole operation to the kernel and is told when it has completed.',
          'EAGAIN，立即返回：非阻塞调用从不等待；"暂时没有数据"是程序必须处理的错误，通常的做法是在 poll() 中等待后再试，正如它接下来所做的。这两种方式都还是同步 I/O：程序发出请求并得到回答。异步 I/O（POSIX aio、io_uring、Windows IOCP）则把整个操作交给内核，完成后再通知程序。',
        ),
      },
    },
  ],
};
