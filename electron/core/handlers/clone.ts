import type { cloneApi } from '../../../shared/contract/clone.ts';
import type { AreaHandlers } from '../dispatch.ts';
import { plannedFolder } from '../manage/local-file-grants.ts';
import type { CoreServices } from '../services.ts';

export function cloneHandlers({ jobs, shell, localFiles }: CoreServices): AreaHandlers<typeof cloneApi> {
  return {
    'clone.plan': (request) => jobs.plan(plannedFolder(request, shell, localFiles)),
    'clone.apply': ({ planId }) => jobs.apply(planId),
    'jobs.list': async () => jobs.list(),
    'jobs.get': async ({ id }) => jobs.get(id),
    'jobs.wait': ({ id }) => jobs.wait(id),
    'jobs.cancel': async ({ id }) => jobs.cancel(id),
    'jobs.resume': ({ id }) => jobs.resume(id),
    'jobs.retry': ({ id, key }) => jobs.resume(id, [key]),
    'jobs.verify': ({ id }) => jobs.verify(id),
    'jobs.cleanup': ({ id }) => jobs.cleanup(id),
  };
}
