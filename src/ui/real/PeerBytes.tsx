// Bytes from a real peer, shown as text or hex and only ever as text nodes: a hostile peer can
// send markup, terminal escapes or bidi overrides, and all of them must appear as what they are
// (see visibleText: controls as C escapes, invisible characters by their code).
import { visibleText } from '../../real/visibleText';
import { HexView } from '../inspector/HexView';

export function PeerBytes({ bytes, hex, label }: { bytes: Uint8Array; hex: boolean; label: string }) {
  if (hex) return <HexView bytes={bytes} label={label} />;
  return <pre className="peer-text" aria-label={label} data-testid="peer-text">{visibleText(bytes)}</pre>;
}
