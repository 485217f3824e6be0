// Names of packet header fields (keys from src/sim/pcap/packetFields.ts) in both languages.
import type { Locale } from './i18n';

const NAMES: Record<string, [en: string, zh: string]> = {
  'ip.version': ['Version', '版本'],
  'ip.headerLength': ['Header length', '首部长度'],
  'ip.tos': ['Type of service', '服务类型'],
  'ip.totalLength': ['Total length', '总长度'],
  'ip.identification': ['Identification', '标识'],
  'ip.flags': ['Flags', '标志'],
  'ip.fragmentOffset': ['Fragment offset', '片偏移'],
  'ip.ttl': ['Time to live', '生存时间 TTL'],
  'ip.protocol': ['Protocol', '协议'],
  'ip.checksum': ['Header checksum', '首部校验和'],
  'ip.src': ['Source address', '源地址'],
  'ip.dst': ['Destination address', '目的地址'],
  'ip.options': ['Options', '选项'],
  'tcp.srcPort': ['Source port', '源端口'],
  'tcp.dstPort': ['Destination port', '目的端口'],
  'tcp.seq': ['Sequence number', '序号'],
  'tcp.ack': ['Acknowledgment number', '确认号'],
  'tcp.dataOffset': ['Header length (data offset)', '首部长度（数据偏移）'],
  'tcp.flags': ['Flags', '标志位'],
  'tcp.window': ['Window', '窗口'],
  'tcp.checksum': ['Checksum', '校验和'],
  'tcp.urgent': ['Urgent pointer', '紧急指针'],
  'tcp.option.mss': ['Option: maximum segment size', '选项：最大报文段长度 MSS'],
  'tcp.option.wscale': ['Option: window scale', '选项：窗口扩大因子'],
  'tcp.option.sackPermitted': ['Option: SACK permitted', '选项：允许 SACK'],
  'tcp.option.sack': ['Option: SACK blocks', '选项：SACK 块'],
  'tcp.option.timestamps': ['Option: timestamps', '选项：时间戳'],
  'tcp.option.nop': ['Option: no-operation', '选项：无操作 NOP'],
  'tcp.option.eol': ['Option: end of list', '选项：选项表结束'],
  'tcp.option.other': ['Option (other)', '选项（其他）'],
  'tcp.option.malformed': ['Option (malformed)', '选项（格式错误）'],
  'tcp.payload': ['Payload', '载荷'],
  'udp.srcPort': ['Source port', '源端口'],
  'udp.dstPort': ['Destination port', '目的端口'],
  'udp.length': ['Length', '长度'],
  'udp.checksum': ['Checksum', '校验和'],
  'udp.payload': ['Payload', '载荷'],
  'icmp.type': ['Type', '类型'],
  'icmp.code': ['Code', '代码'],
  'icmp.checksum': ['Checksum', '校验和'],
  'icmp.unused': ['Unused', '未用'],
  'icmp.nextHopMtu': ['Next-hop MTU', '下一跳 MTU'],
};

export function fieldName(key: string, locale: Locale): string {
  const n = NAMES[key];
  return n ? n[locale === 'zh-CN' ? 1 : 0] : key;
}

const CHECKSUM: Record<string, [string, string]> = {
  good: ['correct', '正确'],
  bad: ['wrong', '错误'],
  partial: ['left to the NIC', '由网卡填写'],
  absent: ['not computed', '未计算'],
  unverified: ['not verifiable', '无法校验'],
};

export function checksumText(status: string, locale: Locale): string {
  const c = CHECKSUM[status];
  return c ? c[locale === 'zh-CN' ? 1 : 0] : status;
}
