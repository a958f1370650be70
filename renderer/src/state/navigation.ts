/**
 * The app's top-level screens, in the order the top bar shows them. "Browse" (the two org browsers side
 * by side) is where the app opens once a connection exists; the shell renders whatever this list holds.
 */
export const screens = [
  { id: 'browse', label: 'Browse' },
  { id: 'connections', label: 'Connections' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];
