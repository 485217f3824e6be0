// Opening a scenario file (picker or drag-and-drop): validate, then run it; an invalid file is
// reported with the JSON path and what was expected, and nothing the user had is lost.
import type { AppStore } from '../store/createAppStore';
import { loadCaptureBytes, looksLikeCapture } from './loadCapture';

/** Open a dropped or picked file: a capture (pcap/pcapng), a saved real session or a scenario (JSON). */
export async function loadScenarioFile(store: AppStore, file: Blob & { name?: string }): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    store.getState().notify({ kind: 'error', key: 'error.fileRead' });
    return false;
  }
  if (looksLikeCapture(bytes)) return loadCaptureBytes(store, bytes, file.name ?? 'capture');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A saved real session is JSON too; anything else JSON is treated as a scenario.
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const { isRealSessionJson } = await import('../real/sessionFile');
  if (isRealSessionJson(json)) {
    const { openRealSession } = await import('../real/openSession');
    return openRealSession(store, json, bytes.length, file.name ?? 'session');
  }
  const { parseScenarioText } = await import('../scenarios/schema');
  const r = parseScenarioText(text);
  if (!r.ok) {
    store.getState().notify({ kind: 'error', key: 'error.file', params: { ...r.error.problem.params, path: r.error.path, expected: r.error.problem.key }, keyParams: ['expected'] });
    return false;
  }
  return store.getState().setScenario(r.scenario, { key: 'custom' });
}
