// Opening a capture file (pcap/pcapng): decoded by the pcap module into a trace the stage plays
// like a simulated run. A file that cannot be read says why, in the user's language, and the
// current work stays.
import type { AppStore } from '../store/createAppStore';

const MAGICS = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];

/** Whether the bytes start like a pcap or pcapng file. */
export function looksLikeCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const m = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return MAGICS.includes(m);
}

export async function loadCaptureBytes(store: AppStore, bytes: Uint8Array, name: string): Promise<boolean> {
  const [{ importCapture, isCaptureError }, { captureErrors, formatCaptureMessage }] = await Promise.all([
    import('../sim/pcap'), import('../i18n/captureErrors'),
  ]);
  let result;
  try {
    result = importCapture(bytes);
  } catch (e) {
    store.getState().notify({ kind: 'error', key: 'error.capture', params: { detail: e instanceof Error ? e.message : String(e) } });
    return false;
  }
  if (isCaptureError(result)) {
    const locale = store.getState().locale;
    store.getState().notify({ kind: 'error', key: 'error.capture', params: { detail: formatCaptureMessage(captureErrors[locale][result.code], result.params) } });
    return false;
  }
  const ips = Object.fromEntries(result.hosts.map((h) => [h.name, h.ip]));
  store.getState().setCapture({ trace: result.trace, packets: result.packets }, { ips, title: name });
  return true;
}
