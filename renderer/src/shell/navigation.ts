/**
 * The app's top-level screens, in the order the top bar shows them. Later issues add "Browse" (the two
 * org browsers side by side) here; the shell renders whatever this list holds.
 */
export const screens = [{ id: 'connections', label: 'Connections' }] as const;

export type ScreenId = (typeof screens)[number]['id'];
