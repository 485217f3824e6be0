// Curriculum coverage: every idea of shared/design/curriculum.md and the lesson step that SHOWS
// it. `zh` is the curriculum's Chinese term (or the word the step uses for it); the tests check
// that the step exists and that its zh-CN text really speaks of it.

export interface CoverageEntry {
  /** Curriculum section (1–11). */
  section: number;
  idea: string;
  zh: string;
  lesson: string;
  step: string;
}

const e = (section: number, idea: string, zh: string, lesson: string, step: string): CoverageEntry => ({ section, idea, zh, lesson, step });

export const CURRICULUM_COVERAGE: readonly CoverageEntry[] = [
  // 1. What a socket is
  e(1, 'a socket is one endpoint of two-way communication between processes on different hosts', '端点', 'what-is-a-socket', 'endpoints'),
  e(1, 'socket = (IP address, protocol, port), written IP:port; the port identifies the service', '端口', 'what-is-a-socket', 'endpoints'),
  e(1, 'a connection is identified by the 4-tuple plus protocol; many connections on one server port', '四元组', 'what-is-a-socket', 'four-tuple'),
  e(1, 'demultiplexing by the 4-tuple', '四元组', 'what-is-a-socket', 'demultiplex'),
  e(1, 'sockets sit between the application and transport layers; the API hides TCP/IP', '应用层与传输层之间的抽象层', 'what-is-a-socket', 'layers'),
  e(1, 'everything is a file: a socket is a file descriptor', '文件描述符', 'what-is-a-socket', 'file-descriptor'),
  e(1, 'the PID is unique only on one host; IP + protocol + port on the network', '进程标识', 'what-is-a-socket', 'per-host-numbers'),
  e(1, 'domains: AF_INET / AF_INET6 vs AF_UNIX', '地址族', 'what-is-a-socket', 'per-host-numbers'),
  // 2. Socket types
  e(2, 'SOCK_STREAM: connection-oriented, reliable, ordered, no duplicates', '流式套接字', 'socket-types', 'tcp-reliable'),
  e(2, 'SOCK_STREAM: a byte stream without message boundaries', '流式套接字', 'socket-types', 'stream-no-boundaries'),
  e(2, 'SOCK_DGRAM: connectionless, full destination address in each datagram, lower overhead', '数据报套接字', 'socket-types', 'no-connection'),
  e(2, 'SOCK_DGRAM: datagrams may be lost; boundaries preserved', '数据报', 'socket-types', 'udp-loss'),
  e(2, 'SOCK_DGRAM keeps each datagram\'s boundary', '边界', 'socket-types', 'datagram-boundaries'),
  e(2, 'SOCK_RAW reads IP packets the kernel did not process (ICMP)', '原始套接字', 'socket-types', 'raw-icmp'),
  e(2, 'a raw ICMP socket gets a copy of each ICMP message, the whole IP packet; the kernel still handles it', '原始 ICMP 套接字', 'socket-types', 'raw-copy'),
  e(2, 'connection-oriented service has three phases; connectionless has none', '三个阶段', 'socket-types', 'no-connection'),
  // 3. The TCP call flow
  e(3, 'server: socket → bind → listen', 'listen', 'tcp-call-flow', 'listen'),
  e(3, 'accept() blocks until a client completes the handshake', '阻塞', 'tcp-call-flow', 'accept-blocks'),
  e(3, 'accept() returns a NEW connected socket', '新的套接字', 'tcp-call-flow', 'accept-returns'),
  e(3, 'the listening socket stays in LISTEN for the next client', 'LISTEN', 'tcp-call-flow', 'listener-keeps-listening'),
  e(3, 'connect() performs the handshake; which call causes which segment', '握手', 'tcp-call-flow', 'connect-sends'),
  e(3, 'the OS picks an ephemeral local port; connect() blocks for one round trip', '临时端口', 'tcp-call-flow', 'connect-returns'),
  e(3, 'recv() blocks until data arrives; send() returns once the kernel has the bytes', '阻塞', 'tcp-call-flow', 'recv-blocks'),
  e(3, 'close() sends FIN', 'FIN', 'tcp-call-flow', 'close'),
  // 4. Three-way handshake
  e(4, 'SYN, seq = j; client in SYN_SENT (SYN_SEND)', 'SYN_SENT', 'three-way-handshake', 'syn'),
  e(4, 'SYN+ACK, seq = k, ack = j+1', '确认号', 'three-way-handshake', 'syn-arrives'),
  e(4, 'server in SYN_RECEIVED (Linux SYN_RECV)', 'SYN_RECEIVED', 'three-way-handshake', 'syn-received'),
  e(4, 'ACK, ack = k+1; ISNs as real and relative numbers', '相对', 'three-way-handshake', 'third-segment'),
  e(4, 'both ESTABLISHED; connect() returns, accept() returns; no data in the handshake; why three', '三次', 'three-way-handshake', 'established'),
  // 5. Four-way close
  e(5, 'active closer sends FIN (FIN_WAIT_1), peer enters CLOSE_WAIT', 'CLOSE_WAIT', 'four-way-close', 'first-fin'),
  e(5, 'closer in FIN_WAIT_2 after the ACK; peer\'s FIN from LAST_ACK', 'FIN_WAIT_2', 'four-way-close', 'fin-wait-2'),
  e(5, 'TIME_WAIT for 2MSL before CLOSED', '2MSL', 'four-way-close', 'time-wait'),
  e(5, 'why TIME_WAIT: the last ACK may be lost and the FIN retransmitted', 'TIME_WAIT', 'four-way-close', 'lost-last-ack'),
  e(5, 'why TIME_WAIT: old duplicate segments must die out before the 4-tuple is reused', '旧的重复报文段', 'four-way-close', 'old-duplicate'),
  e(5, 'the 4-tuple reused by a new connection once TIME_WAIT is over', '四元组', 'four-way-close', 'old-duplicate'),
  e(5, 'a process that never calls close() leaves its socket in CLOSE_WAIT', 'CLOSE_WAIT', 'four-way-close', 'close-wait-forever'),
  e(5, 'half-close: shutdown(SHUT_WR) sends FIN but can still receive', '半关闭', 'four-way-close', 'half-close'),
  e(5, 'simultaneous close (CLOSING)', 'CLOSING', 'four-way-close', 'simultaneous'),
  e(5, 'either side may close first', '先关闭', 'four-way-close', 'server-closes-first'),
  // 6. Data transfer, buffers, flow control
  e(6, 'every byte has a sequence number; ACK = next byte expected; the receiver answers every segment', '反馈机制', 'flow-control', 'ack-number'),
  e(6, 'several segments in flight: the sliding window', '滑动窗口', 'flow-control', 'in-flight'),
  e(6, 'data not yet read waits in the receive buffer, not lost', '接收缓冲区', 'flow-control', 'buffer-full'),
  e(6, 'the window shrinks to 0 and the sender stops: flow control', '流量控制', 'flow-control', 'buffer-full'),
  e(6, 'a zero-window probe restarts it', '零窗口探测', 'flow-control', 'probe'),
  e(6, 'a window update reopens the window', '窗口更新', 'flow-control', 'window-reopens'),
  e(6, 'loss → retransmission after RTO with exponential backoff', '指数退避', 'loss-and-retransmission', 'rto-backoff'),
  e(6, 'SYN retransmission backoff', '超时', 'loss-and-retransmission', 'syn-backoff'),
  e(6, 'fast retransmit after 3 duplicate ACKs', '快速重传', 'loss-and-retransmission', 'duplicate-acks'),
  e(6, 'congestion control: cwnd, slow start, fast recovery', '快速恢复', 'loss-and-retransmission', 'congestion-loss'),
  e(6, 'congestion avoidance', '拥塞避免', 'loss-and-retransmission', 'congestion-avoidance'),
  // 7. Byte stream and sticky packets
  e(7, 'two send() calls arrive in one recv()', '粘包', 'sticky-packets', 'two-sends-one-recv'),
  e(7, 'one send() can need several recv() calls', '多次读取', 'sticky-packets', 'one-send-many-recvs'),
  e(7, 'a send() becomes several segments (MSS)', 'MSS', 'sticky-packets', 'one-send-segments'),
  e(7, 'fix: a length prefix header', '长度前缀', 'sticky-packets', 'length-prefix'),
  e(7, 'fix: a delimiter; fixed-length messages', '分隔符', 'sticky-packets', 'delimiter'),
  e(7, 'UDP keeps each datagram\'s boundary', '数据报', 'sticky-packets', 'udp-keeps-boundaries'),
  // 8. Serving many clients
  e(8, 'one listening socket, many connected sockets; the accept queue', '全连接队列', 'many-clients', 'accept-queue'),
  e(8, 'serving one client at a time makes the others wait', '循环服务器', 'many-clients', 'iterative'),
  e(8, 'backlog: what happens when the accept queue is full', 'backlog', 'many-clients', 'backlog-overflow'),
  e(8, 'a thread per connection', '线程', 'many-clients', 'thread-per-connection'),
  e(8, 'a thread pool', '线程池', 'many-clients', 'thread-pool'),
  e(8, 'one event loop with non-blocking sockets (select/poll/epoll)', '事件循环', 'many-clients', 'event-loop'),
  e(8, 'blocking vs non-blocking calls', '非阻塞', 'many-clients', 'non-blocking'),
  e(8, 'synchronous vs asynchronous', '异步', 'many-clients', 'non-blocking'),
  // 9. Errors
  e(9, 'ECONNREFUSED: no listener, the peer answers RST', 'RST', 'errors', 'refused'),
  e(9, 'ETIMEDOUT: no answer to SYN after retries', '重传', 'errors', 'timeout'),
  e(9, 'ECONNRESET: the peer sent RST', 'RST', 'errors', 'reset'),
  e(9, 'EPIPE: write after the peer reset/closed', 'EPIPE', 'errors', 'epipe'),
  e(9, 'EADDRINUSE: port already bound', 'EADDRINUSE', 'errors', 'addr-in-use'),
  e(9, 'EADDRINUSE with TIME_WAIT, and SO_REUSEADDR', 'SO_REUSEADDR', 'errors', 'time-wait-rebind'),
  e(9, 'EAGAIN/EWOULDBLOCK: non-blocking call with nothing ready', 'EAGAIN', 'errors', 'eagain'),
  e(9, 'ENOTCONN, EACCES/EPERM, EINTR', 'ENOTCONN', 'errors', 'local-errors'),
  e(9, 'EMSGSIZE: UDP datagram too large', 'EMSGSIZE', 'errors', 'local-errors'),
  // 10. Layers and HTTP
  e(10, 'a browser resolves the name (DNS), well-known ports, one service per port', '知名端口', 'http-over-tcp', 'dns'),
  e(10, 'encapsulation: data → segment → packet → frame', '报文段', 'http-over-tcp', 'request-layers'),
  e(10, 'TCP/IP\'s four layers, OSI\'s seven for comparison', 'OSI', 'http-over-tcp', 'response-packet'),
  e(10, 'HTTP on TCP: connect to port 80, request, response; short connections', '短连接', 'http-over-tcp', 'short-connections'),
  e(10, 'persistent keep-alive connections (HTTP/1.1)', '持久连接', 'http-over-tcp', 'keep-alive'),
  e(10, 'pipelining', '流水线', 'http-over-tcp', 'pipelining'),
  // 11. Languages: the code panel shows the programs in C, Python, Java, JavaScript
  e(11, 'the code of each program, with the current call highlighted', 'socket()', 'what-is-a-socket', 'file-descriptor'),
  e(11, 'the event loop\'s code: poll() in each language', 'poll()', 'many-clients', 'event-loop'),
  // Beyond the sections: the two TCP profiles the app simulates
  e(6, 'RFC and Linux behaviours differ: SYN schedule, probes, accept queue, TIME_WAIT', 'Linux', 'rfc-vs-linux', 'linux-syn'),
];

