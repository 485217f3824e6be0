// User-facing text for capture import problems (src/sim/pcap/captureError.ts), in English and
// Simplified Chinese. `{name}` is replaced by params[name]; formatCaptureMessage does that.
import type { CaptureErrorCode, CaptureParams, CaptureWarningCode } from '../sim/pcap/captureError';
import type { SkipReason } from '../sim/pcap/linkLayer';

export type CaptureLang = 'en' | 'zh-CN';

export const captureErrors: Record<CaptureLang, Record<CaptureErrorCode, string>> = {
  en: {
    'empty': 'The file is empty.',
    'bad-magic': 'This is not a pcap or pcapng capture file (it starts with {magic}).',
    'compressed': 'The capture is compressed ({format}). Decompress it first, then open the .pcap or .pcapng file.',
    'unsupported-format': 'This capture format ({format}) is not supported. Save it as pcap or pcapng in Wireshark first.',
    'unsupported-version': 'Capture file version {major}.{minor} is not supported.',
    'truncated': 'The file ends in the middle of a packet or header (at byte {offset}); it is incomplete.',
    'bad-block': 'The file is damaged: a pcapng block at byte {offset} has an impossible length ({length}).',
    'bad-record': 'The file is damaged: the packet record at byte {offset} claims {length} bytes.',
    'unsupported-linktype': 'The capture\'s link type ({linktype}) is not supported. Supported: Ethernet, raw IP, Linux cooked (SLL, SLL2), BSD loopback.',
    'no-frames': 'The capture contains no packets.',
    'no-supported-packets': 'None of the {frames} packets is an IPv4 TCP, UDP or ICMP packet ({ipv6} are IPv6).',
    'too-large': 'The file is too large ({bytes} bytes; the limit is {limit}). Cut it down in Wireshark (File › Export Specified Packets).',
    'too-many-frames': 'The capture has more than {limit} packets. Cut it down in Wireshark (File › Export Specified Packets).',
    'internal': 'The file could not be read because of an error in SocketLab ({detail}).',
  },
  'zh-CN': {
    'empty': '文件是空的。',
    'bad-magic': '这不是 pcap 或 pcapng 抓包文件（文件开头为 {magic}）。',
    'compressed': '抓包文件经过压缩（{format}）。请先解压，再打开其中的 .pcap 或 .pcapng 文件。',
    'unsupported-format': '不支持这种抓包格式（{format}）。请先在 Wireshark 中另存为 pcap 或 pcapng。',
    'unsupported-version': '不支持版本为 {major}.{minor} 的抓包文件。',
    'truncated': '文件在某个数据包或头部的中间结束（第 {offset} 字节），文件不完整。',
    'bad-block': '文件已损坏：第 {offset} 字节处的 pcapng 块长度（{length}）不合法。',
    'bad-record': '文件已损坏：第 {offset} 字节处的数据包记录声称长度为 {length} 字节。',
    'unsupported-linktype': '不支持该抓包的链路层类型（{linktype}）。支持：以太网、原始 IP、Linux cooked（SLL、SLL2）、BSD 回环。',
    'no-frames': '抓包文件中没有任何数据包。',
    'no-supported-packets': '{frames} 个数据包中没有 IPv4 的 TCP、UDP 或 ICMP 数据包（其中 {ipv6} 个是 IPv6）。',
    'too-large': '文件太大（{bytes} 字节，上限为 {limit}）。请先在 Wireshark 中截取一部分（文件 › 导出特定分组）。',
    'too-many-frames': '抓包中的数据包超过 {limit} 个。请先在 Wireshark 中截取一部分（文件 › 导出特定分组）。',
    'internal': '由于 SocketLab 内部错误，无法读取该文件（{detail}）。',
  },
};

export const captureWarnings: Record<CaptureLang, Record<CaptureWarningCode, string>> = {
  en: {
    'truncated': 'The file ends early (at byte {offset}); the packets before that point were imported.',
    'bad-block': 'The file is damaged at byte {offset}; the packets before that point were imported.',
    'bad-record': 'The file is damaged at byte {offset}; the packets before that point were imported.',
    'snapped': '{packets} packets were cut short when captured (snapshot length); their missing payload bytes are shown as zeros.',
  },
  'zh-CN': {
    'truncated': '文件提前结束（第 {offset} 字节），已导入此前的数据包。',
    'bad-block': '文件在第 {offset} 字节处损坏，已导入此前的数据包。',
    'bad-record': '文件在第 {offset} 字节处损坏，已导入此前的数据包。',
    'snapped': '有 {packets} 个数据包在抓取时被截断（快照长度限制），缺失的载荷字节显示为 0。',
  },
};

/** Why frames were left out of the imported trace (shown as counts). */
export const captureSkipReasons: Record<CaptureLang, Record<SkipReason, string>> = {
  en: {
    'ipv6': 'IPv6 packets',
    'not-ip': 'not IP (ARP, other protocols)',
    'fragment': 'IP fragments',
    'protocol': 'other IP protocols',
    'icmp-type': 'ICMP messages other than unreachable errors (e.g. ping)',
    'truncated': 'incomplete packets',
    'bad-header': 'packets with invalid headers',
    'linktype': 'unsupported link type',
    'no-interface': 'packets of an undescribed interface',
  },
  'zh-CN': {
    'ipv6': 'IPv6 数据包',
    'not-ip': '非 IP 数据包（ARP 等）',
    'fragment': 'IP 分片',
    'protocol': '其他 IP 协议',
    'icmp-type': '除“不可达”差错以外的 ICMP 报文（如 ping）',
    'truncated': '不完整的数据包',
    'bad-header': '头部无效的数据包',
    'linktype': '不支持的链路层类型',
    'no-interface': '属于未描述接口的数据包',
  },
};

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function formatCaptureMessage(template: string, params: CaptureParams): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
