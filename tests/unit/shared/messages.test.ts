import { describe, expect, it } from 'vitest';
import { LocalFolder } from '../../../electron/core/clone/local-folder.ts';
import { FerryError } from '../../../electron/core/errors.ts';
import { BridgeError } from '../../../shared/bridge.ts';
import { cliMessage, guiMessage } from '../../../shared/messages.ts';

async function refusal(run: () => Promise<unknown>): Promise<FerryError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected a FerryError');
}

describe('the error message layer', () => {
  it('words a bad folder for both surfaces: the window names no flag, the terminal names --files-dir', async () => {
    const error = await refusal(() => LocalFolder.scan('/nonexistent/ferry-originals'));
    expect(error.field).toBe('filesDir');
    expect(error.message).not.toMatch(/--/);
    expect(new BridgeError(error.toShape()).message).toBe(
      'The files folder "/nonexistent/ferry-originals" does not exist. Check the folder\'s path.',
    );
    expect(cliMessage(error)).toBe(
      'The files folder "/nonexistent/ferry-originals" does not exist. Check the folder\'s path. (--files-dir)',
    );
  });

  it('keeps method names and flags that slip into a message off the screen', () => {
    expect(guiMessage({ message: 'Invalid vectorStores.create request: name: Name is required.' })).toBe(
      'Check the form: name: Name is required.',
    );
    expect(guiMessage({ message: 'Map it to one it has (--model-map gpt-4o=MODEL).' })).toBe('Map it to one it has.');
  });
});
