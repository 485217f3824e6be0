// The scenarios the stage offers out of the box (the list): TCP echo, the handshake, the
// four-way close started by either side, connection refused, a lost SYN, UDP echo.
import type { Scenario, Step } from '../scenarios/schema';
import type { CatalogEntry } from './catalog';

const hosts = { client: { ip: '10.0.0.1' }, server: { ip: '10.0.0.2' } };

function scenario(title: Scenario['title'], server: Step[] | null, client: Step[], extra: Partial<Scenario> = {}): Scenario {
  return {
    format: 'socketlab-scenario/1', title, seed: 1, network: { latency: 10 }, hosts,
    programs: [...(server ? [{ host: 'server', steps: server }] : []), { host: 'client', steps: client }],
    ...extra,
  };
}

const listen: Step[] = [
  { op: 'socket', type: 'stream', as: 'ls' },
  { op: 'bind', sock: 'ls', port: 80 },
  { op: 'listen', sock: 'ls', backlog: 5 },
  { op: 'accept', sock: 'ls', as: 'c' },
];
const connect: Step[] = [
  { op: 'sleep', ms: 5 },
  { op: 'socket', type: 'stream', as: 's' },
  { op: 'connect', sock: 's', to: 'server', port: 80 },
];

export function builtinCatalog(): CatalogEntry[] {
  const list: Array<[string, Scenario]> = [
    ['echo', scenario({ en: 'TCP echo', 'zh-CN': 'TCP 回显' },
      [...listen, { op: 'recv', sock: 'c', max: 1024 }, { op: 'send', sock: 'c', data: 'hello' }, { op: 'recv', sock: 'c', max: 1024 }, { op: 'close', sock: 'c' }],
      [...connect, { op: 'send', sock: 's', data: 'hello' }, { op: 'recv', sock: 's', max: 1024 }, { op: 'close', sock: 's' }])],
    ['handshake', scenario({ en: 'Three-way handshake', 'zh-CN': '三次握手' }, listen, connect)],
    ['close-client-first', scenario({ en: 'Four-way close (client first)', 'zh-CN': '四次挥手（客户端先关闭）' },
      [...listen, { op: 'recv', sock: 'c', max: 1024 }, { op: 'close', sock: 'c' }],
      [...connect, { op: 'close', sock: 's' }])],
    ['close-server-first', scenario({ en: 'Four-way close (server first)', 'zh-CN': '四次挥手（服务器先关闭）' },
      [...listen, { op: 'close', sock: 'c' }],
      [...connect, { op: 'recv', sock: 's', max: 1024 }, { op: 'close', sock: 's' }])],
    ['refused', scenario({ en: 'Connection refused', 'zh-CN': '连接被拒绝' }, null,
      [{ op: 'socket', type: 'stream', as: 's' }, { op: 'connect', sock: 's', to: 'server', port: 81 }, { op: 'close', sock: 's' }])],
    ['lost-syn', scenario({ en: 'Lost SYN and retransmission', 'zh-CN': 'SYN 丢失与重传' }, listen, connect,
      { faults: [{ drop: { from: 'client', flags: ['SYN'], nth: 1 } }] })],
    ['udp-echo', scenario({ en: 'UDP echo', 'zh-CN': 'UDP 回显' },
      [{ op: 'socket', type: 'dgram', as: 'u' }, { op: 'bind', sock: 'u', port: 53 }, { op: 'recvfrom', sock: 'u', max: 512 }, { op: 'sendto', sock: 'u', to: 'client', port: 5000, data: 'pong' }, { op: 'close', sock: 'u' }],
      [{ op: 'socket', type: 'dgram', as: 'c' }, { op: 'bind', sock: 'c', port: 5000 }, { op: 'sendto', sock: 'c', to: 'server', port: 53, data: 'ping' }, { op: 'recvfrom', sock: 'c', max: 512 }, { op: 'close', sock: 'c' }])],
  ];
  return list.map(([id, s]) => ({ id, title: s.title ?? id, scenario: s }));
}
