// The comments the code generator (src/codegen) writes into programs, in English and Simplified
// Chinese. They explain where a language does a BSD call differently, so that a student can map
// each line back to the socket call flow.
import type { CodeLocale } from '../codegen/types';
import { programName } from './programNames';

export interface CodegenNotes {
  header(host: string, ip: string, name?: string): string;
  hoisted(name: string): string;
  noEquivalent(call: string, api: string): string;
  /** A step on a raw ICMP socket in a language whose standard library has none (Java, Node). */
  noRawSocket(call: string, lang: string, first: boolean): string;
  // Threads (spawn) and poll
  shared(name: string): string;
  thread(name?: string): string;
  join: string;
  javaSelector: string;
  jsSpawn: string;
  jsPollHelper: string;
  jsQueueHelper: string;
  // Java
  javaBindListen(cls: string): string;
  listenOnly: string;
  javaChannel: string;
  javaUdpAutoBind: string;
  javaServerOption(option: string, cls: string): string;
  // Node.js
  jsHalfOpen: string;
  jsAcceptQueue: string;
  jsInbox: string;
  jsListen: string;
  jsClientBind(addr: string): string;
  jsReuseAddrServer: string;
  jsReuseAddrDgram: string;
  jsLinger(zero: boolean): string;
  jsNonblocking(on: boolean, waitsForEvents: boolean): string;
  jsNonblockingRead: string;
  jsShutdownRdwr: string;
  jsWriteHelper: string;
  jsReadSomeHelper: string;
  jsReadNowHelper: string;
  jsSendHelper: string;
}

const en: CodegenNotes = {
  header: (host, ip, name) => `${name ? `${name}: ` : ''}program on host ${host} (${ip})`,
  hoisted: (name) => `${name}: a socket another thread (program) on this host creates`,
  noEquivalent: (call, api) => `${call}: ${api} has no equivalent`,
  noRawSocket: (call, lang, first) => (first
    ? `${call}: ${lang} has no raw sockets (SOCK_RAW) in its standard library. The C and Python versions open socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) (needs root) and recvfrom() each ICMP message the host receives, as the whole IPv4 packet (IP header + ICMP message)`
    : `${call}: no raw socket in ${lang} (see the C or Python version)`),
  shared: (name) => `${name}: shared by the threads of this process`,
  thread: (name) => `${name ? `${name}: ` : ''}a thread of this process, started by another thread`,
  join: 'wait for the threads started here: returning from main() would end the whole process',
  javaSelector: 'poll(): a Selector watches channels; they must be non-blocking to be registered',
  jsSpawn: 'a new thread: the async function runs alongside this code (Node takes turns between them at each await)',
  jsPollHelper: 'poll(): waits until a socket is readable (data, end of stream, an error) or a server has a connection waiting; resolves with the ready ones, or [] after the timeout',
  jsQueueHelper: 'a queue that poll() can look into, like the kernel\'s accept and receive queues',
  javaBindListen: (cls) => `bind() + listen(): ${cls}.bind() takes the backlog and starts listening`,
  listenOnly: 'listen() without bind(): the system picks an ephemeral port, as Linux does',
  javaChannel: 'non-blocking sockets, and sockets a Selector watches, need NIO channels (java.nio.channels)',
  javaUdpAutoBind: 'new DatagramSocket() binds an ephemeral port at once, as the first sendto() would',
  javaServerOption: (option, cls) => `${option}: set it on each accepted socket (${cls} has no such option)`,
  jsHalfOpen: "allowHalfOpen: as with a BSD socket, the peer's FIN does not close our side",
  jsAcceptQueue: 'the accept queue: connections wait here until accept() takes them',
  jsInbox: 'the receive queue: datagrams wait here until recvfrom() takes them',
  jsListen: 'bind() + listen(): net.Server.listen() does both',
  jsClientBind: (addr) => `bind(${addr}): Node binds a client socket in connect() (localAddress, localPort)`,
  jsReuseAddrServer: 'SO_REUSEADDR: Node sets it on every listening TCP socket',
  jsReuseAddrDgram: 'SO_REUSEADDR: Node sets it when it creates the socket (reuseAddr above)',
  jsLinger: (zero) => (zero
    ? 'SO_LINGER 0: Node has no setsockopt(); close() below uses resetAndDestroy(), which sends RST'
    : 'SO_LINGER: Node has no equivalent; close() returns at once'),
  jsNonblocking: (on, waitsForEvents) => (!on
    ? 'O_NONBLOCK off: from here on the calls on this socket wait (await) again'
    : waitsForEvents
      ? 'O_NONBLOCK: Node never blocks the program; what arrives comes as an event, awaited below'
      : 'O_NONBLOCK: Node sockets never block; from here on the calls on this socket do not wait'),
  jsNonblockingRead: 'recv() without waiting: null when nothing has arrived (EAGAIN)',
  jsShutdownRdwr: 'shutdown(SHUT_RDWR): end() closes our sending side; Node cannot shut the receiving side',
  jsWriteHelper: 'send(): resolves once Node has handed every byte to the kernel, as a blocking send() returns',
  jsReadSomeHelper: 'recv(): waits until bytes arrive, then takes at most max of them; an empty Buffer means EOF',
  jsReadNowHelper: 'recv() on a non-blocking socket: what has arrived (at most max bytes), or null (EAGAIN)',
  jsSendHelper: 'send()/sendto() on a UDP socket: resolves once the datagram is handed to the kernel',
};

