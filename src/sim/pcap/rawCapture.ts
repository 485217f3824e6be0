// What the file readers (pcapClassic.ts, pcapng.ts) hand to readCapture: frames with their
// link-layer bytes and absolute timestamps, before any protocol decoding.
import type { CaptureWarning } from './captureError';

export interface CaptureInterface {
  linktype: number;
  snaplen: number;
  name?: string;
}

export interface RawFrame {
  /** Absolute time: whole seconds since the Unix epoch and nanoseconds within that second. */
  sec: number;
  nsec: number;
  /** Index into `interfaces`, or -1 when the frame names an interface the file never described. */
  iface: number;
  data: Uint8Array;
  /** Length of the packet on the wire; more than data.length when the snaplen cut it short. */
  origlen: number;
}

export type CaptureFormat = 'pcap' | 'pcap-nsec' | 'pcapng';

export interface RawCapture {
  format: CaptureFormat;
  interfaces: CaptureInterface[];
  frames: RawFrame[];
  warnings: CaptureWarning[];
}
