// What the user picked (a packet for the inspector, a packet's action menu) and messages to show.
import type { SelectionSlice, SliceCreator } from './types';

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => {
  let nextId = 1;
  return {
    selected: null,
    menu: null,
    notices: [],
    select: (selected) => set({ selected }),
    openMenu: (menu) => set({ menu }),
    notify: (n) => {
      // The same message twice in a row is shown once.
      const last = get().notices.at(-1);
      if (last && last.key === n.key && JSON.stringify(last.params) === JSON.stringify(n.params)) return;
      set({ notices: [...get().notices.slice(-3), { ...n, id: nextId++ }] });
    },
    dismiss: (id) => set({ notices: get().notices.filter((x) => x.id !== id) }),
  };
};
