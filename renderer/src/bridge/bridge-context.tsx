import { createContext, useContext, type ReactNode } from 'react';
import type { RendererBridge } from './types.ts';

const BridgeContext = createContext<RendererBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: RendererBridge; children: ReactNode }) {
  return <BridgeContext value={bridge}>{children}</BridgeContext>;
}

/** The one way components reach the core. */
export function useBridge(): RendererBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() needs a <BridgeProvider> above it.');
  return bridge;
}
