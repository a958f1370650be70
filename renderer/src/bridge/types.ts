import type { FerryBridge } from '../../../shared/bridge.ts';
import type {
  ChooseFolderParams,
  ChooseFolderResult,
  LocalFileGrant,
  SaveFileParams,
  SaveFileResult,
} from '../../../shared/desktop.ts';

/** Where the live event stream stands: browser mode can lose it when `ferry web` stops or restarts. */
export type StreamState = 'connecting' | 'live' | 'down';

/**
 * The contract's {@link FerryBridge} plus what the renderer needs to stay honest about freshness: events
 * missed while the stream was down are not replayed, so the UI refetches when it comes back.
 */
export interface RendererBridge extends FerryBridge {
  readonly transport: 'electron' | 'http';
  /** Fires when the event stream is back after a gap; listeners should refetch what they show. */
  onResync(listener: () => void): () => void;
  /** Current stream state, then every change. */
  onStreamState(listener: (state: StreamState) => void): () => void;
  /** The desktop window's disk abilities; absent in browser mode, which uses /api/upload and /api/download. */
  readonly desktop?: DesktopBridge;
}

/** shared/desktop.ts's abilities, unwrapped and checked like calls: they resolve or throw a BridgeError. */
export interface DesktopBridge {
  grantFile(file: File): Promise<LocalFileGrant>;
  saveFile(params: SaveFileParams): Promise<SaveFileResult>;
  chooseFolder(params: ChooseFolderParams): Promise<ChooseFolderResult>;
}
