import { MAX_IN_FLIGHT } from '../openai/scheduler.ts';

/**
 * The most objects of one kind a clone has under way at once (assistants, agents, read-ahead texts): enough
 * to keep every slot of the scheduler busy with a queue behind them. The scheduler bounds requests, not
 * callers; 6,400 assistants or 19,200 texts all started at once were that many waiting requests (promises,
 * frames, abort hooks), about 100 MB of a 64x clone's heap.
 */
export const OBJECTS_AT_ONCE = 2 * MAX_IN_FLIGHT;