const zh: CodegenNotes = {
  header: (host, ip, name) => `${name ? `${programName(name, 'zh-CN')}：` : ''}主机 ${host}（${ip}）上的程序`,
  hoisted: (name) => `${name}：由本主机上另一个线程（程序）创建的套接字`,
  noEquivalent: (call, api) => `${call}：${api} 没有对应的调用`,
  noRawSocket: (call, lang, first) => (first
    ? `${call}：${lang} 的标准库没有原始套接字（SOCK_RAW）。C 和 Python 版本用 socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) 打开它（需要 root），并用 recvfrom() 读取主机收到的每条 ICMP 消息——整个 IPv4 分组（IP 首部 + ICMP 消息）`
    : `${call}：${lang} 没有原始套接字（见 C 或 Python 版本）`),
  shared: (name) => `${name}：本进程的各个线程共用的套接字`,
  thread: (name) => `${name ? `${programName(name, 'zh-CN')}：` : ''}本进程的一个线程，由另一个线程启动`,
  join: '等待这里启动的线程结束：从 main() 返回会结束整个进程',
  javaSelector: 'poll()：Selector 监视多个通道；通道必须是非阻塞的才能注册',
  jsSpawn: '新线程：这个 async 函数与这里的代码同时运行（Node 在每个 await 处在它们之间轮流执行）',
  jsPollHelper: 'poll()：等到某个套接字可读（有数据、流结束或出错），或某个服务器有等待 accept 的连接；返回就绪的那些，超时则返回 []',
  jsQueueHelper: 'poll() 可以查看的队列，如同内核的全连接队列和接收队列',
  javaBindListen: (cls) => `bind() + listen()：${cls}.bind() 接收 backlog 参数并开始监听`,
  listenOnly: '未 bind() 就 listen()：由系统选一个临时端口，与 Linux 相同',
  javaChannel: '非阻塞套接字以及由 Selector 监视的套接字需要 NIO 通道（java.nio.channels）',
  javaUdpAutoBind: 'new DatagramSocket() 立即绑定一个临时端口，如同第一次 sendto() 那样',
  javaServerOption: (option, cls) => `${option}：需在每个 accept 得到的套接字上设置（${cls} 没有此选项）`,
  jsHalfOpen: 'allowHalfOpen：与 BSD 套接字一样，收到对端的 FIN 不会关闭我们这一侧',
  jsAcceptQueue: '全连接队列：连接在此等待，直到 accept() 把它取走',
  jsInbox: '接收队列：数据报在此等待，直到 recvfrom() 把它取走',
  jsListen: 'bind() + listen()：net.Server.listen() 一次完成两者',
  jsClientBind: (addr) => `bind(${addr})：Node 在 connect() 中绑定客户端套接字（localAddress、localPort）`,
  jsReuseAddrServer: 'SO_REUSEADDR：Node 会为每个监听中的 TCP 套接字设置它',
  jsReuseAddrDgram: 'SO_REUSEADDR：Node 在创建套接字时设置（见上面的 reuseAddr）',
  jsLinger: (zero) => (zero
    ? 'SO_LINGER 0：Node 没有 setsockopt()；下面的 close() 用 resetAndDestroy()，它会发送 RST'
    : 'SO_LINGER：Node 没有对应的设置；close() 立即返回'),
  jsNonblocking: (on, waitsForEvents) => (!on
    ? '关闭 O_NONBLOCK：此后这个套接字上的调用重新等待（await）'
    : waitsForEvents
      ? 'O_NONBLOCK：Node 从不阻塞整个程序；到达的连接或数据以事件的形式出现，下面用 await 等待它'
      : 'O_NONBLOCK：Node 套接字从不阻塞；此后这个套接字上的调用都不等待'),
  jsNonblockingRead: '不等待的 recv()：还没有数据到达时得到 null（EAGAIN）',
  jsShutdownRdwr: 'shutdown(SHUT_RDWR)：end() 关闭我们的发送方向；Node 无法关闭接收方向',
  jsWriteHelper: 'send()：Node 把所有字节交给内核后才完成，如同阻塞的 send() 返回',
  jsReadSomeHelper: 'recv()：等到有字节到达，再取走最多 max 个；得到空 Buffer 表示 EOF（对端已关闭）',
  jsReadNowHelper: '非阻塞套接字上的 recv()：取走已到达的数据（最多 max 字节），没有则为 null（EAGAIN）',
  jsSendHelper: 'UDP 套接字上的 send()/sendto()：数据报交给内核后才完成',
};

export function codegenNotes(locale: CodeLocale): CodegenNotes {
  return locale === 'zh-CN' ? zh : en;
}

/** A scenario text (plain, or one per locale) in the wanted locale. */
export function localize(text: string | { en: string; 'zh-CN': string } | undefined, locale: CodeLocale): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[locale] ?? text.en;
}
