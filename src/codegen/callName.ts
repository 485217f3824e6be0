// The API a step calls in each language, in a generic form (`serverSocket.accept()`), for labels
// outside the code panel: the timeline, the sequence diagram, lesson text. The exact call on the
// generated line (with the program's variable names) is `GeneratedCode.calls`.
import type { Step } from '../scenarios/schema';
import type { Lang, SocketKind } from './types';

const JAVA_OBJECT: Record<SocketKind, string> = { listener: 'serverSocket', stream: 'socket', dgram: 'datagramSocket', raw: 'rawSocket' };
const JAVA_SETTER: Record<string, string> = {
  SO_REUSEADDR: 'setReuseAddress', SO_LINGER: 'setSoLinger', SO_RCVBUF: 'setReceiveBufferSize',
  SO_SNDBUF: 'setSendBufferSize', TCP_NODELAY: 'setTcpNoDelay', SO_KEEPALIVE: 'setKeepAlive', O_NONBLOCK: 'configureBlocking',
};
const JS_SETTER: Record<string, string> = {
  TCP_NODELAY: 'socket.setNoDelay()', SO_KEEPALIVE: 'socket.setKeepAlive()',
  SO_RCVBUF: 'socket.setRecvBufferSize()', SO_SNDBUF: 'socket.setSendBufferSize()',
};

/** The BSD call as a comment names it: `shutdown(SHUT_RD)`, `SO_LINGER`, `listen()`. */
export function bsdCall(step: Step): string {
  if (step.op === 'setsockopt') return step.name;
  if (step.op === 'shutdown') return `shutdown(SHUT_${step.how.toUpperCase()})`;
  return `${step.op}()`;
}

/** The kind of socket a step implies when nothing else is known. */
export function defaultKind(step: Step): SocketKind {
  if (step.op === 'listen' || step.op === 'accept') return 'listener';
  if (step.op === 'socket' && step.type === 'raw') return 'raw';
  if (step.op === 'sendto' || step.op === 'recvfrom' || (step.op === 'socket' && step.type === 'dgram')) return 'dgram';
  return 'stream';
}

/**
 * The name of the API `step` calls in `lang`, e.g. `accept()`, `socket.accept()`,
 * `serverSocket.accept()`, `connections.next()`. `kind` says what the socket is used for (a
 * listening stream socket, a connected one, or UDP); by default it is guessed from the step.
 * Java names are those of classic java.net (a non-blocking socket uses the NIO channel's methods).
 */
export function callName(step: Step, lang: Lang, kind: SocketKind = defaultKind(step)): string {
  const op = step.op;
  // Java and Node have no raw sockets: their code has a comment there instead of a call.
  if (kind === 'raw' && (lang === 'java' || lang === 'javascript')) return `${op}() (C/Python only)`;
  switch (lang) {
    case 'c':
      if (op === 'setsockopt' && step.name === 'O_NONBLOCK') return 'fcntl()';
      if (op === 'spawn') return 'pthread_create()';
      return `${op}()`;
    case 'python':
      if (op === 'socket') return 'socket.socket()';
      if (op === 'sleep') return 'time.sleep()';
      if (op === 'spawn') return 'threading.Thread().start()';
      if (op === 'poll') return 'select.select()';
      if (op === 'send') return kind === 'dgram' ? 'socket.send()' : 'socket.sendall()';
      if (op === 'setsockopt' && step.name === 'O_NONBLOCK') return 'socket.setblocking()';
      return `socket.${op}()`;
    case 'java': {
      const obj = JAVA_OBJECT[kind];
      switch (op) {
        case 'socket': return kind === 'listener' ? 'new ServerSocket()' : kind === 'dgram' ? 'new DatagramSocket()' : 'new Socket()';
        case 'listen': return 'serverSocket.bind()';
        case 'accept': return 'serverSocket.accept()';
        case 'send': case 'sendto': return kind === 'dgram' ? 'datagramSocket.send()' : 'socket.getOutputStream().write()';
        case 'recv': case 'recvfrom': return kind === 'dgram' ? 'datagramSocket.receive()' : 'socket.getInputStream().read()';
        case 'shutdown': return step.how === 'wr' ? 'socket.shutdownOutput()' : step.how === 'rd' ? 'socket.shutdownInput()' : 'socket.shutdownInput() + shutdownOutput()';
        case 'setsockopt': return `${obj}.${JAVA_SETTER[step.name]}()`;
        case 'sleep': return 'Thread.sleep()';
        case 'spawn': return 'new Thread().start()';
        case 'poll': return 'selector.select()';
        default: return `${obj}.${op}()`;
      }
    }
    case 'javascript': {
      const obj = kind === 'listener' ? 'server' : 'socket';
      switch (op) {
        case 'socket': return kind === 'listener' ? 'net.createServer()' : kind === 'dgram' ? 'dgram.createSocket()' : 'new net.Socket()';
        case 'bind': return kind === 'listener' ? 'server.listen()' : kind === 'dgram' ? 'socket.bind()' : 'socket.connect()';
        case 'listen': return 'server.listen()';
        case 'accept': return 'connections.next()';
        case 'connect': return 'socket.connect()';
        case 'send': case 'sendto': return kind === 'dgram' ? 'socket.send()' : 'socket.write()';
        case 'recv': case 'recvfrom': return kind === 'dgram' ? 'messages.next()' : 'readSome()';
        case 'shutdown': return 'socket.end()';
        case 'close': return kind === 'stream' ? 'socket.destroy()' : `${obj}.close()`;
        case 'setsockopt': return JS_SETTER[step.name] ?? 'setsockopt()';
        case 'sleep': return 'sleep()';
        case 'spawn': return 'worker()';
        case 'poll': return 'poll()';
      }
    }
  }
  return `${op}()`;
}
