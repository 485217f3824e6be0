// Link-layer headers in front of the IP packet, per pcap LINKTYPE
// (https://www.tcpdump.org/linktypes.html). Returns the IPv4 bytes, or why the frame is skipped.

export type SkipReason =
  | 'ipv6' | 'not-ip' | 'fragment' | 'protocol' | 'icmp-type' | 'truncated' | 'bad-header'
  | 'linktype' | 'no-interface';

export const LINKTYPE = {
  NULL: 0, ETHERNET: 1, DLT_RAW_12: 12, DLT_RAW_14: 14, RAW: 101, LOOP: 108, LINUX_SLL: 113,
  IPV4: 228, IPV6: 229, LINUX_SLL2: 276,
} as const;

const SUPPORTED = new Set<number>(Object.values(LINKTYPE));

export function isSupportedLinktype(linktype: number): boolean {
  return SUPPORTED.has(linktype);
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

function byEthertype(type: number, data: Uint8Array, at: number): Uint8Array | SkipReason {
  if (type === ETHERTYPE_IPV4) return data.subarray(at);
  if (type === ETHERTYPE_IPV6) return 'ipv6';
  return 'not-ip';
}

function byVersion(data: Uint8Array): Uint8Array | SkipReason {
  if (data.length === 0) return 'truncated';
  const v = data[0] >> 4;
  if (v === 4) return data;
  return v === 6 ? 'ipv6' : 'not-ip';
}

/** BSD address families in DLT_NULL/DLT_LOOP headers: AF_INET is 2 everywhere, AF_INET6 varies. */
function byFamily(family: number, data: Uint8Array): Uint8Array | SkipReason {
  if (family === 2) return data.subarray(4);
  if (family === 10 || family === 24 || family === 28 || family === 30) return 'ipv6';
  return 'not-ip';
}

export function stripLinkLayer(linktype: number, data: Uint8Array): Uint8Array | SkipReason {
  const be16 = (o: number) => (data[o] << 8) | data[o + 1];
  switch (linktype) {
    case LINKTYPE.ETHERNET: {
      if (data.length < 14) return 'truncated';
      let at = 12;
      let type = be16(at);
      // 802.1Q / 802.1ad tags: up to two of them between the MACs and the real EtherType.
      for (let tags = 0; VLAN_TAGS.has(type) && tags < 2; tags++) {
        at += 4;
        if (data.length < at + 2) return 'truncated';
        type = be16(at);
      }
      return byEthertype(type, data, at + 2);
    }
    case LINKTYPE.RAW: case LINKTYPE.DLT_RAW_12: case LINKTYPE.DLT_RAW_14: case LINKTYPE.IPV4: case LINKTYPE.IPV6:
      return byVersion(data);
    case LINKTYPE.LINUX_SLL:
      if (data.length < 16) return 'truncated';
      return byEthertype(be16(14), data, 16);
    case LINKTYPE.LINUX_SLL2:
      if (data.length < 20) return 'truncated';
      return byEthertype(be16(0), data, 20);
    case LINKTYPE.NULL: {
      // The family is in the capturing machine's byte order, which the file does not record.
      if (data.length < 4) return 'truncated';
      const le = data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24);
      const be = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
      return byFamily(le === 2 || be === 2 ? 2 : (le & 0xffff) !== 0 ? le : be, data);
    }
    case LINKTYPE.LOOP:
      if (data.length < 4) return 'truncated';
      return byFamily((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3], data);
    default:
      return 'linktype';
  }
}