/**
 * The curriculum's section headings in the zh-CN words it prescribes, and the lesson that teaches
 * each: the words must appear in that lesson's title, summary or terms, and in the running text of
 * one of its steps.
 */
export const CURRICULUM_HEADINGS: readonly { section: number; zh: readonly string[]; lesson: string }[] = [
  { section: 1, zh: ['套接字', '端点', '四元组', '文件描述符'], lesson: 'what-is-a-socket' },
  { section: 2, zh: ['套接字类型', '流式套接字', '数据报套接字', '原始套接字'], lesson: 'socket-types' },
  { section: 3, zh: ['面向连接的套接字通信流程'], lesson: 'tcp-call-flow' },
  { section: 4, zh: ['三次握手'], lesson: 'three-way-handshake' },
  { section: 5, zh: ['四次挥手'], lesson: 'four-way-close' },
  { section: 6, zh: ['数据传输', '缓冲区', '流量控制', '滑动窗口'], lesson: 'flow-control' },
  { section: 7, zh: ['粘包'], lesson: 'sticky-packets' },
  { section: 8, zh: ['并发服务', '阻塞', '非阻塞', '同步', '异步'], lesson: 'many-clients' },
  { section: 9, zh: ['错误码'], lesson: 'errors' },
  { section: 10, zh: ['TCP/IP 分层', 'HTTP'], lesson: 'http-over-tcp' },
];
