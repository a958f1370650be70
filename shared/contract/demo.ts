import { z } from 'zod';
import { ConnectionView } from '../connection.ts';
import { NoParams } from './app.ts';
import { method } from './define.ts';

export const demoApi = {
  /**
   * Starts Ferry's built-in demo organizations (the sandbox: "Acme Production", "Acme Staging", "Legacy
   * Cloud") inside the app and adds a connection for each. Demo data is fresh each time Ferry starts.
   */
  'demo.start': method({ params: NoParams, result: z.object({ connections: z.array(ConnectionView) }) }),
} as const;
