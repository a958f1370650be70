import type { CallOutcome, FerryErrorShape } from './errors.ts';
import type { FerryEvent } from './events.ts';
import type { MethodName, ParamsOf, ResultOf } from './api.ts';
import type {
  ChooseFolderParams,
  ChooseFolderResult,
  LocalFileGrant,
  SaveFileParams,
  SaveFileResult,
} from './desktop.ts';
import { guiMessage } from './messages.ts';

/**
 * What the Electron preload exposes as `window.ferry`. It answers with an outcome rather than throwing,
 * because errors lose their fields crossing contextBridge.
 */
export interface FerryPreloadApi {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<CallOutcome<ResultOf<M>>>;
  onEvent(listener: (event: FerryEvent) => void): () => void;
  desktop: FerryDesktopApi;
}

/** The desktop window's own disk abilities (see shared/desktop.ts for why they are not contract methods). */
export interface FerryDesktopApi {
  /** Lets the core read this picked or dropped file once; the answer's grantId goes to `files.upload`. */
  grantFile(file: File): Promise<CallOutcome<LocalFileGrant>>;
  /** Asks where to save with the OS dialog, then downloads the org's file there (`download.progress` events). */
  saveFile(params: SaveFileParams): Promise<CallOutcome<SaveFileResult>>;
  /** The OS folder picker. */
  chooseFolder(params: ChooseFolderParams): Promise<CallOutcome<ChooseFolderResult>>;
}

/** The renderer's view of the core, the same in Electron and in browser mode. */
export interface FerryBridge {
  /** Resolves with the method's result, or rejects with a {@link BridgeError}. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  subscribe(listener: (event: FerryEvent) => void): () => void;
}

export class BridgeError extends Error implements FerryErrorShape {
  readonly code: FerryErrorShape['code'];
  readonly field?: string;

  /** The message as the window words it (see shared/messages.ts): no CLI flag or core method name on screen. */
  constructor(shape: FerryErrorShape) {
    super(guiMessage(shape));
    this.name = 'BridgeError';
    this.code = shape.code;
    if (shape.field !== undefined) this.field = shape.field;
  }
}

/** Unwraps an outcome into a value or a thrown BridgeError. */
export function unwrap<T>(outcome: CallOutcome<T>): T {
  if (outcome.ok) return outcome.result;
  throw new BridgeError(outcome.error);
}
