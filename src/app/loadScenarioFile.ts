// Opening a scenario file (picker or drag-and-drop): validate, then run it; an invalid file is
// reported with the JSON path and what was expected, and nothing the user had is lost.
import type { AppStore } from '../store/createAppStore';

export async function loadScenarioFile(store: AppStore, file: Blob): Promise<boolean> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    store.getState().notify({ kind: 'error', key: 'error.fileRead' });
    return false;
  }
  const { parseScenarioText } = await import('../scenarios/schema');
  const r = parseScenarioText(text);
  if (!r.ok) {
    store.getState().notify({ kind: 'error', key: 'error.file', params: { path: r.error.path, expected: r.error.expected } });
    return false;
  }
  return store.getState().setScenario(r.scenario, { key: 'custom' });
}
