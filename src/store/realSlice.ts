// Real mode's state (see realTypes.ts). Only plain data and setters live here; what happens when
// the panel opens or closes is the controller's business (it subscribes to `realOpen`).
import type { SliceCreator } from './types';
import type { RealSlice } from './realTypes';

export const createRealSlice: SliceCreator<RealSlice> = (set) => ({
  realOpen: false,
  bridge: { state: 'absent' },
  realSockets: [],
  realRecordings: [],
  realApi: null,
  setRealOpen: (realOpen) => set({ realOpen }),
  setBridge: (bridge) => set({ bridge }),
  setRealSockets: (realSockets) => set({ realSockets }),
  setRealRecordings: (realRecordings) => set({ realRecordings }),
  attachReal: (realApi) => set({ realApi }),
});
