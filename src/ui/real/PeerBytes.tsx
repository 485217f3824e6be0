// Bytes from a real peer, shown as text or hex and only ever as text nodes: a hostile peer can
// send markup, terminal escapes or bidi overrides, and all of them must appear as what they are.
import { bytesToText } from '../../bridge/bytes';
import { HexView } from '../inspector/HexView';

/**
 * Lossy UTF-8 with invisible characters made visible: C0 controls as their Unicode control
 * pictures (ESC → ␛), DEL as ␡, CR as ␍, a newline as ↵ and a line break; C1 controls and
 * bidirectional overrides (which could reorder what is shown) as U+FFFD.
 */
export function visibleText(bytes: Uint8Array): string {
  let out = '';
  for (const ch of bytesToText(bytes)) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0a) out += '↵\n';
    else if (c === 0x09) out += '\t';
    else if (c < 0x20) out += String.fromCodePoint(0x2400 + c);
    else if (c === 0x7f) out += '␡';
    else if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f) out += '\ufffd';
    else out += ch;
  }
  return out;
}

export function PeerBytes({ bytes, hex, label }: { bytes: Uint8Array; hex: boolean; label: string }) {
  if (hex) return <HexView bytes={bytes} label={label} />;
  return <pre className="peer-text" aria-label={label} data-testid="peer-text">{visibleText(bytes)}</pre>;
}
