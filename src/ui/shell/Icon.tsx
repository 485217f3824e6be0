// Inline SVG icons (no icon font: works offline and scales for projectors).
const PATHS: Record<string, string> = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zM14 5h4v14h-4z',
  back: 'M11 6v12l-8.5-6zM20 6v12l-8.5-6z',
  forward: 'M13 6v12l8.5-6zM4 6v12l8.5-6z',
  start: 'M6 6h2v12H6zM9.5 12l8.5 6V6z',
  end: 'M16 6h2v12h-2zM6 18l8.5-6L6 6z',
  sun: 'M12 7a5 5 0 100 10 5 5 0 000-10zM11 1h2v3h-2zM11 20h2v3h-2zM1 11h3v2H1zM20 11h3v2h-3zM4.2 2.8l2.1 2.1-1.4 1.4-2.1-2.1zM17.7 18.3l2.1 2.1-1.4 1.4-2.1-2.1zM2.8 19.8l2.1-2.1 1.4 1.4-2.1 2.1zM18.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z',
  moon: 'M12.5 2a9 9 0 108.9 12.2A7 7 0 0112.5 2z',
  screen: 'M3 4h18v12H3zM8 20h8v-2H8z',
  share: 'M18 16a3 3 0 00-2.4 1.2l-6.7-3.4a3 3 0 000-1.6l6.7-3.4A3 3 0 1015 7l-6.7 3.4a3 3 0 100 3.2L15 17a3 3 0 103-1z',
  file: 'M6 2h8l4 4v16H6zM13 3v4h4',
  close: 'M6 6l12 12M18 6L6 18',
  plug: 'M8 2h2v5h4V2h2v5h2v4a6 6 0 01-5 5.92V22h-2v-5.08A6 6 0 016 11V7h2z',
};

export function Icon({ name }: { name: keyof typeof PATHS | string }) {
  const stroke = name === 'close' || name === 'file';
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? ''} fill={stroke ? 'none' : 'currentColor'} stroke={stroke ? 'currentColor' : 'none'} strokeWidth={stroke ? 2 : 0} />
    </svg>
  );
}
